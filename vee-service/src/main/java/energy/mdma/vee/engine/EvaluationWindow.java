package energy.mdma.vee.engine;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.ReceivedIntervals;
import energy.mdma.vee.model.VeeParameters;
import energy.mdma.vee.rules.IntervalValidation;
import energy.mdma.vee.rules.SpikeCheck;
import energy.mdma.vee.rules.UsageCalculation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which read periods a change of the days [changedFrom, changedTo] can affect, and which days evaluating
 * them needs (see {@link ChannelEvaluator}'s class comment).
 *
 * <p>A change on day X can change: day X; the gap (run of due invalid intervals) that touches X, to its
 * ends; the days X+1 .. X+lookback, whose reference days and H may include X; and any gap touching
 * those days (the whole gap falls back when one of its intervals has no reference value). So with
 * A = start of the gap crossing into changedFrom and B = end of the gap crossing out of
 * changedTo + lookback, the affected periods are those whose days R'..R (R included: the sum check
 * and the gap after the period) meet [A, B]. Evaluating them needs [start of the gap crossing into the
 * first one's R' - lookback, end of the gap crossing out of the last one's day R].
 *
 * <p>Validity here is day-local (received, the per-interval checks and the day's spike check), as in
 * the engine; due-ness follows the channel-wide grid bounds, the last received interval and the
 * estimation deadline.
 */
final class EvaluationWindow {
    private static final byte VALID = 0;
    private static final byte GAP = 1;
    private static final byte STOP = 2;

    final BitSet periods = new BitSet();
    LocalDate from;
    LocalDate to;
    /** The blocks read while finding the window, by day (null values: nothing received). */
    final Map<LocalDate, ReceivedIntervals.DayBlock> loaded = new HashMap<>();

    private final ChannelConfig cfg;
    private final VeeParameters p;
    private final DaySource source;
    private final UsageCalculation.Factor factor;
    private final Map<LocalDate, byte[]> status = new HashMap<>();
    private final long gridStart;
    private final long gridEnd;
    private final long lastRecv;
    private final Instant now;

    private EvaluationWindow(ChannelConfig cfg, VeeParameters p, DaySource source, Instant[] grid, Instant lastRecv,
            Instant now) {
        this.cfg = cfg;
        this.p = p;
        this.source = source;
        this.factor = UsageCalculation.factor(cfg);
        this.gridStart = grid[0].getEpochSecond();
        this.gridEnd = grid[1].getEpochSecond();
        this.lastRecv = lastRecv == null ? Long.MIN_VALUE : lastRecv.getEpochSecond();
        this.now = now;
    }

    /** @return the window, or null when the channel has no periods or no grid. */
    static EvaluationWindow of(ChannelConfig cfg, List<LocalDate> readDates, VeeParameters p, DaySource source,
            Instant firstRecv, Instant lastRecv, Instant now, LocalDate changedFrom, LocalDate changedTo) {
        Instant[] grid = IntervalChannelEvaluator.grid(readDates, firstRecv, lastRecv, cfg.intervalMinutes());
        if (grid == null) {
            return null;
        }
        EvaluationWindow w = new EvaluationWindow(cfg, p, source, grid, lastRecv, now);
        LocalDate a = w.gapBefore(changedFrom);
        LocalDate b = w.gapAfter(changedTo.plusDays(p.likeDayLookbackDays()));
        int first = -1;
        int last = -1;
        for (int i = 1; i < readDates.size(); i++) {
            if (!readDates.get(i - 1).isAfter(b) && !readDates.get(i).isBefore(a)) {
                w.periods.set(i);
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return w;
        }
        w.from = w.gapBefore(readDates.get(first - 1)).minusDays(p.likeDayLookbackDays());
        w.to = w.gapAfter(readDates.get(last));
        return w;
    }

    /** The blocks of the window's days, for the engine. */
    ReceivedIntervals data() {
        TreeMap<LocalDate, ReceivedIntervals.DayBlock> m = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            ReceivedIntervals.DayBlock b = block(d);
            if (b != null) {
                m.put(d, b);
            }
        }
        return ReceivedIntervals.wrap(cfg.intervalMinutes(), m);
    }

    private ReceivedIntervals.DayBlock block(LocalDate d) {
        if (loaded.containsKey(d)) {
            return loaded.get(d);
        }
        ReceivedIntervals.DayBlock b = source.day(d);
        if (b != null && b.values().length != LocalGrid.intervalsPerDay(d, cfg.intervalMinutes())) {
            b = null; // another grid: not this channel's data
        }
        loaded.put(d, b);
        return b;
    }

    /**
     * @return the earliest day the gap crossing into {@code day} (ending at its first interval or
     *         containing it) reaches, including the day of the valid interval before it; {@code day} when
     *         no gap crosses
     */
    private LocalDate gapBefore(LocalDate day) {
        LocalDate d = day.minusDays(1);
        boolean first = true;
        while (true) {
            byte[] st = status(d);
            for (int k = st.length - 1; k >= 0; k--) {
                if (st[k] != GAP) {
                    return first ? day : d;
                }
                first = false;
            }
            d = d.minusDays(1);
        }
    }

    /** @return the last day the gap crossing out of {@code day} reaches (with the interval after it); {@code day} when none. */
    private LocalDate gapAfter(LocalDate day) {
        LocalDate d = day.plusDays(1);
        boolean first = true;
        while (true) {
            byte[] st = status(d);
            for (int k = 0; k < st.length; k++) {
                if (st[k] != GAP) {
                    return first ? day : d;
                }
                first = false;
            }
            d = d.plusDays(1);
        }
    }

    /** Per position of the day: VALID (received, no invalid reason), GAP (due and invalid) or STOP (outside the grid, not due). */
    private byte[] status(LocalDate d) {
        byte[] st = status.get(d);
        if (st != null) {
            return st;
        }
        int im = cfg.intervalMinutes();
        int n = LocalGrid.intervalsPerDay(d, im);
        st = new byte[n];
        long start = LocalGrid.startOfDaySecond(d.toEpochDay());
        long step = 60L * im;
        ReceivedIntervals.DayBlock b = null;
        if (start + step <= gridEnd && start + n * step >= gridStart) {
            b = block(d);
        }
        long[] usage = new long[n];
        boolean[] received = new boolean[n];
        byte[] reason = new byte[n];
        if (b != null) {
            for (int k = 0; k < n; k++) {
                if (b.present()[k]) {
                    received[k] = true;
                    usage[k] = factor.usage(b.values()[k]);
                    reason[k] = IntervalValidation.validate(true, b.values()[k], b.statusBits()[k], cfg);
                }
            }
            int spike = SpikeCheck.findSpike(usage, received, reason, 0, n, p);
            if (spike >= 0) {
                reason[spike] = 1;
            }
        }
        boolean deadlinePassed = !now.isBefore(d.plusDays(p.estimationDeadlineDays())
                .atTime(p.estimationDeadlineTime()).atZone(LocalGrid.ZONE).toInstant());
        for (int k = 0; k < n; k++) {
            long end = start + (k + 1) * step;
            if (end < gridStart || end > gridEnd) {
                st[k] = STOP;
            } else if (received[k]) {
                st[k] = reason[k] == 0 ? VALID : GAP;
            } else {
                st[k] = end < lastRecv || deadlinePassed ? GAP : STOP;
            }
        }
        status.put(d, st);
        return st;
    }
}
