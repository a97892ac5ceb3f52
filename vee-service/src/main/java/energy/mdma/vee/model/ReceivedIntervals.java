package energy.mdma.vee.model;

import energy.mdma.events.IntervalStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * array of raw values as fixed-point longs with scale {@link #RAW_SCALE} (value * 10^6) indexed by the
 * interval's position in the day, a parallel presence flag (false = not received) and a parallel array
 * of status bits ({@link IntervalStatus#bit()}). No per-interval objects.
 *
 * <p>The content is a set keyed by interval end; it does not depend on the order in which days or
 * values were added. When the same end is given twice to {@link #of}, the later element of the
 * collection wins (the ingest layer decides what "received last" means).
 */
public final class ReceivedIntervals {

    /** Scale of the raw values: a raw value v is held as v * 10^6 (as in the state store). */
    public static final int RAW_SCALE = 6;

    /**
     * One channel-day of received values.
     *
     * @param day        local day
     * @param values     raw values * 10^{@value #RAW_SCALE} by position in the day (meaningless where not present)
     * @param present    whether a value was received at the position
     * @param statusBits status bits by position
     */
    public record DayBlock(LocalDate day, long[] values, boolean[] present, byte[] statusBits) {
        public DayBlock {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(present, "present");
            if (statusBits == null) {
                statusBits = new byte[values.length];
            }
            if (statusBits.length != values.length || present.length != values.length) {
                throw new IllegalArgumentException("values, present and statusBits differ in length for " + day);
            }
        }

        /** An empty block of {@code n} positions. */
        public static DayBlock empty(LocalDate day, int n) {
            return new DayBlock(day, new long[n], new boolean[n], new byte[n]);
        }

        public boolean isEmpty() {
            for (boolean p : present) {
                if (p) {
                    return false;
                }
            }
            return true;
        }

        /** @return the raw value at {@code pos} as a decimal, or null when nothing was received. */
        public BigDecimal value(int pos) {
            return present[pos] ? BigDecimal.valueOf(values[pos], RAW_SCALE) : null;
        }

        /** @return the first received position, or -1. */
        public int firstPresent() {
            return firstPresent(present);
        }

        /** @return the last received position, or -1. */
        public int lastPresent() {
            return lastPresent(present);
        }

        /** @return the first position received by the flags {@code present}, or -1 (also for a stored day). */
        public static int firstPresent(boolean[] present) {
            for (int i = 0; i < present.length; i++) {
                if (present[i]) {
                    return i;
                }
            }
            return -1;
        }

        /** @return the last position received by the flags {@code present}, or -1 (also for a stored day). */
        public static int lastPresent(boolean[] present) {
            for (int i = present.length - 1; i >= 0; i--) {
                if (present[i]) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** @return v * 10^6 exactly; more than 6 decimals is an error. */
    public static long toRaw(BigDecimal v) {
        return v.setScale(RAW_SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    private final int intervalMinutes;
    private final NavigableMap<LocalDate, DayBlock> days;

    private ReceivedIntervals(int intervalMinutes, NavigableMap<LocalDate, DayBlock> days) {
        this.intervalMinutes = intervalMinutes;
        this.days = Collections.unmodifiableNavigableMap(days);
    }

    public static ReceivedIntervals empty(int intervalMinutes) {
        return new ReceivedIntervals(intervalMinutes, new TreeMap<>());
    }

    /** Builds the day blocks from individual received values. */
    public static ReceivedIntervals of(int intervalMinutes, Collection<IntervalValue> values) {
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
            DayBlock b = map.computeIfAbsent(day, d -> DayBlock.empty(d, LocalGrid.intervalsPerDay(d, intervalMinutes)));
            b.values()[pos] = toRaw(v.value());
            b.present()[pos] = true;
            b.statusBits()[pos] = (byte) IntervalStatus.toBits(v.statuses());
        }
        return new ReceivedIntervals(intervalMinutes, map);
    }

    /** Takes day blocks as handed over by the production system (one per day, arrays copied). */
    public static ReceivedIntervals ofBlocks(int intervalMinutes, Collection<DayBlock> blocks) {
        TreeMap<LocalDate, DayBlock> map = new TreeMap<>();
        for (DayBlock b : blocks) {
            int n = LocalGrid.intervalsPerDay(b.day(), intervalMinutes);
            if (b.values().length != n) {
                throw new IllegalArgumentException(b.day() + " has " + n + " intervals, block has "
                        + b.values().length);
            }
            if (map.put(b.day(), new DayBlock(b.day(), b.values().clone(), b.present().clone(),
                    b.statusBits().clone())) != null) {
                throw new IllegalArgumentException("two blocks for " + b.day());
            }
        }
        return new ReceivedIntervals(intervalMinutes, map);
    }

    /**
     * Takes day blocks without copying them (the caller hands them over and does not modify them): for
     * the production path, which decodes fresh blocks from the state store.
     */
    public static ReceivedIntervals wrap(int intervalMinutes, NavigableMap<LocalDate, DayBlock> blocks) {
        return new ReceivedIntervals(intervalMinutes, blocks);
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
            int i = b.firstPresent();
            if (i >= 0) {
                return LocalGrid.endOf(b.day(), i, intervalMinutes);
            }
        }
        return null;
    }

    /** @return the end of the last received interval, or null (the "last received interval"). */
    public Instant lastReceived() {
        for (DayBlock b : days.descendingMap().values()) {
            int i = b.lastPresent();
            if (i >= 0) {
                return LocalGrid.endOf(b.day(), i, intervalMinutes);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "ReceivedIntervals[" + intervalMinutes + "min, days=" + days.keySet() + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReceivedIntervals other) || other.intervalMinutes != intervalMinutes
                || !other.days.keySet().equals(days.keySet())) {
            return false;
        }
        for (DayBlock b : days.values()) {
            DayBlock c = other.days.get(b.day());
            if (!Arrays.equals(b.present(), c.present()) || !Arrays.equals(b.statusBits(), c.statusBits())) {
                return false;
            }
            for (int i = 0; i < b.present().length; i++) {
                if (b.present()[i] && b.values()[i] != c.values()[i]) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(intervalMinutes, days.keySet());
    }
}
