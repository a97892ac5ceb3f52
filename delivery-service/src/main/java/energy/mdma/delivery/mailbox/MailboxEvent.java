package energy.mdma.delivery.mailbox;

import java.time.Instant;

/**
 * What happens to mailboxes, as events: the store's state is what these events say, so it can be rebuilt
 * (or fed) from a log, e.g. a Kafka topic keyed by party.
 */
public sealed interface MailboxEvent {

    String party();

    /** A file was posted to a mailbox (bytes already in the {@link FileContentStore} under its sha256). */
    record FilePosted(MailboxFile file) implements MailboxEvent {
        @Override
        public String party() {
            return file.party();
        }
    }

    /** A file was acknowledged (first time only; repeated acks produce no event). */
    record FileRetrieved(String party, String fileId, Instant at, String by) implements MailboxEvent {
    }
}
