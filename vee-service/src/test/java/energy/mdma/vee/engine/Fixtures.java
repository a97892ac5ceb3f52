package energy.mdma.vee.engine;

import energy.mdma.events.IntervalStatus;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.EvaluatedIntervals;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.IntervalValue;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.ReceivedIntervals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Synthetic channel data for engine tests. */
public final class Fixtures {
    static final ChannelConfig CH = new ChannelConfig("T1", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0,
            BigDecimal.ONE, 15, 5);

    /** Deterministic load shape in 0.050..0.099 by day of year and wall-clock time (no spikes). */
    static BigDecimal shape(LocalDate day, int wallMinute) {
        return BigDecimal.valueOf(50 + Math.floorMod(day.getDayOfYear() * 7 + wallMinute / 15 * 13, 50), 3);
    }

    static Instant t(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    /** Builder of a channel's received values over local days [from, to). */
    static final class Data {
        final Map<Instant, IntervalValue> values = new HashMap<>();

        Data(LocalDate from, LocalDate toExclusive) {
            for (LocalDate d = from; d.isBefore(toExclusive); d = d.plusDays(1)) {
                int n = LocalGrid.intervalsPerDay(d, 15);
                for (int k = 0; k < n; k++) {
                    Instant end = LocalGrid.endOf(d, k, 15);
                    values.put(end, new IntervalValue(end, shape(d, LocalGrid.wallMinuteOfDay(end)), Set.of()));
                }
            }
        }

        /** Removes n intervals starting with the one ending at {@code firstEnd}. */
        Data remove(String firstEnd, int n) {
            Instant e = t(firstEnd);
            for (int i = 0; i < n; i++) {
                if (values.remove(e.plusSeconds(900L * i)) == null) {
                    throw new IllegalArgumentException("no value at " + e.plusSeconds(900L * i));
                }
            }
            return this;
        }

        /** Removes everything ending after the given instant. */
        Data stopAfter(String lastEnd) {
            Instant e = t(lastEnd);
            values.keySet().removeIf(x -> x.isAfter(e));
            return this;
        }

        Data set(String end, String value, IntervalStatus... st) {
            Instant e = t(end);
            values.put(e, new IntervalValue(e, new BigDecimal(value), Set.of(st)));
            return this;
        }

        BigDecimal value(String end) {
            return values.get(t(end)).value();
        }

        ReceivedIntervals build() {
            return ReceivedIntervals.of(15, new ArrayList<>(values.values()));
        }

        List<IntervalValue> list() {
            return new ArrayList<>(values.values());
        }
    }

    /** round4(mean of the shape at the wall time on the given days). */
    static BigDecimal histMean(int wallMinute, LocalDate... refs) {
        BigDecimal sum = BigDecimal.ZERO;
        for (LocalDate d : refs) {
            sum = sum.add(shape(d, wallMinute));
        }
        return sum.divide(BigDecimal.valueOf(refs.length), 4, RoundingMode.HALF_UP);
    }

    /** Index of the interval ending at {@code end} within the period's series, or -1. */
    static int indexOf(EvaluatedPeriod r, String end) {
        EvaluatedIntervals s = r.intervals();
        long e = t(end).getEpochSecond();
        for (int i = 0; i < s.size(); i++) {
            if (s.endEpochSeconds()[i] == e) {
                return i;
            }
        }
        return -1;
    }

    static Set<LocalDate> days(LocalDate... d) {
        return new HashSet<>(List.of(d));
    }

    /** A stable textual digest of a result (records with arrays do not compare by content). */
    public static String digest(EvaluatedPeriod r) {
        StringBuilder b = new StringBuilder(r.toString().replaceAll("EvaluatedIntervals\\[[^\\]]*\\]", ""));
        EvaluatedIntervals s = r.intervals();
        if (s != null) {
            for (int i = 0; i < s.size(); i++) {
                b.append('|').append(s.endEpochSeconds()[i]).append(',').append(s.usageDecimal(i)).append(',')
                        .append(s.isEstimated(i)).append(',').append(s.methodOf(i)).append(',').append(s.reasonOf(i))
                        .append(',').append(s.isOutage(i)).append(',').append(s.isDue(i));
            }
        }
        return b.toString();
    }
}
