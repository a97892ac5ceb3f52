package energy.mdma.vee.engine;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.FailureCode;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.VeeParameters;
import energy.mdma.vee.rules.AduEstimation;
import energy.mdma.vee.rules.FailurePoints;
import energy.mdma.vee.rules.HighLowZeroCheck;
import energy.mdma.vee.rules.RegisterEdits;
import energy.mdma.vee.rules.RegisterUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * VEE of a non-interval (register) channel (vee-rules.md section 5), period after period along the
 * cycle's read dates: each period needs the previous one's closing reading and usage.
 */
final class RegisterChannelEvaluator {
    private final ChannelConfig cfg;
    private final List<LocalDate> readDates;
    private final Map<LocalDate, DialReading> readingByDate;
    private final VeeParameters p;
    private final Map<LocalDate, Long> editedReadings;

    RegisterChannelEvaluator(ChannelConfig cfg, List<LocalDate> readDates, Map<LocalDate, DialReading> readingByDate,
            VeeParameters p) {
        this(cfg, readDates, readingByDate, p, Map.of());
    }

    /** @param readingByDate the readings with the edited ones in place ({@link RegisterEdits#apply}) */
    RegisterChannelEvaluator(ChannelConfig cfg, List<LocalDate> readDates, Map<LocalDate, DialReading> readingByDate,
            VeeParameters p, Map<LocalDate, Long> editedReadings) {
        this.cfg = cfg;
        this.readDates = readDates;
        this.readingByDate = readingByDate;
        this.p = p;
        this.editedReadings = editedReadings;
    }

    List<EvaluatedPeriod> evaluate(Instant now) {
        List<EvaluatedPeriod> out = new ArrayList<>();
        if (readDates.size() < 2) {
            return out;
        }
        // opening reading of the first period
        DialReading first = readingByDate.get(readDates.get(0));
        boolean firstDials = first != null && RegisterUsage.isDials(first.reading(), cfg);
        Long rPrev = first == null || firstDials ? null : first.reading();
        boolean rPrevEstimated = false;
        BigDecimal prevUsage = null; // U' (null: no previous period or it was held)
        int prevDays = 0;

        for (int i = 1; i < readDates.size(); i++) {
            LocalDate start = readDates.get(i - 1);
            LocalDate end = readDates.get(i);
            int days = (int) ChronoUnit.DAYS.between(start, end);
            FailurePoints fp = new FailurePoints();
            if (i == 1 && firstDials) {
                fp.once(FailureCode.DIALS);
            }
            if (RegisterEdits.edited(editedReadings, start, end)) {
                fp.once(FailureCode.EDITED);
            }
            DialReading rd = readingByDate.get(end);
            Instant deadline = end.plusDays(p.estimationDeadlineDays()).atTime(p.estimationDeadlineTime())
                    .atZone(LocalGrid.ZONE).toInstant();
            boolean complete = rd != null || !now.isBefore(deadline);
            Long regEnd = null;
            boolean regEndEstimated = false;
            BigDecimal usage = null;
            boolean held = false;

            if (!complete) {
                // the closing reading is not due yet: nothing is concluded for this period
                out.add(result(start, end, false, false, null, false, rPrev, rPrevEstimated, null, false, null, fp));
                rPrev = null;
                rPrevEstimated = false;
                prevUsage = null;
                prevDays = days;
                continue;
            }

            // step 1
            boolean valid = false;
            if (rd == null) {
                fp.once(FailureCode.MISSING_READ);
            } else if (RegisterUsage.isDials(rd.reading(), cfg)) {
                fp.once(FailureCode.DIALS);
            } else {
                valid = true;
            }

            if (rPrev == null) {
                held = true;
                fp.once(FailureCode.ESTIMATION_FAILED);
                regEnd = valid ? rd.reading() : null;
            } else {
                if (valid) {
                    RegisterUsage.Outcome o = RegisterUsage.evaluate(rd.reading(), rPrev, cfg, p);
                    if (o.kind() == RegisterUsage.Kind.ROLLOVER) {
                        fp.once(FailureCode.ROLLOVER);
                    }
                    if (o.valid()) {
                        usage = o.usage(cfg);
                        regEnd = rd.reading();
                    } else {
                        fp.once(FailureCode.REVERSED_READ);
                        valid = false;
                    }
                }
                if (!valid) {
                    if (prevUsage != null) {
                        AduEstimation.Estimate e = AduEstimation.estimate(prevUsage, prevDays, days, rPrev, cfg);
                        usage = e.usage();
                        regEnd = e.reading();
                        regEndEstimated = true;
                    } else {
                        held = true;
                        fp.once(FailureCode.ESTIMATION_FAILED);
                    }
                }
                if (usage != null) {
                    for (FailureCode c : HighLowZeroCheck.nonIntervalCheck(usage, days, prevUsage, prevDays, p)) {
                        fp.once(c);
                    }
                }
            }
            out.add(result(start, end, held, true, usage, regEndEstimated, rPrev, rPrevEstimated, regEnd,
                    regEndEstimated, rd, fp));
            rPrev = regEnd;
            rPrevEstimated = regEndEstimated;
            prevUsage = held ? null : usage;
            prevDays = days;
        }
        return out;
    }

    private EvaluatedPeriod result(LocalDate start, LocalDate end, boolean held, boolean complete,
            BigDecimal usage, boolean totalEstimated, Long regStart, boolean regStartEstimated, Long regEnd,
            boolean regEndEstimated, DialReading received, FailurePoints fp) {
        return new EvaluatedPeriod(cfg.meterId(), cfg.channel(), cfg.uom(), start, end, held, complete, null, null,
                null, null, null, held ? null : usage, !held && totalEstimated, regStart, null, regStartEstimated,
                regEnd, received == null ? null : received.readTime(), regEndEstimated,
                received == null ? null : received.reading(), null, fp.toSortedMap(), List.of());
    }
}
