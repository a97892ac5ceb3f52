package energy.mdma.delivery.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The current summary report of a party (edi-867.md "The summary report"). */
public interface SummaryProvider {

    /** @param name file name; @param csv RFC 4180 CSV with LF line ends; @param generatedAt when it was produced */
    record Summary(String name, byte[] csv, Instant generatedAt) {
    }

    /**
     * The newest summary posted to a mailbox: its files, in order (one, or its parts: a reader takes their union).
     *
     * @param name        its name without a part number
     * @param generatedAt when it was produced
     */
    record Posted(String name, List<MailboxFile> parts, Instant generatedAt) {
    }

    /** The newest summary posted to the party's mailbox, or empty when none has been posted yet. */
    Optional<Posted> newest(String party);

    /**
     * Writes the summary as one CSV (one header, the rows of every part in order) with the rows that pass the
     * filter, streamed from the files: never held whole in memory.
     */
    void write(Posted summary, SummaryFilter filter, java.io.OutputStream out) throws IOException;

    /** The current summary of the party, whole in memory (for small uses), or empty when none has been produced yet. */
    default Optional<Summary> current(String party) {
        return newest(party).map(p -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                write(p, SummaryFilter.NONE, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Summary(p.name(), out.toByteArray(), p.generatedAt());
        });
    }
}
