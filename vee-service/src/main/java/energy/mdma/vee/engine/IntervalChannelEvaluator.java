package energy.mdma.vee.engine;

import energy.mdma.events.IntervalStatus;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.DayResult;
import energy.mdma.vee.model.DayType;
import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.EstimationMethod;
import energy.mdma.vee.model.EvaluatedIntervals;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.FailureCode;
import energy.mdma.vee.model.InvalidReason;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.ManualEdits;
import energy.mdma.vee.model.ReceivedIntervals;
import energy.mdma.vee.model.SumCheckResult;
import energy.mdma.vee.model.VeeParameters;
import energy.mdma.vee.rules.FailurePoints;
import energy.mdma.vee.rules.Fixed;
import energy.mdma.vee.rules.HighLowZeroCheck;
import energy.mdma.vee.rules.IntervalEdits;
import energy.mdma.vee.rules.IntervalValidation;
import energy.mdma.vee.rules.LikeDays;
import energy.mdma.vee.rules.LinearInterpolation;
import energy.mdma.vee.rules.ReferenceDayEstimation;
import energy.mdma.vee.rules.RegisterEdits;
import energy.mdma.vee.rules.RegisterUsage;
import energy.mdma.vee.rules.SpikeCheck;
import energy.mdma.vee.rules.SumCheck;
import energy.mdma.vee.rules.UsageCalculation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * VEE of one interval channel over its whole grid. The channel's local days from the first to the
 * last day touched by the grid are laid out in flat arrays (one slot per interval, time order); the
 * instants are evenly spaced, so index arithmetic is exact across DST changes.
 *
 * <p>Phases: editing and per-interval validation, spike check per day, clean days, gaps and their
 * estimation (LIN / HIST / fallback / NOT_ESTIMATED), day checks, then per read period: counts,
 * totals, registers, sum check and failure points.
 */
final class IntervalChannelEvaluator {

    private final ChannelConfig cfg;
    private final List<LocalDate> readDates;
    private final VeeParameters p;
    private final Map<LocalDate, DialReading> readingByDate;
    private final int im;
    private final long step;
    private final UsageCalculation.Factor factor;
    private final ZoneId zone = LocalGrid.ZONE;
    private final ManualEdits edits;

    // timeline
    private LocalDate firstDay;
    private int dayCount;
    private int[] dayOffset; // dayCount + 1 entries
    private long baseEpoch; // start of firstDay
    private int gridStart; // index of the grid's first point (negative when before the window)
    private int gridEnd; // inclusive (beyond the window when the grid goes on)
    private int lo; // first grid index inside the window
    private int hi; // last grid index inside the window
    private DayType[] dayTypes;

    // per interval
    private long[] usage;
    private boolean[] received;
    private boolean[] outage;
    private byte[] reason;
    private boolean[] due;
    private boolean[] hasValue;
    private boolean[] estimated;
    private byte[] method;
    private boolean[] edited;

    // per day
    private boolean[] clean;
    private List<LocalDate>[] refDays;
    private int[][] slotTable;
    private long[] dayTotal;
    private boolean[] dayTotalKnown;
    private DayResult[] dayResults;

    IntervalChannelEvaluator(ChannelConfig cfg, List<LocalDate> readDates, Map<LocalDate, DialReading> readingByDate,
            VeeParameters p) {
        this(cfg, readDates, readingByDate, p, ManualEdits.NONE);
    }

    /** @param readingByDate the readings with the edited ones in place ({@link RegisterEdits#apply}) */
    IntervalChannelEvaluator(ChannelConfig cfg, List<LocalDate> readDates, Map<LocalDate, DialReading> readingByDate,
            VeeParameters p, ManualEdits edits) {
        this.edits = edits;
        this.cfg = cfg;
        this.readDates = readDates;
        this.readingByDate = readingByDate;
        this.p = p;
        this.im = cfg.intervalMinutes();
        this.step = 60L * im;
        this.factor = UsageCalculation.factor(cfg);
    }

    List<EvaluatedPeriod> evaluate(ReceivedIntervals data, Instant now) {
        return evaluate(data, data.firstReceived(), data.lastReceived(), now, null, null, null);
    }

    /** The channel's grid: [first grid point, last grid point] as interval ends, or null when it has none. */
    static Instant[] grid(List<LocalDate> readDates, Instant firstRecv, Instant lastRecv, int im) {
        if (readDates.size() < 2) {
            return null;
        }
        Instant start = LocalGrid.endOf(readDates.get(0), 0, im);
        Instant end = LocalGrid.startOfDay(readDates.get(readDates.size() - 1));
        if (firstRecv != null) {
            start = firstRecv.isBefore(start) ? firstRecv : start;
            end = lastRecv.isAfter(end) ? lastRecv : end;
        }
        return new Instant[] {start, end};
    }

