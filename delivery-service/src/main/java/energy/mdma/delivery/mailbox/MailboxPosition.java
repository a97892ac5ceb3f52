package energy.mdma.delivery.mailbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * Where a file sits in its mailbox: ordered by (postedAt, id). Listing cursors are positions, written as URL-safe
 * Base64 of {@code 1:<epochSecond>:<nano>:<id>}; every mailbox view uses this order and this cursor form.
 */
public record MailboxPosition(Instant postedAt, String id) {

    public static final Comparator<MailboxPosition> ORDER =
            Comparator.comparing(MailboxPosition::postedAt).thenComparing(MailboxPosition::id);

    public static MailboxPosition of(MailboxFile file) {
        return new MailboxPosition(file.postedAt(), file.id());
    }

    /** The cursor that continues a listing after this position. */
    public String cursor() {
        String raw = "1:" + postedAt.getEpochSecond() + ":" + postedAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; {@link InvalidCursorException} when it names none. */
    public static MailboxPosition ofCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] p = raw.split(":", 4);
            if (p.length != 4 || !p[0].equals("1") || !MailboxFile.isValidId(p[3])) {
                throw new InvalidCursorException();
            }
            return new MailboxPosition(Instant.ofEpochSecond(Long.parseLong(p[1]), Long.parseLong(p[2])), p[3]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw e instanceof InvalidCursorException ice ? ice : new InvalidCursorException();
        }
    }
}
