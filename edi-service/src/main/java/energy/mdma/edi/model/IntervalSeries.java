package energy.mdma.edi.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The intervals of one interval channel in one period, as parallel arrays in time order.
 * The arrays are not copied (they can be large); callers must not change them afterwards.
 *
 * @param endEpochSeconds interval end instants, epoch seconds, strictly increasing
 * @param usage1e4        usage, fixed point with scale 4 ({@code 2500} = 0.25)
 * @param estimated       {@code true} when the value is estimated (QTY01 {@code KA}), else actual ({@code QD})
 */
public record IntervalSeries(long[] endEpochSeconds, long[] usage1e4, boolean[] estimated) {

    public IntervalSeries {
        Objects.requireNonNull(endEpochSeconds, "endEpochSeconds");
        Objects.requireNonNull(usage1e4, "usage1e4");
        Objects.requireNonNull(estimated, "estimated");
        if (endEpochSeconds.length != usage1e4.length || endEpochSeconds.length != estimated.length) {
            throw new IllegalArgumentException("interval arrays differ in length: " + endEpochSeconds.length
                    + "/" + usage1e4.length + "/" + estimated.length);
        }
        for (int i = 1; i < endEpochSeconds.length; i++) {
            if (endEpochSeconds[i] <= endEpochSeconds[i - 1]) {
                throw new IllegalArgumentException("interval ends not strictly increasing at index " + i);
            }
        }
    }

    /** Builds a series from instants. */
    public static IntervalSeries of(Instant[] ends, long[] usage1e4, boolean[] estimated) {
        long[] secs = new long[ends.length];
        for (int i = 0; i < ends.length; i++) {
            if (ends[i].getNano() != 0) {
                throw new IllegalArgumentException("interval end with sub-second part: " + ends[i]);
            }
            secs[i] = ends[i].getEpochSecond();
        }
        return new IntervalSeries(secs, usage1e4, estimated);
    }

    public int size() {
        return endEpochSeconds.length;
    }

    public Instant end(int i) {
        return Instant.ofEpochSecond(endEpochSeconds[i]);
    }

    public BigDecimal usage(int i) {
        return Quantities.from1e4(usage1e4[i]);
    }

    public int estimatedCount() {
        int n = 0;
        for (boolean b : estimated) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** Sum of all usage values (fixed point scale 4). */
    public long sum1e4() {
        long s = 0;
        for (long u : usage1e4) {
            s = Math.addExact(s, u);
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntervalSeries other
                && Arrays.equals(endEpochSeconds, other.endEpochSeconds)
                && Arrays.equals(usage1e4, other.usage1e4)
                && Arrays.equals(estimated, other.estimated);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(endEpochSeconds) + Arrays.hashCode(usage1e4)) + Arrays.hashCode(estimated);
    }

    @Override
    public String toString() {
        return "IntervalSeries[size=" + size() + (size() > 0 ? ", first=" + end(0) + ", last=" + end(size() - 1) : "")
                + ", estimated=" + estimatedCount() + "]";
    }
}
