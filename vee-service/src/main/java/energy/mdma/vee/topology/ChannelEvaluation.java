package energy.mdma.vee.topology;

import energy.mdma.vee.model.PrimitiveLists;
import energy.mdma.vee.state.EditLog;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.IntervalQuality;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.events.RawUnit;
import energy.mdma.events.TimeRange;
import energy.mdma.events.Uom;
import energy.mdma.events.VeeException;
import energy.mdma.vee.engine.ChannelEvaluator;
import energy.mdma.vee.engine.DaySource;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.EvaluatedIntervals;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.VeeParameterCatalog;
import energy.mdma.vee.model.VeeParameters;
import java.util.HashMap;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs the VEE engine for one channel on its stored inputs and turns the engine's results into
 * {@link ChannelPeriodResult} events (intervals as arrays, quality as bits), with manual edits applied.
 */
final class ChannelEvaluation {
    /**
     * @param nextDeadline when pending trailing intervals become due (null: none pending)
     * @param pendingFrom  first day whose evaluation the deadline changes (the last received day)
     * @param pendingTo    the day whose deadline {@code nextDeadline} is
     * @param beyondData   the period ends of the results that reach beyond the data received so far
     *                     ({@link ArrivalEdge}): interim while the channel's input is still arriving
     */
    record Outcome(List<ChannelPeriodResult> results, List<VeeException> exceptions, Instant nextDeadline,
            LocalDate pendingFrom, LocalDate pendingTo, Set<LocalDate> beyondData) {
    }

    private final VeeParameterCatalog catalog;

