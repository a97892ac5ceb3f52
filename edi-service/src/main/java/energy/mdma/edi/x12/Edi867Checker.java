package energy.mdma.edi.x12;

import java.util.List;

/** STAND-IN (replaced by the compiled checker). */
public final class Edi867Checker {
    public List<String> check(byte[] interchange) {
        return List.of();
    }

    public void requireValid(byte[] interchange, String context) {
    }
}
