package energy.mdma.ingest.parse;

import energy.mdma.events.PrevailingTime;
import energy.mdma.ingest.model.ParsedIntervalBlock;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Tunables of the parsers; {@link #defaults()} are the values the spec implies.
 *
 * @param maxLineChars          longest accepted CSV line (characters, without the line end); a longer line
 *                              is rejected as a row and only this many characters are held in memory
 * @param maxCmepLineChars      the same for a CMEP record (a record can carry many triples)
 * @param maxBlockSize          most interval values in one {@link ParsedIntervalBlock}
 * @param maxReportedRejections rejections kept in the report (all are passed to the sink)
 * @param futureTolerance       a time more than this ahead of the clock is rejected
 * @param zone                  the zone of local times (America/Los_Angeles)
 * @param splitBlocksAtLocalDay also start a new block when the local day of the interval changes
 * @param requireKnownParties   a meter's udc_id must be a known UDC and esp_id a known ESP
 */
public record ParserOptions(int maxLineChars, int maxCmepLineChars, int maxBlockSize, int maxReportedRejections,
        Duration futureTolerance, ZoneId zone, boolean splitBlocksAtLocalDay, boolean requireKnownParties) {

    public ParserOptions {
        if (maxLineChars < 256 || maxCmepLineChars < 256) {
            throw new IllegalArgumentException("line limits must be at least 256 characters");
        }
        if (maxBlockSize < 1 || maxReportedRejections < 0 || futureTolerance.isNegative()) {
            throw new IllegalArgumentException("maxBlockSize >= 1, maxReportedRejections >= 0, futureTolerance >= 0");
        }
    }

    public static ParserOptions defaults() {
        return new ParserOptions(64 * 1024, 1024 * 1024, 4096, 1000, Duration.ofMinutes(15),
                PrevailingTime.ZONE, false, true);
    }

    public ParserOptions withMaxLineChars(int n) {
        return new ParserOptions(n, maxCmepLineChars, maxBlockSize, maxReportedRejections, futureTolerance, zone,
                splitBlocksAtLocalDay, requireKnownParties);
    }

    public ParserOptions withMaxBlockSize(int n) {
        return new ParserOptions(maxLineChars, maxCmepLineChars, n, maxReportedRejections, futureTolerance, zone,
                splitBlocksAtLocalDay, requireKnownParties);
    }

    public ParserOptions withSplitBlocksAtLocalDay(boolean split) {
        return new ParserOptions(maxLineChars, maxCmepLineChars, maxBlockSize, maxReportedRejections,
                futureTolerance, zone, split, requireKnownParties);
    }

    public ParserOptions withRequireKnownParties(boolean require) {
        return new ParserOptions(maxLineChars, maxCmepLineChars, maxBlockSize, maxReportedRejections,
                futureTolerance, zone, splitBlocksAtLocalDay, require);
    }
}
