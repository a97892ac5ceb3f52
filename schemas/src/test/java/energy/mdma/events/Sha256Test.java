package energy.mdma.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class Sha256Test {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void lowerCaseHexOfTheFipsExample() {
        assertEquals(ABC, Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
        MessageDigest streamed = Sha256.newDigest();
        streamed.update((byte) 'a');
        streamed.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ABC, Sha256.hex(streamed));
    }

    @Test
    void isHexTakesOnlySixtyFourLowerCaseDigits() {
        assertTrue(Sha256.isHex(ABC));
        assertFalse(Sha256.isHex(ABC.toUpperCase()));
        assertFalse(Sha256.isHex(ABC.substring(1)));
        assertFalse(Sha256.isHex(null));
    }
}
