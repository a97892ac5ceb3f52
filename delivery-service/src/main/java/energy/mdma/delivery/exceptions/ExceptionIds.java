package energy.mdma.delivery.exceptions;

import energy.mdma.events.Sha256;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * The id of an exception: the same type, meter, channel, account and period give the same id, so that a raise, a
 * repeat of it and its resolution meet, whichever service wrote them. 20 hex digits of a SHA-256 (URL-safe).
 */
public final class ExceptionIds {

    private ExceptionIds() {
    }

    public static String of(String type, String meterId, Integer channel, String account, LocalDate periodEnd) {
        String natural = type + "|" + nz(meterId) + "|" + (channel == null ? "" : channel) + "|" + nz(account) + "|"
                + (periodEnd == null ? "" : periodEnd);
        byte[] d = Sha256.digest(natural.getBytes(StandardCharsets.UTF_8));
        return "x" + HexFormat.of().formatHex(d, 0, 10);
    }

    /** Whether {@code id} could be an exception id (checked before it is looked up or recorded). */
    public static boolean isValid(String id) {
        return id != null && id.matches("x[0-9a-f]{20}");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