    /**
     * Evaluates the channel on the days [windowFrom, windowTo] of its grid (null: the whole grid) and
     * returns the periods whose index (1 = P(readDates[1])) is in {@code periods} (null: all).
     *
     * @param data      the received values; only the window's days are read
     * @param firstRecv the channel's first received interval end (channel-wide, not the window's)
     * @param lastRecv  the channel's last received interval end (channel-wide)
     */
    List<EvaluatedPeriod> evaluate(ReceivedIntervals data, Instant firstRecv, Instant lastRecv, Instant now,
            LocalDate windowFrom, LocalDate windowTo, BitSet periods) {
        if (data.intervalMinutes() != im) {
            throw new IllegalArgumentException("channel data has " + data.intervalMinutes() + "-minute intervals, "
                    + "channel " + im);
        }
        Instant[] grid = grid(readDates, firstRecv, lastRecv, im);
        if (grid == null) {
            return List.of();
        }
        LocalDate from = LocalGrid.dayOf(grid[0]);
        LocalDate to = LocalGrid.dayOf(grid[1]);
        if (windowFrom != null && windowFrom.isAfter(from)) {
            from = windowFrom;
        }
        if (windowTo != null && windowTo.isBefore(to)) {
            to = windowTo;
        }
        if (to.isBefore(from)) {
            return List.of();
        }
        layout(from, to, grid[0], grid[1]);
        load(data, lastRecv, now);
        spikes();
        IntervalEdits.apply(edits.intervals(), baseEpoch, step, lo, hi, usage, edited, due);
        cleanDays();
        estimate();
        dayChecks();
        List<EvaluatedPeriod> out = new ArrayList<>();
        for (int i = 1; i < readDates.size(); i++) {
            if (periods == null || periods.get(i)) {
                out.add(period(readDates.get(i - 1), readDates.get(i)));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- layout

    @SuppressWarnings("unchecked")
    private void layout(LocalDate from, LocalDate to, Instant start, Instant end) {
        firstDay = from;
        dayCount = (int) ChronoUnit.DAYS.between(firstDay, to) + 1;
        dayOffset = new int[dayCount + 1];
        dayTypes = new DayType[dayCount];
        long day = firstDay.toEpochDay();
        for (int d = 0; d < dayCount; d++, day++) {
            dayOffset[d + 1] = dayOffset[d] + LocalGrid.intervalsPerDay(day, im);
            dayTypes[d] = LikeDays.dayType(day);
        }
        baseEpoch = LocalGrid.startOfDaySecond(firstDay.toEpochDay());
        gridStart = indexOfEnd(start);
        gridEnd = indexOfEnd(end);
        int n = dayOffset[dayCount];
        lo = Math.max(gridStart, 0);
        hi = Math.min(gridEnd, n - 1);
        usage = new long[n];
        received = new boolean[n];
        outage = new boolean[n];
        reason = new byte[n];
        due = new boolean[n];
        hasValue = new boolean[n];
        estimated = new boolean[n];
        method = new byte[n];
        edited = new boolean[n];
        clean = new boolean[dayCount];
        refDays = new List[dayCount];
        slotTable = new int[dayCount][];
        dayTotal = new long[dayCount];
        dayTotalKnown = new boolean[dayCount];
        dayResults = new DayResult[dayCount];
    }

    private int indexOfEnd(Instant end) {
        return (int) ((end.getEpochSecond() - baseEpoch) / step) - 1;
    }

    private long endEpoch(int idx) {
        return baseEpoch + (idx + 1L) * step;
    }

    private int dayIndex(LocalDate d) {
        long i = d.toEpochDay() - firstDay.toEpochDay();
        return i < 0 || i >= dayCount ? -1 : (int) i;
    }

    /** In the grid and in the window (an endpoint outside the window is never needed; see EvaluationWindow). */
    private boolean inGrid(int idx) {
        return idx >= lo && idx <= hi;
    }

    // ---------------------------------------------------------------- editing and validation

    private void load(ReceivedIntervals data, Instant lastRecv, Instant now) {
        long lastRecvIdx = lastRecv == null ? Long.MIN_VALUE : (lastRecv.getEpochSecond() - baseEpoch) / step - 1;
        LocalDate lastDay = firstDay.plusDays(dayCount - 1);
        for (ReceivedIntervals.DayBlock b : data.days().subMap(firstDay, true, lastDay, true).values()) {
            int d = dayIndex(b.day());
            int off = dayOffset[d];
            long[] values = b.values();
            boolean[] present = b.present();
            byte[] st = b.statusBits();
            int len = Math.min(values.length, dayOffset[d + 1] - off);
            for (int k = 0; k < len; k++) {
                if (!present[k]) {
                    continue;
                }
                int idx = off + k;
                long raw = values[k];
                received[idx] = true;
                usage[idx] = factor.usage(raw);
                outage[idx] = IntervalStatus.PO.isIn(st[k]);
                reason[idx] = IntervalValidation.validate(true, raw, st[k], cfg);
            }
        }
        byte missing = IntervalValidation.validate(false, 0, 0, cfg);
        // the deadlines grow with the day: those of the first days passed, from some day on they have not
        int notPassed = dayCount;
        while (notPassed > 0 && now.isBefore(deadline(firstDay.plusDays(notPassed - 1)))) {
            notPassed--;
        }
        for (int d = 0; d < dayCount; d++) {
            boolean deadlinePassed = d < notPassed;
            for (int idx = Math.max(dayOffset[d], lo); idx < dayOffset[d + 1] && idx <= hi; idx++) {
                if (received[idx]) {
                    due[idx] = true;
                } else if (idx < lastRecvIdx || deadlinePassed) {
                    // a gap inside the received data, or a trailing interval whose deadline passed
                    due[idx] = true;
                    reason[idx] = missing;
                }
            }
        }
    }

    private Instant deadline(LocalDate day) {
        return day.plusDays(p.estimationDeadlineDays()).atTime(p.estimationDeadlineTime()).atZone(zone).toInstant();
    }

    private void spikes() {
        for (int d = 0; d < dayCount; d++) {
            int from = Math.max(dayOffset[d], lo);
            int to = Math.min(dayOffset[d + 1], hi + 1);
            int s = SpikeCheck.findSpike(usage, received, reason, from, to, p);
            if (s >= 0) {
                reason[s] = InvalidReason.SPIKE.code();
            }
        }
    }

    private void cleanDays() {
        for (int d = 0; d < dayCount; d++) {
            boolean c = dayOffset[d] >= gridStart && dayOffset[d + 1] - 1 <= gridEnd;
            for (int idx = dayOffset[d]; c && idx < dayOffset[d + 1]; idx++) {
                c = IntervalEdits.clean(received[idx], reason[idx], outage[idx], edited[idx]);
            }
            clean[d] = c;
        }
    }

    // ---------------------------------------------------------------- estimation

    private List<LocalDate> refDaysOf(int d) {
        if (refDays[d] == null) {
            refDays[d] = referenceDays(d);
        }
        return refDays[d];
    }

    /** {@link LikeDays#referenceDays} on the window's arrays (same selection, without date arithmetic per day). */
    private List<LocalDate> referenceDays(int d) {
        DayType type = dayTypes[d];
        List<LocalDate> refs = new ArrayList<>(p.likeDayCount());
        for (int back = 1; back <= p.likeDayLookbackDays() && refs.size() < p.likeDayCount(); back++) {
            int i = d - back;
            if (i < 0) {
                // before the window: no day there can be a reference day of a day the window evaluates
                break;
            }
            if (dayTypes[i] == type && clean[i]) {
                refs.add(firstDay.plusDays(i));
            }
        }
        return refs;
    }

    /** Wall-clock minute of day of the end of interval idx of day d (00:00 = the midnight closing the day). */
    private int wallMinute(int d, int idx) {
        int n = dayOffset[d + 1] - dayOffset[d];
        if (n * im == 1440) {
            return ((idx - dayOffset[d] + 1) * im) % 1440;
        }
        return LocalGrid.wallMinuteOfDay(Instant.ofEpochSecond(endEpoch(idx)));
    }

    /** First index of day d whose end shows wall minute t (00:00 = the midnight closing the day), or -1. */
    private int indexAtWallMinute(int d, int wallMinute) {
        int[] table = slotTable[d];
        if (table == null) {
            table = new int[1440 / im];
            Arrays.fill(table, -1);
            for (int idx = dayOffset[d]; idx < dayOffset[d + 1]; idx++) {
                int slot = wallMinute(d, idx) / im;
                if (table[slot] < 0) {
                    table[slot] = idx;
                }
            }
            slotTable[d] = table;
        }
        return table[wallMinute / im];
    }

    private long usageAtWallMinute(LocalDate day, int wallMinute) {
        int d = dayIndex(day);
        if (d < 0) {
            return ReferenceDayEstimation.NONE;
        }
        int idx = indexAtWallMinute(d, wallMinute);
        return idx < 0 || !hasValue[idx] ? ReferenceDayEstimation.NONE : usage[idx];
    }

    private int dayOfIndex(int idx) {
        int pos = Arrays.binarySearch(dayOffset, idx);
        return pos >= 0 ? pos : -pos - 2;
    }

    private boolean usableEndpoint(int idx) {
        return inGrid(idx) && IntervalEdits.usableEndpoint(received[idx], reason[idx], outage[idx], edited[idx]);
    }

    private void estimate() {
        for (int idx = lo; idx <= hi; idx++) {
            hasValue[idx] = IntervalEdits.hasValue(received[idx], reason[idx], edited[idx]);
            if (edited[idx]) {
                estimated[idx] = true;
                method[idx] = EstimationMethod.EDIT.code();
            }
        }
        int idx = lo;
        while (idx <= hi) {
            if (!IntervalEdits.inGap(due[idx], reason[idx], edited[idx])) {
                idx++;
                continue;
            }
            int s = idx;
            while (idx + 1 <= hi && IntervalEdits.inGap(due[idx + 1], reason[idx + 1], edited[idx + 1])) {
                idx++;
            }
            estimateGap(s, idx);
            idx++;
        }
    }

    private void estimateGap(int s, int e) {
        int n = e - s + 1;
        boolean before = usableEndpoint(s - 1);
        boolean after = usableEndpoint(e + 1);
        if (LinearInterpolation.applies(n, im, before, after, p)) {
            interpolate(s, e);
            return;
        }
        long[] hist = new long[n];
        boolean ok = true;
        for (int i = 0; i < n && ok; i++) {
            int idx = s + i;
            int d = dayOfIndex(idx);
            int wall = wallMinute(d, idx);
            hist[i] = ReferenceDayEstimation.estimate(refDaysOf(d), wall, this::usageAtWallMinute);
            ok = hist[i] != ReferenceDayEstimation.NONE;
        }
        if (ok) {
            for (int i = 0; i < n; i++) {
                set(s + i, hist[i], EstimationMethod.HIST);
            }
        } else if (before && after) {
            interpolate(s, e);
        }
        // otherwise: NOT_ESTIMATED, the intervals stay without a value
    }

    private void interpolate(int s, int e) {
        int n = e - s + 1;
        long a = usage[s - 1];
        long b = usage[e + 1];
        for (int k = 1; k <= n; k++) {
            set(s + k - 1, LinearInterpolation.estimate(a, b, k, n), EstimationMethod.LIN);
        }
    }

    private void set(int idx, long value, EstimationMethod m) {
        usage[idx] = value;
        hasValue[idx] = true;
        estimated[idx] = true;
        method[idx] = m.code();
    }

    // ---------------------------------------------------------------- day checks

    private void dayChecks() {
        for (int d = 0; d < dayCount; d++) {
            if (dayOffset[d] < gridStart || dayOffset[d + 1] - 1 > gridEnd) {
                continue;
            }
            long t = 0;
            boolean all = true;
            for (int idx = dayOffset[d]; idx < dayOffset[d + 1]; idx++) {
                if (!hasValue[idx]) {
                    all = false;
                    break;
                }
                t += usage[idx];
            }
            dayTotal[d] = t;
            dayTotalKnown[d] = all;
        }
        for (int d = 0; d < dayCount; d++) {
            if (dayOffset[d] < gridStart || dayOffset[d + 1] - 1 > gridEnd) {
                continue;
            }
            LocalDate day = firstDay.plusDays(d);
            List<LocalDate> refs = refDaysOf(d);
            Set<FailureCode> codes = EnumSet.noneOf(FailureCode.class);
            if (dayTotalKnown[d]) {
                long[] refTotals = new long[refs.size()];
                for (int i = 0; i < refTotals.length; i++) {
                    refTotals[i] = dayTotal[dayIndex(refs.get(i))];
                }
                codes = HighLowZeroCheck.dayCheck(cfg.uom(), dayTotal[d], refTotals, p);
            }
            dayResults[d] = new DayResult(day, dayTypes[d],
                    dayTotalKnown[d] ? Fixed.toDecimal(dayTotal[d]) : null, refs, codes);
        }
    }

    // ---------------------------------------------------------------- periods

    private EvaluatedPeriod period(LocalDate rPrev, LocalDate r) {
        int dFrom = dayIndex(rPrev);
        int dTo = dayIndex(r.minusDays(1));
        int from = dayOffset[dFrom];
        int to = dayOffset[dTo + 1];
        int n = to - from;
        FailurePoints fp = new FailurePoints();
        int actual = 0;
        int est = 0;
        int notEst = 0;
        boolean complete = true;
        long total = 0;
        long[] ends = new long[n];
        int outages = 0;
        int[] reasons = new int[InvalidReason.values().length + 1]; // by code
        int edits = 0;
        for (int i = 0; i < n; i++) {
            int idx = from + i;
            ends[i] = endEpoch(idx);
            if (!due[idx]) {
                complete = false;
            }
            if (outage[idx]) {
                outages++;
            }
            if (reason[idx] != 0) {
                reasons[reason[idx]]++;
            }
            if (edited[idx]) {
                edits++;
            } else if (received[idx] && reason[idx] == 0) {
                actual++;
            }
            if (estimated[idx]) {
                est++;
            } else if (due[idx] && reason[idx] != 0) {
                notEst++;
            }
            if (hasValue[idx]) {
                total += usage[idx];
            }
        }
        fp.add(FailureCode.POWER_OUTAGE, outages);
        for (int c = 1; c < reasons.length; c++) {
            fp.add(FailureCode.of(InvalidReason.ofCode((byte) c)), reasons[c]);
        }
        fp.add(FailureCode.NOT_ESTIMATED, notEst);
        fp.add(FailureCode.EDITED, edits);
        List<DayResult> days = new ArrayList<>(dTo - dFrom + 1);
        for (int d = dFrom; d <= dTo; d++) {
            DayResult dr = dayResults[d];
            days.add(dr);
            for (FailureCode c : dr.codes()) {
                fp.add(c);
            }
        }
        EvaluatedIntervals series = new EvaluatedIntervals(im, ends, Arrays.copyOfRange(usage, from, to),
                Arrays.copyOfRange(hasValue, from, to), Arrays.copyOfRange(estimated, from, to),
                Arrays.copyOfRange(method, from, to), Arrays.copyOfRange(reason, from, to),
                Arrays.copyOfRange(outage, from, to), Arrays.copyOfRange(due, from, to));
        // the unvalidated usage of an invalid interval without estimate is not part of the result
        for (int i = 0; i < n; i++) {
            if (!series.hasUsage()[i]) {
                series.usage()[i] = 0;
            }
        }

        // registers (sum check)
        DialReading startRead = readingByDate.get(rPrev);
        DialReading endRead = readingByDate.get(r);
        boolean firstPeriod = rPrev.equals(readDates.get(0));
        if (startRead != null && RegisterUsage.isDials(startRead.reading(), cfg)) {
            if (firstPeriod) {
                fp.once(FailureCode.DIALS);
            }
            startRead = null;
        }
        if (RegisterEdits.edited(this.edits.readings(), rPrev, r)) {
            fp.once(FailureCode.EDITED);
        }
        if (endRead != null && RegisterUsage.isDials(endRead.reading(), cfg)) {
            fp.once(FailureCode.DIALS);
            endRead = null;
        }
        SumCheckResult sum = null;
        if (startRead != null && endRead != null) {
            sum = sumCheck(startRead, endRead);
            if (sum != null && sum.fail()) {
                fp.once(FailureCode.SUM_CHECK);
            }
        }
        boolean held = notEst > 0;
        if (held) {
            fp.once(FailureCode.ESTIMATION_FAILED);
        }
        return new EvaluatedPeriod(cfg.meterId(), cfg.channel(), cfg.uom(), rPrev, r, held, complete, series,
                n, actual, est, notEst, held ? null : Fixed.toDecimal(total), !held && est > 0,
                startRead == null ? null : startRead.reading(), startRead == null ? null : startRead.readTime(),
                false, endRead == null ? null : endRead.reading(), endRead == null ? null : endRead.readTime(),
                false, null, sum, fp.toSortedMap(), days);
    }

    private SumCheckResult sumCheck(DialReading start, DialReading end) {
        long tPrev = start.readTime().getEpochSecond();
        long t = end.readTime().getEpochSecond();
        int first = (int) Math.floorDiv(tPrev - baseEpoch, step); // first end > t'
        int last = (int) Math.floorDiv(t - baseEpoch, step) - 1; // last end <= t
        if (tPrev - baseEpoch < 0 || first < gridStart || last > gridEnd) {
            return null;
        }
        if (first < lo || last > hi) {
            throw new IllegalStateException("sum check of " + cfg.meterId() + ":" + cfg.channel()
                    + " reaches outside the evaluation window");
        }
        long s = 0;
        for (int idx = first; idx <= last; idx++) {
            if (!hasValue[idx]) {
                return null;
            }
            s += usage[idx];
        }
        return SumCheck.check(Fixed.toDecimal(s), start.reading(), end.reading(), cfg, p);
    }
}
