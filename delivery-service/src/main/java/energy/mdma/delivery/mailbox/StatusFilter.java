package energy.mdma.delivery.mailbox;

import java.util.Locale;

/** Which files a listing returns. */
public enum StatusFilter {
    /** Not yet acknowledged (the default). */
    NEW,
    /** Acknowledged. */
    RETRIEVED,
    ALL;

    /** Parses new|retrieved|all (case-insensitive); null or blank gives NEW. */
    public static StatusFilter parse(String text) {
        if (text == null || text.isBlank()) {
            return NEW;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be new, retrieved or all");
        }
    }
}
