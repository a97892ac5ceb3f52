package energy.mdma.ingest.model;

import java.time.Instant;

/**
 * One accepted register (dial) reading: the whole number shown on the dials, no multiplier applied.
 *
 * @param line     line of the row (registers.csv, header = 1) or of the CMEP record (first record = 1)
 * @param position 0 for CSV; the 0-based triple index within the CMEP record
 * @param sequence order of receipt within the file (strictly increasing over all values and readings
 *                 emitted for one file); a higher sequence was received later
 */
public record ParsedRegisterReading(String meterId, int channel, Instant readTime, long reading, long line, int position,
        long sequence) {
}
