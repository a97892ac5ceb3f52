package energy.mdma.ingest.parse;

/**
 * A rejected row. {@code line} counts the header as line 1 for CSV; for CMEP line 1 is the first record.
 */
public record RejectedRow(long line, String reason) {
}
