package energy.mdma.delivery.mailbox;

import java.time.Instant;
import java.util.Optional;

/**
 * The mailboxes of all parties. Listings are ordered by (postedAt, id), oldest first; a cursor is the position
 * after the last item returned, so pages stay stable while files are being posted (new files sort after every
 * existing one) or acknowledged.
 *
 * <p>Writes made here ({@link #post}, {@link #ack}) are published to a {@link MailboxEventSink} and applied;
 * events from elsewhere (another instance, a Kafka topic) are fed through {@link #apply}. Thread-safe.
 */
public interface MailboxStore {

    /** Stores the bytes and posts the file to {@code party}'s mailbox. */
    MailboxFile post(String party, String name, DocumentKind kind, byte[] content);

    /**
     * @param since  only files posted at or after this instant (null: all)
     * @param limit  at most this many items (1..)
     * @param cursor nextCursor of the previous page, or null for the first
     * @throws InvalidCursorException for a cursor this store did not produce
     */
    MailboxPage list(String party, StatusFilter status, Instant since, int limit, String cursor);

    /** The file when it is in {@code party}'s mailbox; empty otherwise (also for another party's file). */
    Optional<MailboxFile> get(String party, String fileId);

    /**
     * Marks the file retrieved (first time: now, by {@code actor}); repeating it changes nothing and returns the
     * same record. Empty when the file is not in {@code party}'s mailbox.
     */
    Optional<MailboxFile> ack(String party, String fileId, String actor);

    /** The newest file of a kind in the mailbox (e.g. the current summary report). */
    Optional<MailboxFile> latest(String party, DocumentKind kind);

    /** Applies an event (idempotent: a repeated FilePosted or FileRetrieved changes nothing). */
    void apply(MailboxEvent event);
}
