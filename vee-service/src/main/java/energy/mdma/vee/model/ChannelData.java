package energy.mdma.vee.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The received interval values of one channel, held block-oriented per local day: for each day an
 * array of raw values indexed by the interval's position in the day ({@code null} = not received)
 * and a parallel array of status bits ({@link IntervalStatus#bit()}).
 *
 * <p>The content is a set keyed by interval end; it does not depend on the order in which days or
 * values were added. When the same end is given twice to {@link #of}, the later element of the
 * collection wins (the ingest layer decides what "received last" means).
 */
public final class ChannelData {

    /**
     * One channel-day of received values.
     *
     * @param day        local day
     * @param values     raw values by position in the day, null where nothing was received
     * @param statusBits status bits by position
     */
    public record DayBlock(LocalDate day, BigDecimal[] values, byte[] statusBits) {
        public DayBlock {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(values, "values");
            if (statusBits == null) {
                statusBits = new byte[values.length];
            }
            if (statusBits.length != values.length) {
                throw new IllegalArgumentException("values and statusBits differ in length for " + day);
            }
        }

        public boolean isEmpty() {
            for (BigDecimal v : values) {
                if (v != null) {
                    return false;
                }
            }
            return true;
        }
    }

    private final int intervalMinutes;
    private final NavigableMap<LocalDate, DayBlock> days;

    private ChannelData(int intervalMinutes, NavigableMap<LocalDate, DayBlock> days) {
        this.intervalMinutes = intervalMinutes;
        this.days = Collections.unmodifiableNavigableMap(days);
    }

    public static ChannelData empty(int intervalMinutes) {
        return new ChannelData(intervalMinutes, new TreeMap<>());
    }

    /** Builds the day blocks from individual received values. */
    public static ChannelData of(int intervalMinutes, Collection<IntervalValue> values) {
        if (intervalMinutes <= 0) {
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("a non-interval channel has no interval values");
            }
            return empty(intervalMinutes);
        }
        TreeMap<LocalDate, DayBlock> map = new TreeMap<>();
        for (IntervalValue v : values) {
            LocalDate day = LocalGrid.dayOf(v.end());
            int pos = LocalGrid.positionOf(v.end(), intervalMinutes);
            DayBlock b = map.computeIfAbsent(day, d -> {
                int n = LocalGrid.intervalsPerDay(d, intervalMinutes);
                return new DayBlock(d, new BigDecimal[n], new byte[n]);
            });
            b.values()[pos] = v.value();
            b.statusBits()[pos] = IntervalStatus.toBits(v.statuses());
        }
        return new ChannelData(intervalMinutes, map);
    }

    /** Takes day blocks as handed over by the production system (one per day, arrays copied). */
    public static ChannelData ofBlocks(int intervalMinutes, Collection<DayBlock> blocks) {
        TreeMap<LocalDate, DayBlock> map = new TreeMap<>();
        for (DayBlock b : blocks) {
            int n = LocalGrid.intervalsPerDay(b.day(), intervalMinutes);
            if (b.values().length != n) {
                throw new IllegalArgumentException(b.day() + " has " + n + " intervals, block has "
                        + b.values().length);
            }
            if (map.put(b.day(), new DayBlock(b.day(), b.values().clone(), b.statusBits().clone())) != null) {
                throw new IllegalArgumentException("two blocks for " + b.day());
            }
        }
        return new ChannelData(intervalMinutes, map);
    }

    public int intervalMinutes() {
        return intervalMinutes;
    }

    /** Day blocks by local day (read-only; do not modify the arrays). */
    public NavigableMap<LocalDate, DayBlock> days() {
        return days;
    }

    /** @return the end of the first received interval, or null. */
    public Instant firstReceived() {
        for (DayBlock b : days.values()) {
            for (int i = 0; i < b.values().length; i++) {
                if (b.values()[i] != null) {
                    return LocalGrid.endOf(b.day(), i, intervalMinutes);
                }
            }
        }
        return null;
    }

    /** @return the end of the last received interval, or null (the "last received interval"). */
    public Instant lastReceived() {
        for (DayBlock b : days.descendingMap().values()) {
            for (int i = b.values().length - 1; i >= 0; i--) {
                if (b.values()[i] != null) {
                    return LocalGrid.endOf(b.day(), i, intervalMinutes);
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "ChannelData[" + intervalMinutes + "min, days=" + days.keySet() + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ChannelData other) || other.intervalMinutes != intervalMinutes
                || !other.days.keySet().equals(days.keySet())) {
            return false;
        }
        for (DayBlock b : days.values()) {
            DayBlock c = other.days.get(b.day());
            if (!Arrays.equals(b.values(), c.values()) || !Arrays.equals(b.statusBits(), c.statusBits())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(intervalMinutes, days.keySet());
    }
}
