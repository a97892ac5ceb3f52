package energy.mdma.vee.engine;

import energy.mdma.events.IntervalStatus;
import energy.mdma.vee.model.IntervalValue;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.ReceivedIntervals;
import java.util.stream.IntStream;
import static energy.mdma.vee.engine.Fixtures.CH;
import static energy.mdma.vee.engine.Fixtures.histMean;
import static energy.mdma.vee.engine.Fixtures.indexOf;
import static energy.mdma.vee.engine.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.EstimationMethod;
import energy.mdma.vee.model.EvaluatedIntervals;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.InvalidReason;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntervalEngineTest {
    static final VeeParameters P = VeeParameters.defaults();
    static final Instant LATER = t("2030-01-01T00:00Z");

    static List<EvaluatedPeriod> run(Fixtures.Data data, Instant now, LocalDate... readDates) {
        return ChannelEvaluator.evaluate(CH, List.of(readDates), data.build(), List.of(), P, now);
    }

    static void assertInterval(EvaluatedPeriod r, String end, String usage, EstimationMethod m,
            InvalidReason reason) {
        int i = indexOf(r, end);
        assertTrue(i >= 0, "no interval " + end);
        EvaluatedIntervals s = r.intervals();
        assertEquals(usage == null ? null : new BigDecimal(usage).setScale(4), s.usageDecimal(i), end);
        assertEquals(m, s.methodOf(i), end);
        assertEquals(m != null, s.isEstimated(i), end);
        assertEquals(reason, s.reasonOf(i), end);
    }

    @Test
    void fallBackDayHas100IntervalsAndHistCoversBothRepeatedHours() {
        // HIST gap 00:45 PDT .. 03:00 PST (14 intervals, 3.5 h) on Sunday 2025-11-02
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 11, 11))
                .remove("2025-11-02T00:45-07:00", 14);
        EvaluatedPeriod r = run(data, LATER, LocalDate.of(2025, 10, 1), LocalDate.of(2025, 11, 10)).get(0);
        assertEquals(40 * 96 + 4, r.intervalsExpected());
        assertEquals(14, r.intervalsEstimated());
        assertEquals(Map.of("MISSING", 14), r.failurePoints());
        LocalDate[] refs = {LocalDate.of(2025, 10, 26), LocalDate.of(2025, 10, 19), LocalDate.of(2025, 10, 12)};
        String est = histMean(75, refs).toPlainString();
        assertInterval(r, "2025-11-02T01:15-07:00", est, EstimationMethod.HIST, InvalidReason.MISSING);
        assertInterval(r, "2025-11-02T01:15-08:00", est, EstimationMethod.HIST, InvalidReason.MISSING);
        assertInterval(r, "2025-11-02T03:00-08:00", histMean(180, refs).toPlainString(), EstimationMethod.HIST,
                InvalidReason.MISSING);
        long onFallBackDay = IntStream.range(0, r.intervals().size())
                .filter(i -> LocalGrid.dayOf(r.intervals().end(i))
                        .equals(LocalDate.of(2025, 11, 2))).count();
        assertEquals(100, onFallBackDay);
        assertEquals(List.of(refs), r.days().stream().filter(d -> d.day().equals(LocalDate.of(2025, 11, 2)))
                .findFirst().orElseThrow().referenceDays());
    }

    @Test
    void springForwardReferenceDayIsLeftOutOfTheMissingHour() {
        // Sunday 2025-03-16, 02:00..04:00 missing (9 intervals); reference Sundays 03-09 (92 intervals), 03-02, 02-23
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 3, 20))
                .remove("2025-03-16T02:00-07:00", 9);
        EvaluatedPeriod r = run(data, LATER, LocalDate.of(2025, 2, 1), LocalDate.of(2025, 3, 20)).get(0);
        assertEquals((47 - 1) * 96 + 92, r.intervalsExpected());
        LocalDate d09 = LocalDate.of(2025, 3, 9);
        LocalDate d02 = LocalDate.of(2025, 3, 2);
        LocalDate d23 = LocalDate.of(2025, 2, 23);
        // 02:15 does not exist on 03-09: mean of two
        assertInterval(r, "2025-03-16T02:15-07:00", histMean(135, d02, d23).toPlainString(), EstimationMethod.HIST,
                InvalidReason.MISSING);
        // 03:00 exists on all three
        assertInterval(r, "2025-03-16T03:00-07:00", histMean(180, d09, d02, d23).toPlainString(),
                EstimationMethod.HIST, InvalidReason.MISSING);
    }

    @Test
    void gapAcrossMidnightAndPeriodBoundaryIsInterpolatedAndSplit() {
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 21))
                .remove("2025-11-09T23:30-08:00", 5);
        BigDecimal a = data.value("2025-11-09T23:15-08:00");
        BigDecimal b = data.value("2025-11-10T00:45-08:00");
        List<EvaluatedPeriod> rs = run(data, LATER, LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 10),
                LocalDate.of(2025, 11, 20));
        EvaluatedPeriod p1 = rs.get(0);
        EvaluatedPeriod p2 = rs.get(1);
        assertEquals(3, p1.intervalsEstimated());
        assertEquals(2, p2.intervalsEstimated());
        assertEquals("KA", p1.totalCode());
        assertEquals("KA", p2.totalCode());
        for (int k = 1; k <= 5; k++) {
            BigDecimal exp = a.add(b.subtract(a).multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(6), 10,
                    RoundingMode.HALF_UP)).setScale(4, RoundingMode.HALF_UP);
            String end = Instant.ofEpochSecond(t("2025-11-09T23:15-08:00").getEpochSecond() + 900L * k).toString();
            EvaluatedPeriod r = k <= 3 ? p1 : p2;
            int i = indexOf(r, end.replace("Z", "+00:00"));
            assertEquals(exp, r.intervals().usageDecimal(i), "k=" + k);
            assertEquals(EstimationMethod.LIN, r.intervals().methodOf(i));
        }
        // the interval ending at midnight is the last of period 1
        assertEquals(t("2025-11-10T00:00-08:00"), p1.intervals().end(p1.intervals().size() - 1));
        assertEquals(Map.of("MISSING", 3), p1.failurePoints());
        assertEquals(Map.of("MISSING", 2), p2.failurePoints());
    }

    @Test
    void linAtExactly120MinutesHistAbove() {
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 1))
                .remove("2025-11-24T15:15-08:00", 8) // 120 min
                .remove("2025-11-25T13:15-08:00", 9); // 135 min
        EvaluatedPeriod r = run(data, LATER, LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 1)).get(0);
        assertEquals(EstimationMethod.LIN, r.intervals().methodOf(indexOf(r, "2025-11-24T15:15-08:00")));
        assertEquals(EstimationMethod.LIN, r.intervals().methodOf(indexOf(r, "2025-11-24T17:00-08:00")));
        // Tuesday 11-25: weekday refs 11-24 (not clean: gap), 11-21, 11-20, 11-19
        assertInterval(r, "2025-11-25T13:15-08:00", histMean(795, LocalDate.of(2025, 11, 21),
                LocalDate.of(2025, 11, 20), LocalDate.of(2025, 11, 19)).toPlainString(), EstimationMethod.HIST,
                InvalidReason.MISSING);
        assertEquals(17, r.intervalsEstimated());
    }

    @Test
    void histOnHolidayUsesSundaysAndTheDayAfterSkipsTheHoliday() {
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 10, 20), LocalDate.of(2025, 12, 1))
                .remove("2025-11-27T10:15-08:00", 24).remove("2025-11-28T10:15-08:00", 24);
        EvaluatedPeriod r = run(data, LATER, LocalDate.of(2025, 10, 20), LocalDate.of(2025, 12, 1)).get(0);
        assertInterval(r, "2025-11-27T12:00-08:00", histMean(720, LocalDate.of(2025, 11, 23),
                LocalDate.of(2025, 11, 16), LocalDate.of(2025, 11, 9)).toPlainString(), EstimationMethod.HIST,
                InvalidReason.MISSING);
        assertInterval(r, "2025-11-28T12:00-08:00", histMean(720, LocalDate.of(2025, 11, 26),
                LocalDate.of(2025, 11, 25), LocalDate.of(2025, 11, 24)).toPlainString(), EstimationMethod.HIST,
                InvalidReason.MISSING);
    }

    @Test
    void histFallsBackToLinWhenNoReferenceDayExists() {
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 10, 20), LocalDate.of(2025, 10, 25))
                .remove("2025-10-20T10:15-07:00", 16);
        EvaluatedPeriod r = run(data, LATER, LocalDate.of(2025, 10, 20), LocalDate.of(2025, 10, 25)).get(0);
        assertEquals(EstimationMethod.LIN, r.intervals().methodOf(indexOf(r, "2025-10-20T10:15-07:00")));
        assertEquals(EstimationMethod.LIN, r.intervals().methodOf(indexOf(r, "2025-10-20T14:00-07:00")));
        assertFalse(r.held());
    }

    @Test
    void gapWithoutEndpointOrReferenceIsNotEstimatedAndHeld() {
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 10, 27), LocalDate.of(2025, 11, 3))
                .remove("2025-10-27T00:15-07:00", 6);
        List<EvaluatedPeriod> rs = run(data, LATER, LocalDate.of(2025, 10, 27), LocalDate.of(2025, 10, 30),
                LocalDate.of(2025, 11, 2));
        EvaluatedPeriod r = rs.get(0);
        assertTrue(r.held());
        assertNull(r.total());
        assertNull(r.totalCode());
        assertEquals(6, r.intervalsNotEstimated());
        assertEquals(0, r.intervalsEstimated());
        assertEquals(3 * 96 - 6, r.intervalsActual());
        assertEquals(Map.of("ESTIMATION_FAILED", 1, "MISSING", 6, "NOT_ESTIMATED", 6), r.failurePoints());
        assertInterval(r, "2025-10-27T00:15-07:00", null, null, InvalidReason.MISSING);
        assertFalse(rs.get(1).held());
        assertEquals("QD", rs.get(1).totalCode());
    }

    @Test
    void outageFlaggedEndpointForcesHistAndIsCounted() {
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 10));
        for (int i = 0; i < 6; i++) {
            String end = Instant.ofEpochSecond(t("2025-12-04T13:15-08:00").getEpochSecond() + 900L * i).toString();
            data.set(end, "0", IntervalStatus.PO);
        }
        data.remove("2025-12-04T14:45-08:00", 3);
        data.set("2025-12-05T02:00-08:00", "0.5", IntervalStatus.PO, IntervalStatus.CS);
        EvaluatedPeriod r = run(data, LATER, LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 10)).get(0);
        assertEquals(EstimationMethod.HIST, r.intervals().methodOf(indexOf(r, "2025-12-04T14:45-08:00")));
        assertInterval(r, "2025-12-04T13:15-08:00", "0", null, null);
        assertTrue(r.intervals().isOutage(indexOf(r, "2025-12-04T13:15-08:00")));
        int cs = indexOf(r, "2025-12-05T02:00-08:00");
        assertEquals(EstimationMethod.LIN, r.intervals().methodOf(cs));
        assertEquals(InvalidReason.TIME_RESET, r.intervals().reasonOf(cs));
        assertTrue(r.intervals().isOutage(cs));
        assertEquals(7, r.failurePoints().get("POWER_OUTAGE"));
        assertEquals(1, r.failurePoints().get("TIME_RESET"));
        assertEquals(3, r.failurePoints().get("MISSING"));
    }

    @Test
    void spikeIsInvalidatedAndInterpolated() {
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 20))
                .set("2025-12-16T19:00-08:00", "1.5").set("2025-12-08T03:00-08:00", "-0.120");
        EvaluatedPeriod r = run(data, LATER, LocalDate.of(2025, 12, 1), LocalDate.of(2025, 12, 20)).get(0);
        int i = indexOf(r, "2025-12-16T19:00-08:00");
        assertEquals(InvalidReason.SPIKE, r.intervals().reasonOf(i));
        assertEquals(EstimationMethod.LIN, r.intervals().methodOf(i));
        assertEquals(InvalidReason.NEGATIVE, r.intervals().reasonOf(indexOf(r, "2025-12-08T03:00-08:00")));
        assertEquals(Map.of("NEGATIVE", 1, "SPIKE", 1), r.failurePoints());
    }

    @Test
    void trailingGapBeforeAndAfterDeadline() {
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 22))
                .stopAfter("2025-12-21T21:00-08:00");
        LocalDate r1 = LocalDate.of(2025, 11, 20);
        LocalDate r2 = LocalDate.of(2025, 12, 22);
        // before the deadline (02:00 on 12-22): not due, no MISSING, period incomplete
        List<EvaluatedPeriod> before = ChannelEvaluator.evaluate(CH, List.of(LocalDate.of(2025, 11, 1), r1, r2),
                data.build(), List.of(), P, t("2025-12-22T01:59-08:00"));
        EvaluatedPeriod b = before.get(1);
        assertFalse(b.complete());
        assertFalse(b.held());
        assertEquals(Map.of(), b.failurePoints());
        assertEquals(32 * 96, b.intervalsExpected());
        assertEquals(32 * 96 - 12, b.intervalsActual());
        assertEquals(0, b.intervalsEstimated());
        int i = indexOf(b, "2025-12-21T21:15-08:00");
        assertFalse(b.intervals().isDue(i));
        assertNull(b.intervals().reasonOf(i));
        assertTrue(before.get(0).complete());
        // at the deadline: MISSING, no endpoint after -> HIST
        EvaluatedPeriod a = ChannelEvaluator.evaluate(CH, List.of(LocalDate.of(2025, 11, 1), r1, r2),
                data.build(), List.of(), P, t("2025-12-22T02:00-08:00")).get(1);
        assertTrue(a.complete());
        assertEquals(Map.of("MISSING", 12), a.failurePoints());
        assertEquals(12, a.intervalsEstimated());
        assertInterval(a, "2025-12-22T00:00-08:00", histMean(0, LocalDate.of(2025, 12, 14),
                LocalDate.of(2025, 12, 7), LocalDate.of(2025, 11, 30)).toPlainString(), EstimationMethod.HIST,
                InvalidReason.MISSING);
    }

    @Test
    void sumCheckOverReadTimes() {
        // constant 0.1 per interval: 14:00 on 11-01 .. 14:00 on 11-03 is 192 intervals = 19.2
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 5));
        for (Instant e : new ArrayList<>(data.values.keySet())) {
            data.set(e.toString(), "0.1");
        }
        List<DialReading> regs = List.of(new DialReading(t("2025-11-01T14:07-07:00"), 99990),
                new DialReading(t("2025-11-01T09:00-07:00"), 1), // earlier on the same day: does not count
                new DialReading(t("2025-11-03T14:07-08:00"), 9));
        EvaluatedPeriod r = ChannelEvaluator.evaluate(CH, List.of(LocalDate.of(2025, 11, 1),
                LocalDate.of(2025, 11, 3)), data.build(), regs, P, LATER).get(0);
        assertNotNull(r.sumCheck());
        // 14:07 PDT .. 14:07 PST two days later is 49 h (fall-back): 196 intervals
        assertEquals(0, new BigDecimal("19.6").compareTo(r.sumCheck().intervalSum()));
        assertEquals(0, new BigDecimal("19").compareTo(r.sumCheck().registerUsage())); // wraps mod 10^5
        assertFalse(r.sumCheck().fail());
        assertEquals(99990L, r.registerStart());
        assertEquals(9L, r.registerEnd());
        List<DialReading> bad = List.of(regs.get(0), new DialReading(t("2025-11-03T14:07-08:00"), 30));
        EvaluatedPeriod f = ChannelEvaluator.evaluate(CH, List.of(LocalDate.of(2025, 11, 1),
                LocalDate.of(2025, 11, 3)), data.build(), bad, P, LATER).get(0);
        assertTrue(f.sumCheck().fail());
        assertEquals(Map.of("SUM_CHECK", 1), f.failurePoints());
        // a reading of 10^dials or more: DIALS, no register value, no sum check
        List<DialReading> dials = List.of(regs.get(0), new DialReading(t("2025-11-03T14:07-08:00"), 100000));
        EvaluatedPeriod d = ChannelEvaluator.evaluate(CH, List.of(LocalDate.of(2025, 11, 1),
                LocalDate.of(2025, 11, 3)), data.build(), dials, P, LATER).get(0);
        assertNull(d.sumCheck());
        assertNull(d.registerEnd());
        assertEquals(Map.of("DIALS", 1), d.failurePoints());
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        Fixtures.Data data = new Fixtures.Data(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 5))
                .remove("2025-11-21T21:15-08:00", 32).remove("2025-11-24T10:15-08:00", 6);
        List<LocalDate> dates = new ArrayList<>(List.of(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 20),
                LocalDate.of(2025, 12, 4)));
        List<EvaluatedPeriod> a = ChannelEvaluator.evaluate(CH, dates, data.build(), List.of(), P, LATER);
        List<IntervalValue> shuffled = data.list();
        Collections.shuffle(shuffled, new Random(7));
        Collections.reverse(dates);
        List<EvaluatedPeriod> b = ChannelEvaluator.evaluate(CH, dates,
                ReceivedIntervals.of(15, shuffled), List.of(), P, LATER);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(Fixtures.digest(a.get(i)), Fixtures.digest(b.get(i)));
        }
        // the window overload returns the periods touching the range
        List<EvaluatedPeriod> w = ChannelEvaluator.evaluate(CH, dates, data.build(), List.of(), P, LATER,
                LocalDate.of(2025, 11, 20), LocalDate.of(2025, 11, 21));
        assertEquals(1, w.size());
        assertEquals(LocalDate.of(2025, 11, 20), w.get(0).periodStart());
        assertEquals(2, ChannelEvaluator.evaluate(CH, dates, data.build(), List.of(), P, LATER,
                LocalDate.of(2025, 11, 19), LocalDate.of(2025, 11, 20)).size());
    }
}
