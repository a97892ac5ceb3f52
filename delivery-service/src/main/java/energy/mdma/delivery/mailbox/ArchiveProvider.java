package energy.mdma.delivery.mailbox;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The archive: the current data of one service account over a date range, as an 867 for the requesting
 * mailbox owner (which must only see accounts it owns or serves - the provider filters by {@code party}).
 */
public interface ArchiveProvider {

    /** @param name file name; @param x12 the 867 interchange */
    record ArchiveDocument(String name, byte[] x12) {
    }

    /**
     * @return the document, or empty when the party has no data for that account and range
     * @throws ArchiveUnavailableException when the archive cannot answer at all (not connected, down)
     */
    Optional<ArchiveDocument> usage(String party, String account, LocalDate from, LocalDate to);

    /** The archive is not reachable or not implemented. */
    class ArchiveUnavailableException extends RuntimeException {
        public ArchiveUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
