package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.Channel;
import energy.mdma.ingest.model.Meter;
import energy.mdma.ingest.model.ParsedIntervalBlock;
import energy.mdma.ingest.model.ParsedRegisterReading;
import energy.mdma.ingest.model.Party;
import energy.mdma.ingest.model.ScheduleEntry;

/**
 * Receives what a parser accepts, in file order, on the parsing thread. All methods default to doing
 * nothing.
 *
 * <p>Contract: output is tentative until {@link #end(ParseReport)}. A file can be found not to be UTF-8
 * text after rows of it were already passed on; then {@code end} receives a report with
 * {@link ParseReport#fileRejected()} true and everything received for the file must be discarded (e.g. abort
 * the Kafka transaction). If {@code parse} throws (I/O error, or an exception thrown by the sink),
 * {@code end} is not called and the output must be discarded too.
 *
 * <p>Interval values arrive in {@link ParsedIntervalBlock}s, never one call per value: a block is a run of values
 * of one meter channel, flushed when the meter or channel changes, when it holds
 * {@link ParserOptions#maxBlockSize()} values, at the end of the file, before a register reading of a
 * CMEP file, and (if {@link ParserOptions#splitBlocksAtLocalDay()}) when the local day changes. Blocks
 * arrive in file order, so for duplicates the higher sequence (later line) is current.
 */
public interface IngestSink {

    default void party(Party party) {
    }

    default void meter(Meter meter) {
    }

    default void channel(Channel channel) {
    }

    default void scheduleEntry(ScheduleEntry entry) {
    }

    default void intervals(ParsedIntervalBlock block) {
    }

    default void register(ParsedRegisterReading reading) {
    }

    /** Every rejected row (not only the first 1000 that the report keeps). */
    default void rowRejected(RejectedRow rejection) {
    }

    /** The file is done; if {@code report.fileRejected()}, discard everything received for it. */
    default void end(ParseReport report) {
    }
}