    ChannelEvaluation(VeeParameterCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Evaluates the read periods that the days [changedFrom, changedTo] can affect.
     *
     * @param days      the channel's stored days, loaded on demand
     * @param firstRecv first received interval end of the channel, null when none
     * @param lastRecv  last received interval end of the channel, null when none
     */
    Outcome evaluate(MeterEvent meter, ChannelEvent ch, List<LocalDate> readDates, DaySource days, Instant firstRecv,
                     Instant lastRecv, List<DialReading> readings, EditLog edits, Instant now,
                     LocalDate changedFrom, LocalDate changedTo) {
        ChannelConfig config = config(meter, ch);
        VeeParameters params = catalog.forMeterClass(meter.getMeterClass());
        if (!config.isInterval()) {
            firstRecv = null;
            lastRecv = null;
        }
        List<EvaluatedPeriod> periods = ChannelEvaluator.evaluateChanged(config, readDates,
                days, firstRecv, lastRecv, readings, edits.inForce(), params, now, changedFrom, changedTo).results();
        return outcome(meter, ch, config, params, periods, lastRecv, lastReadingDate(readings), edits, now);
    }

    /** The local date of the latest register reading, or null. */
    private static LocalDate lastReadingDate(List<DialReading> readings) {
        Instant last = null;
        for (DialReading r : readings) {
            last = last == null || r.readTime().isAfter(last) ? r.readTime() : last;
        }
        return last == null ? null : LocalGrid.localDate(last);
    }

    private static ChannelConfig config(MeterEvent meter, ChannelEvent ch) {
        return new ChannelConfig(meter.getMeterId(), ch.getChannel(), ch.getUom(),
                ch.getRawUnit(), decimal(ch.getPulseMultiplier()), ch.getMaxPulsesPerInterval(),
                decimal(meter.getMeterMultiplier()), meter.getIntervalMinutes(), meter.getDials());
    }

    private Outcome outcome(MeterEvent meter, ChannelEvent ch, ChannelConfig config, VeeParameters params,
                            List<EvaluatedPeriod> periods, Instant lastRecv,
                            LocalDate lastReadingDate, EditLog edits, Instant now) {
        List<ChannelPeriodResult> results = new ArrayList<>(periods.size());
        List<VeeException> exceptions = new ArrayList<>();
        Set<LocalDate> beyondData = new TreeSet<>();
        boolean pending = false;
        for (EvaluatedPeriod p : periods) {
            ChannelPeriodResult r = toEvent(meter, p, edits, now);
            if (ArrivalEdge.beyond(p, lastRecv, lastReadingDate)) {
                beyondData.add(p.periodEnd());
            }
            results.add(r);
            pending |= r.getState() == PeriodState.PENDING;
            if (r.getState() == PeriodState.HELD) {
                exceptions.add(VeeException.newBuilder().setCode("ESTIMATION_FAILED").setMeterId(meter.getMeterId())
                        .setChannel(ch.getChannel()).setServiceAccount(meter.getServiceAccount())
                        .setPeriodEnd(p.periodEnd()).setPeriodStart(p.periodStart())
                        .setUdcId(meter.getUdcId()).setEspId(meter.getEspId())
                        .setFailurePoints(new HashMap<>(r.getFailurePoints()))
                        .setMissing(missing(r))
                        .setMessage("Channel-period " + p.periodStart() + ".." + p.periodEnd() + " of meter "
                                + meter.getMeterId() + " channel " + ch.getChannel()
                                + " is held: estimation failed. Send the missing data or edit the intervals.")
                        .setRaisedAt(now).build());
            }
        }
        if (!pending) {
            return new Outcome(results, exceptions, null, null, null, beyondData);
        }
        LocalDate[] day = new LocalDate[1];
        Instant deadline = nextDeadline(lastRecv, config, params, now, day);
        LocalDate from = lastRecv == null ? day[0] : LocalGrid.dayOf(lastRecv);
        return new Outcome(results, exceptions, deadline, from.isAfter(day[0]) ? day[0] : from, day[0], beyondData);
    }

    /**
     * What a held channel-period lacks, as time ranges: each run of consecutive intervals without a value (from the
     * start of its first to the end of its last interval), or for a register channel the local day of each
     * missing bounding reading (R' and R).
     */
    static List<TimeRange> missing(ChannelPeriodResult r) {
        List<TimeRange> out = new ArrayList<>();
        if (r.getIntervalMinutes() > 0 && r.getFirstIntervalEnd() != null) {
            long step = r.getIntervalMinutes() * 60_000L;
            long first = r.getFirstIntervalEnd().toEpochMilli();
            List<Integer> q = r.getQuality();
            int runStart = -1;
            for (int i = 0; i <= q.size(); i++) {
                boolean none = i < q.size() && (q.get(i) & IntervalQuality.NO_VALUE) != 0;
                if (none && runStart < 0) {
                    runStart = i;
                } else if (!none && runStart >= 0) {
                    out.add(new TimeRange(Instant.ofEpochMilli(first + (runStart - 1) * step),
                            Instant.ofEpochMilli(first + (i - 1) * step), "INTERVALS"));
                    runStart = -1;
                }
            }
        } else if (r.getIntervalMinutes() == 0) {
            if (r.getRegisterStart() == null) {
                out.add(readingDay(r.getPeriodStart()));
            }
            if (r.getRegisterEnd() == null) {
                out.add(readingDay(r.getPeriodEnd()));
            }
        }
        return out;
    }

    private static TimeRange readingDay(LocalDate day) {
        return new TimeRange(day.atStartOfDay(LocalGrid.ZONE).toInstant(),
                day.plusDays(1).atStartOfDay(LocalGrid.ZONE).toInstant(), "READING");
    }

    /** When the next trailing interval becomes due (its estimation deadline), so that the channel is evaluated again. */
    private static Instant nextDeadline(Instant last, ChannelConfig config, VeeParameters params, Instant now,
                                        LocalDate[] dayOut) {
        LocalDate day = last == null ? LocalGrid.localDate(now)
                : LocalGrid.dayOf(last.plusSeconds(config.intervalMinutes() * 60L));
        Instant deadline = day.plusDays(params.estimationDeadlineDays()).atTime(params.estimationDeadlineTime())
                .atZone(LocalGrid.ZONE).toInstant();
        while (!deadline.isAfter(now)) {
            day = day.plusDays(1);
            deadline = day.plusDays(params.estimationDeadlineDays()).atTime(params.estimationDeadlineTime())
                    .atZone(LocalGrid.ZONE).toInstant();
        }
        dayOut[0] = day;
        return deadline;
    }

    static BigDecimal decimal(DecimalValue d) {
        return BigDecimal.valueOf(d.getUnscaled(), d.getScale());
    }

    private static ChannelPeriodResult toEvent(MeterEvent meter, EvaluatedPeriod p,
                                               EditLog edits, Instant now) {
        ChannelPeriodResult.Builder b = ChannelPeriodResult.newBuilder()
                .setMeterId(p.meterId()).setChannel(p.channel()).setServiceAccount(meter.getServiceAccount())
                .setUom(p.uom())
                .setPeriodStart(p.periodStart()).setPeriodEnd(p.periodEnd()).setVersion(0)
                .setIntervalMinutes(meter.getIntervalMinutes())
                .setRegisterStart(p.registerStart()).setRegisterEnd(p.registerEnd())
                .setRegisterStartEstimated(p.registerStartEstimated()).setRegisterEndEstimated(p.registerEndEstimated())
                .setComputedAt(now).setChangedBy("vee").setChangeReason(null).setChangedIntervals(List.of());
        boolean held = p.held();
        TreeMap<String, Integer> fp = new TreeMap<>(p.failurePoints());
        BigDecimal total = p.total();
        boolean totalEstimated = p.totalEstimated();
        EvaluatedIntervals s = p.intervals();
        if (s == null) {
            b.setFirstIntervalEnd(null).setUsage(List.of()).setQuality(List.of())
                    .setIntervalsExpected(0).setIntervalsActual(0).setIntervalsEstimated(0);
        } else {
            int n = s.size();
            long[] usage = new long[n];
            int[] quality = new int[n];
            int actual = 0;
            int estimated = 0;
            int noValue = 0;
            long sum = 0;
            long[] ends = s.endEpochSeconds();
            long[] su = s.usage();
            boolean[] sHas = s.hasUsage();
            boolean[] sEst = s.estimated();
            byte[] sMethod = s.method();
            byte[] sReason = s.reason();
            boolean[] sOutage = s.outage();
            boolean[] sDue = s.due();
            long step = s.intervalMinutes() * 60L;
            // its own loop: a check of ends[i - 1] for i > 0 inside the next one made C2 hoist a profiled predicate
            // that failed (JFR: toEvent deoptimised 4 times and compiled 3 times in a ./mdma bench run)
            for (int i = 1; i < n; i++) {
                if (ends[i] - ends[i - 1] != step) {
                    throw new IllegalStateException("intervals of " + p.meterId() + " " + p.periodEnd() + " are not consecutive");
                }
            }
            for (int i = 0; i < n; i++) {
                long u = su[i];
                boolean has = sHas[i];
                boolean est = sEst[i];
                int method = sMethod[i]; // EstimationMethod codes are the IntervalQuality methods (EDIT = 3)
                int q = method | (est ? IntervalQuality.ESTIMATED : 0) | (sReason[i] << IntervalQuality.REASON_SHIFT)
                        | (sOutage[i] ? IntervalQuality.OUTAGE : 0);
                if (has) {
                    sum += u;
                    if (est) {
                        estimated++;
                    } else {
                        actual++;
                    }
                } else {
                    q |= sDue[i] ? IntervalQuality.NO_VALUE : IntervalQuality.NOT_DUE;
                    u = 0;
                    if (sDue[i]) {
                        noValue++;
                    }
                }
                usage[i] = u;
                quality[i] = q;
            }
            b.setFirstIntervalEnd(n == 0 ? null : Instant.ofEpochSecond(s.endEpochSeconds()[0]))
                    .setUsage(new PrimitiveLists.Longs(usage)).setQuality(new PrimitiveLists.Ints(quality))
                    .setIntervalsExpected(n).setIntervalsActual(actual).setIntervalsEstimated(estimated);
        }
        // the engine applied the edits in force; a result of days an edit or withdrawal touched says who and why
        EditLog.Change change = edits.latestChange(p.periodStart(), p.periodEnd());
        if (change != null) {
            b.setChangedBy(change.by()).setChangeReason(change.description());
        }
        b.setState(held ? PeriodState.HELD : p.complete() ? PeriodState.COMPLETE : PeriodState.PENDING);
        b.setTotal(total == null || held ? null : total.setScale(4).unscaledValue().longValueExact());
        b.setTotalEstimated(totalEstimated);
        b.setFailurePoints(new HashMap<>(fp));
        return b.build();
    }
}
