package energy.mdma.delivery.mailbox;

import java.time.Instant;
import java.util.Optional;

/** The current summary report of a party (edi-867.md "The summary report"). */
public interface SummaryProvider {

    /** @param name file name; @param csv RFC 4180 CSV with LF line ends; @param generatedAt when it was produced */
    record Summary(String name, byte[] csv, Instant generatedAt) {
    }

    /** The current summary of the party, or empty when none has been produced yet. */
    Optional<Summary> current(String party);
}
