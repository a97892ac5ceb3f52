package energy.mdma.ingest.model;

import energy.mdma.events.IntervalStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A block of interval values of one meter channel, in the order they were received. The ends need not
 * be consecutive, sorted or distinct: when the same end occurs twice, the entry with the higher
 * {@link #sequence(int)} was received later and is current (input-formats.md section 1: "within one file,
 * the later line").
 *
 * <p>Values are kept in parallel primitive arrays (one block holds up to a few thousand values), so a
 * block costs about 40 bytes per value. The arrays are copied on construction and never exposed.
 */
public final class ParsedIntervalBlock {
    private final String meterId;
    private final int channel;
    private final int intervalMinutes;
    private final long[] endEpochSeconds;
    private final long[] valueMicros;
    private final byte[] statusBits;
    private final long[] lines;
    private final int[] positions;
    private final long[] sequences;

    /**
     * @param endEpochSeconds interval ends (epoch seconds, whole minutes)
     * @param valueMicros     raw values in micro-units (see {@link Micros})
     * @param statusBits      per value, a bit mask of {@link IntervalStatus#bit()}
     * @param lines           per value, the file line it came from
     * @param positions       per value, 0 for CSV or the 0-based triple index within the CMEP record
     * @param sequences       per value, the order of receipt within the file (strictly increasing)
     */
    public ParsedIntervalBlock(String meterId, int channel, int intervalMinutes, long[] endEpochSeconds,
            long[] valueMicros, byte[] statusBits, long[] lines, int[] positions, long[] sequences) {
        this.meterId = Objects.requireNonNull(meterId, "meterId");
        this.channel = channel;
        this.intervalMinutes = intervalMinutes;
        int n = endEpochSeconds.length;
        if (valueMicros.length != n || statusBits.length != n || lines.length != n || positions.length != n
                || sequences.length != n) {
            throw new IllegalArgumentException("all arrays of an ParsedIntervalBlock must have the same length " + n);
        }
        this.endEpochSeconds = endEpochSeconds.clone();
        this.valueMicros = valueMicros.clone();
        this.statusBits = statusBits.clone();
        this.lines = lines.clone();
        this.positions = positions.clone();
        this.sequences = sequences.clone();
    }

    public String meterId() {
        return meterId;
    }

    public int channel() {
        return channel;
    }

    public int intervalMinutes() {
        return intervalMinutes;
    }

    public int size() {
        return endEpochSeconds.length;
    }

    public long endEpochSecond(int i) {
        return endEpochSeconds[i];
    }

    public Instant end(int i) {
        return Instant.ofEpochSecond(endEpochSeconds[i]);
    }

    public long valueMicros(int i) {
        return valueMicros[i];
    }

    public BigDecimal value(int i) {
        return Micros.toBigDecimal(valueMicros[i]);
    }

    public int statusBits(int i) {
        return statusBits[i];
    }

    public Set<IntervalStatus> status(int i) {
        return IntervalStatus.fromBits(statusBits[i]);
    }

    public long line(int i) {
        return lines[i];
    }

    public int position(int i) {
        return positions[i];
    }

    public long sequence(int i) {
        return sequences[i];
    }

    public ParsedIntervalValue get(int i) {
        return new ParsedIntervalValue(end(i), valueMicros[i], status(i), lines[i], positions[i], sequences[i]);
    }

    /** All values as records (allocates; meant for tests and small consumers). */
    public List<ParsedIntervalValue> values() {
        List<ParsedIntervalValue> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(get(i));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return "ParsedIntervalBlock[" + meterId + "/" + channel + ", " + intervalMinutes + " min, " + size() + " values"
                + (size() > 0 ? ", lines " + lines[0] + ".." + lines[size() - 1] : "") + "]";
    }
}
