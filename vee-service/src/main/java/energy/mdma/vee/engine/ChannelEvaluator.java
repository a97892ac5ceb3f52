package energy.mdma.vee.engine;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.ManualEdits;
import energy.mdma.vee.model.ReceivedIntervals;
import energy.mdma.vee.model.VeeParameters;
import energy.mdma.vee.rules.RegisterEdits;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Entry point of the VEE engine: evaluates one channel of a meter over all read periods of its
 * cycle. The result is a pure function of the complete set of inputs: read dates are sorted and
 * de-duplicated, interval data is a set keyed by interval end, and of several register readings on
 * one local date the one with the latest read time counts (equal times: the larger reading, so that
 * the result does not depend on input order).
 *
 * <h2>Which days evaluating one period P(R) = R'..R-1 needs</h2>
 * For an interval channel, the result of P(R) depends on:
 * <ul>
 * <li>the period's days R'..R-1 and day R (the sum check sums the intervals up to the read time on R);</li>
 * <li>gap extension: a gap (run of invalid intervals) crossing R' or R may extend to any length; the
 * days back to the last valid interval before the gap that contains R''s first interval and forward to
 * the first valid interval after the gap containing R's (or the day-R read time's) interval are needed,
 * since the gap's length decides LIN vs HIST and its endpoints feed LIN;</li>
 * <li>lookback: for every day D of the (extended) range, the days D-like_day_lookback_days .. D-1 (28
 * by default), because HIST of any interval of a gap, the fallback of the whole gap and the day checks
 * (H) use D's reference days; the cleanliness of a reference day depends on that day alone
 * (spike check is per day);</li>
 * <li>channel-wide facts: the first and last received interval (grid bounds, trailing gaps), the
 * cycle's read dates, the register readings on R' and R, and {@code now}.</li>
 * </ul>
 * So a window of [start of the gap around R''s first interval - lookback, end of the gap around day
 * R's last interval] plus the grid bounds suffices; in the common case (no gap at the boundaries)
 * that is R'-28 .. R. For a non-interval channel, P(R) depends on the readings of the cycle's read
 * dates up to R (the ADU estimate chains through earlier periods), which are few.
 */
public final class ChannelEvaluator {

    private ChannelEvaluator() {
    }

    /**
     * Evaluates every read period of the channel.
     *
     * @param config    channel configuration
     * @param readDates scheduled read dates of the meter's cycle (any order)
     * @param intervals received interval values (ignored for a non-interval meter)
     * @param registers register readings of this channel (any order)
     * @param p         VEE parameters of the meter's class
     * @param now       wall clock for the estimation deadline
     * @return one result per read period, in period order
     */
    public static List<EvaluatedPeriod> evaluate(ChannelConfig config, Collection<LocalDate> readDates,
            ReceivedIntervals intervals, Collection<DialReading> registers, VeeParameters p, Instant now) {
        return evaluate(config, readDates, intervals, registers, ManualEdits.NONE, p, now);
    }

    /** {@link #evaluate} with the manual edits in force for the channel (operations.md section 2). */
    public static List<EvaluatedPeriod> evaluate(ChannelConfig config, Collection<LocalDate> readDates,
            ReceivedIntervals intervals, Collection<DialReading> registers, ManualEdits edits, VeeParameters p,
            Instant now) {
        Inputs in = Inputs.of(config, readDates, registers, edits, p, now);
        if (config.isInterval()) {
            ReceivedIntervals data = intervals == null ? ReceivedIntervals.empty(config.intervalMinutes()) : intervals;
            return in.intervalEvaluator().evaluate(data, now);
        }
        return in.registerEvaluator().evaluate(now);
    }

    /**
     * What both ways of evaluating a channel start from: the inputs checked, the cycle's read dates sorted and
     * de-duplicated, the register reading that counts on each date with the edits of readings applied.
     */
    private record Inputs(ChannelConfig config, List<LocalDate> readDates, Map<LocalDate, DialReading> readingByDate,
                          ManualEdits edits, VeeParameters parameters) {
        static Inputs of(ChannelConfig config, Collection<LocalDate> readDates, Collection<DialReading> registers,
                         ManualEdits edits, VeeParameters p, Instant now) {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(p, "parameters");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(edits, "edits");
            return new Inputs(config, new ArrayList<>(new TreeSet<>(readDates)),
                    RegisterEdits.apply(readingsByDate(registers), edits.readings()), edits, p);
        }

        IntervalChannelEvaluator intervalEvaluator() {
            return new IntervalChannelEvaluator(config, readDates, readingByDate, parameters, edits);
        }

        RegisterChannelEvaluator registerEvaluator() {
            return new RegisterChannelEvaluator(config, readDates, readingByDate, parameters, edits.readings());
        }
    }

    /**
     * Evaluates the read periods whose days (R'..R-1) touch the local date range [from, to]. The
     * computation itself is the same as {@link #evaluate}, so the caller may hand over only the window
     * described in the class comment.
     */
    public static List<EvaluatedPeriod> evaluate(ChannelConfig config, Collection<LocalDate> readDates,
            ReceivedIntervals intervals, Collection<DialReading> registers, VeeParameters p, Instant now,
            LocalDate from, LocalDate to) {
        List<EvaluatedPeriod> all = evaluate(config, readDates, intervals, registers, p, now);
        List<EvaluatedPeriod> out = new ArrayList<>();
        for (EvaluatedPeriod r : all) {
            if (!r.periodStart().isAfter(to) && r.periodEnd().isAfter(from)) {
                out.add(r);
            }
        }
        return out;
    }

    /** What {@link #evaluateChanged} evaluated: the results, and the days it read. */
    public record Windowed(List<EvaluatedPeriod> results, LocalDate from, LocalDate to, int daysRead) {
    }

    /**
     * Evaluates only the read periods that a change of the received data, registers or edits on the local
     * days [changedFrom, changedTo] can affect, loading only the days they need (class comment): the
     * periods' days, day R, the gaps crossing their ends and the lookback. Their results are identical
     * to those of {@link #evaluate} on the complete data; the results of the other periods cannot have
     * changed. A non-interval channel is evaluated completely (its periods chain; they are few).
     *
     * @param days      the channel's received days, loaded on demand
     * @param firstRecv the channel's first received interval end (null: none)
     * @param lastRecv  the channel's last received interval end (null: none)
     */
    public static Windowed evaluateChanged(ChannelConfig config, Collection<LocalDate> readDates, DaySource days,
            Instant firstRecv, Instant lastRecv, Collection<DialReading> registers, VeeParameters p, Instant now,
            LocalDate changedFrom, LocalDate changedTo) {
        return evaluateChanged(config, readDates, days, firstRecv, lastRecv, registers, ManualEdits.NONE, p, now,
                changedFrom, changedTo);
    }

    /**
     * {@link #evaluateChanged} with the manual edits in force. Edits only shorten gaps, so the window found from the
     * received data alone holds every day the edited result needs.
     */
    public static Windowed evaluateChanged(ChannelConfig config, Collection<LocalDate> readDates, DaySource days,
            Instant firstRecv, Instant lastRecv, Collection<DialReading> registers, ManualEdits edits,
            VeeParameters p, Instant now, LocalDate changedFrom, LocalDate changedTo) {
        Inputs in = Inputs.of(config, readDates, registers, edits, p, now);
        if (!config.isInterval()) {
            return new Windowed(in.registerEvaluator().evaluate(now), null, null, 0);
        }
        if ((firstRecv == null) != (lastRecv == null)) {
            throw new IllegalArgumentException("first and last received go together");
        }
        EvaluationWindow w = EvaluationWindow.of(config, in.readDates(), p, days, firstRecv, lastRecv, now, changedFrom,
                changedTo);
        if (w == null || w.periods.isEmpty()) {
            return new Windowed(List.of(), null, null, w == null ? 0 : w.loaded.size());
        }
        ReceivedIntervals data = w.data();
        List<EvaluatedPeriod> results = in.intervalEvaluator()
                .evaluate(data, firstRecv, lastRecv, now, w.from, w.to, w.periods);
        return new Windowed(results, w.from, w.to, w.loaded.size());
    }

    /** The reading that counts for each local date: the latest read time (ties: the larger reading). */
    static Map<LocalDate, DialReading> readingsByDate(Collection<DialReading> registers) {
        Map<LocalDate, DialReading> m = new HashMap<>();
        if (registers == null) {
            return m;
        }
        for (DialReading r : registers) {
            m.merge(LocalGrid.localDate(r.readTime()), r, (a, b) -> {
                int c = a.readTime().compareTo(b.readTime());
                if (c != 0) {
                    return c > 0 ? a : b;
                }
                return a.reading() >= b.reading() ? a : b;
            });
        }
        return m;
    }
}
