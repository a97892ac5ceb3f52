package energy.mdma.delivery.mailbox;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file in a party's mailbox. Immutable; acknowledging it gives a copy with {@code retrievedAt} set.
 *
 * @param id          opaque, unguessable id, unique over all mailboxes
 * @param party       the mailbox owner (receiver)
 * @param name        file name (edi-867.md "File naming")
 * @param kind        EDI_867 or SUMMARY
 * @param size        bytes
 * @param sha256      lower-case hex SHA-256 of the bytes (also the key in the {@link FileContentStore})
 * @param postedAt    when it was posted
 * @param retrievedAt when it was first acknowledged, or null while new
 * @param retrievedBy who acknowledged it, or null
 */
public record MailboxFile(String id, String party, String name, DocumentKind kind, long size, String sha256,
                          Instant postedAt, Instant retrievedAt, String retrievedBy) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** Whether the text could be a file id (anything else is simply not found). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public MailboxFile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(postedAt, "postedAt");
    }

    public boolean isRetrieved() {
        return retrievedAt != null;
    }

    public MailboxFile retrieved(Instant at, String by) {
        return new MailboxFile(id, party, name, kind, size, sha256, postedAt, at, by);
    }
}
