package energy.mdma.vee.engine;

import energy.mdma.events.IntervalStatus;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.IntervalValue;
import energy.mdma.vee.model.ReceivedIntervals;
import java.util.HashSet;
import static energy.mdma.vee.engine.Fixtures.CH;
import static energy.mdma.vee.engine.Fixtures.histMean;
import static energy.mdma.vee.engine.Fixtures.indexOf;
import static energy.mdma.vee.engine.Fixtures.shape;
import static energy.mdma.vee.engine.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.vee.model.DayResult;
import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.EstimationMethod;
import energy.mdma.vee.model.EvaluatedIntervals;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.FailureCode;
import energy.mdma.vee.model.InvalidReason;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Edge cases of the interval engine against vee-rules.md sections 2 to 4 and 7. */
class IntervalEngineEdgeCasesTest {
    static final VeeParameters P = VeeParameters.defaults();
    static final Instant LATER = t("2030-01-01T00:00Z");

    static List<EvaluatedPeriod> run(Fixtures.Data data, List<DialReading> regs, Instant now,
            LocalDate... readDates) {
        return ChannelEvaluator.evaluate(CH, List.of(readDates), data.build(), regs, P, now);
    }

    static List<EvaluatedPeriod> run(Fixtures.Data data, LocalDate... readDates) {
        return run(data, List.of(), LATER, readDates);
    }

    static String end(String first, int k) {
        return Instant.ofEpochSecond(t(first).getEpochSecond() + 900L * k).toString();
    }

    static BigDecimal usage(EvaluatedPeriod r, String end) {
        int i = indexOf(r, end);
        assertTrue(i >= 0, "no interval " + end);
        return r.intervals().usageDecimal(i);
    }

    static EstimationMethod method(EvaluatedPeriod r, String end) {
        return r.intervals().methodOf(indexOf(r, end));
    }

    static DayResult day(EvaluatedPeriod r, LocalDate d) {
        return r.days().stream().filter(x -> x.day().equals(d)).findFirst().orElseThrow();
    }

    static LocalDate d(int m, int day) {
        return LocalDate.of(2025, m, day);
    }

    @Test
    void fallBackReferenceDayContributesItsFirstOccurrenceOfTheWallTime() {
        // Sunday 11-09: refs 11-02 (fall-back day), 10-26, 10-19; 01:15 on 11-02 occurs twice
        Fixtures.Data data = new Fixtures.Data(d(10, 1), d(11, 12))
                .set("2025-11-02T01:15-07:00", "0.3").set("2025-11-02T01:15-08:00", "0.9")
                .remove("2025-11-09T00:15-08:00", 12);
        EvaluatedPeriod r = run(data, d(10, 1), d(11, 12)).get(0);
        BigDecimal exp = new BigDecimal("0.3").add(shape(d(10, 26), 75)).add(shape(d(10, 19), 75))
                .divide(BigDecimal.valueOf(3), 4, RoundingMode.HALF_UP);
        assertEquals(exp, usage(r, "2025-11-09T01:15-08:00"));
        assertEquals(EstimationMethod.HIST, method(r, "2025-11-09T01:15-08:00"));
        assertEquals(List.of(d(11, 2), d(10, 26), d(10, 19)), day(r, d(11, 9)).referenceDays());
    }

    @Test
    void aWallTimeNoReferenceDayHasMakesTheWholeGapFallBackToLin() {
        // data from Monday 03-03: the only clean Sunday before 03-16 is 03-09 (spring forward, no 02:xx)
        LocalDate from = LocalDate.of(2025, 3, 3);
        LocalDate to = LocalDate.of(2025, 3, 20);
        Fixtures.Data data = new Fixtures.Data(from, to).remove("2025-03-16T01:15-07:00", 12); // 01:15..04:00, 3 h
        EvaluatedPeriod r = run(data, from, to).get(0);
        BigDecimal a = data.value("2025-03-16T01:00-07:00");
        BigDecimal b = data.value("2025-03-16T04:15-07:00");
        for (int k = 1; k <= 12; k++) {
            String e = end("2025-03-16T01:00-07:00", k);
            assertEquals(EstimationMethod.LIN, method(r, e), e);
            BigDecimal exp = a.add(b.subtract(a).multiply(BigDecimal.valueOf(k))
                    .divide(BigDecimal.valueOf(13), 20, RoundingMode.HALF_UP)).setScale(4, RoundingMode.HALF_UP);
            assertEquals(exp, usage(r, e), e);
        }
        assertFalse(r.held());
        // the same with an outage-flagged endpoint: nothing can be estimated
        data.set("2025-03-16T01:00-07:00", "0.05", IntervalStatus.PO);
        EvaluatedPeriod h = run(data, from, to).get(0);
        assertTrue(h.held());
        assertEquals(12, h.intervalsNotEstimated());
        assertEquals(0, h.intervalsEstimated());
        assertNull(usage(h, "2025-03-16T01:15-07:00")); // 01:15 alone would have had a reference value
        assertEquals(Map.of("MISSING", 12, "NOT_ESTIMATED", 12, "POWER_OUTAGE", 1, "ESTIMATION_FAILED", 1),
                h.failurePoints());
    }

    @Test
    void notEstimatedGapAcrossAReadDateHoldsBothPeriods() {
        // Monday 11-03 is made unclean (outage), so 11-04 and 11-05 have no reference day;
        // the endpoint before the gap is outage-flagged, so no LIN fallback either
        Fixtures.Data data = new Fixtures.Data(d(11, 3), d(11, 11))
                .set("2025-11-03T12:00-08:00", "0.07", IntervalStatus.PO)
                .set("2025-11-04T23:15-08:00", "0.07", IntervalStatus.PO)
                .remove("2025-11-04T23:30-08:00", 5); // 23:30, 23:45, 00:00 | 00:15, 00:30
        List<EvaluatedPeriod> rs = run(data, d(11, 3), d(11, 5), d(11, 10));
        EvaluatedPeriod p1 = rs.get(0);
        EvaluatedPeriod p2 = rs.get(1);
        assertTrue(p1.held());
        assertTrue(p2.held());
        assertEquals(Map.of("MISSING", 3, "NOT_ESTIMATED", 3, "POWER_OUTAGE", 2, "ESTIMATION_FAILED", 1),
                p1.failurePoints());
        assertEquals(Map.of("MISSING", 2, "NOT_ESTIMATED", 2, "ESTIMATION_FAILED", 1), p2.failurePoints());
        assertNull(p1.total());
        assertNull(p1.totalCode());
        // a day with an interval without a value gets no day check
        assertNull(day(p1, d(11, 4)).total());
        assertEquals(Set.of(), day(p1, d(11, 4)).codes());
        assertNull(day(p2, d(11, 5)).total());
    }

    @Test
    void outageFlaggedEndpointAfterTheGapForcesHist() {
        Fixtures.Data data = new Fixtures.Data(d(11, 1), d(12, 1))
                .remove("2025-11-25T10:15-08:00", 3).set("2025-11-25T11:00-08:00", "0.06", IntervalStatus.PO);
        EvaluatedPeriod r = run(data, d(11, 1), d(12, 1)).get(0);
        assertEquals(EstimationMethod.HIST, method(r, "2025-11-25T10:30-08:00"));
        assertEquals(histMean(630, d(11, 24), d(11, 21), d(11, 20)), usage(r, "2025-11-25T10:30-08:00"));
        // the outage interval keeps its measured value
        assertEquals(new BigDecimal("0.0600"), usage(r, "2025-11-25T11:00-08:00"));
        assertFalse(r.intervals().isEstimated(indexOf(r, "2025-11-25T11:00-08:00")));
        assertEquals(Map.of("MISSING", 3, "POWER_OUTAGE", 1), r.failurePoints());
    }

    @Test
    void outageIsCountedWhateverElseApplies() {
        Fixtures.Data data = new Fixtures.Data(d(11, 1), d(12, 1))
                .set("2025-11-25T11:00-08:00", "380", IntervalStatus.PO, IntervalStatus.OV)
                .set("2025-11-26T11:00-08:00", "-1", IntervalStatus.PO)
                .set("2025-11-26T15:00-08:00", "0.05", IntervalStatus.PO, IntervalStatus.TM);
        EvaluatedPeriod r = run(data, d(11, 1), d(12, 1)).get(0);
        assertEquals(InvalidReason.OVERFLOW, r.intervals().reasonOf(indexOf(r, "2025-11-25T11:00-08:00")));
        assertEquals(InvalidReason.NEGATIVE, r.intervals().reasonOf(indexOf(r, "2025-11-26T11:00-08:00")));
        assertEquals(InvalidReason.TEST_MODE, r.intervals().reasonOf(indexOf(r, "2025-11-26T15:00-08:00")));
        assertEquals(EstimationMethod.LIN, method(r, "2025-11-25T11:00-08:00"));
        assertEquals(Map.of("OVERFLOW", 1, "NEGATIVE", 1, "TEST_MODE", 1, "POWER_OUTAGE", 3), r.failurePoints());
    }

    @Test
    void spikeOrOutageMakesADayUncleanForReferenceAndDayChecks() {
        Fixtures.Data data = new Fixtures.Data(d(11, 3), d(12, 1))
                .set("2025-11-25T12:00-08:00", "1.5") // spike on Tuesday
                .set("2025-11-24T12:00-08:00", "0.07", IntervalStatus.PO) // outage on Monday
                .remove("2025-11-26T10:15-08:00", 16); // HIST gap on Wednesday
        // Friday 11-28 three times its usual load: HIGH against 11-21, 11-20, 11-19
        // (11-27 holiday, 11-26 gap, 11-25 spike, 11-24 outage)
        for (Instant e : new ArrayList<>(data.values.keySet())) {
            if (LocalGrid.dayOf(e).equals(d(11, 28))) {
                data.set(e.toString(), data.values.get(e).value().multiply(BigDecimal.valueOf(3)).toPlainString());
            }
        }
        EvaluatedPeriod r = run(data, d(11, 3), d(12, 1)).get(0);
        List<LocalDate> refs = List.of(d(11, 21), d(11, 20), d(11, 19));
        assertEquals(refs, day(r, d(11, 26)).referenceDays());
        assertEquals(histMean(720, d(11, 21), d(11, 20), d(11, 19)), usage(r, "2025-11-26T12:00-08:00"));
        assertEquals(refs, day(r, d(11, 28)).referenceDays());
        assertEquals(Set.of(FailureCode.HIGH_USAGE), day(r, d(11, 28)).codes());
        assertEquals(1, r.failurePoints().get("HIGH_USAGE"));
        assertEquals(1, r.failurePoints().get("SPIKE"));
        assertEquals(InvalidReason.SPIKE, r.intervals().reasonOf(indexOf(r, "2025-11-25T12:00-08:00")));
    }

    @Test
    void outageFlaggedIntervalsAreSpikeCandidates() {
        // 0.9 with status PO has no invalid reason: it is the second largest, so 1.5 is no spike
        Fixtures.Data data = new Fixtures.Data(d(12, 1), d(12, 20))
                .set("2025-12-16T19:00-08:00", "1.5").set("2025-12-16T18:00-08:00", "0.9", IntervalStatus.PO);
        EvaluatedPeriod r = run(data, d(12, 1), d(12, 20)).get(0);
        assertNull(r.intervals().reasonOf(indexOf(r, "2025-12-16T19:00-08:00")));
        assertEquals(Map.of("POWER_OUTAGE", 1), r.failurePoints());
        // an outage-flagged interval can itself be the spike (it is then invalid and estimated)
        data.set("2025-12-16T19:00-08:00", "0.09").set("2025-12-16T18:00-08:00", "2", IntervalStatus.PO);
        EvaluatedPeriod s = run(data, d(12, 1), d(12, 20)).get(0);
        int i = indexOf(s, "2025-12-16T18:00-08:00");
        assertEquals(InvalidReason.SPIKE, s.intervals().reasonOf(i));
        assertTrue(s.intervals().isOutage(i));
        assertEquals(EstimationMethod.LIN, s.intervals().methodOf(i));
        assertEquals(Map.of("POWER_OUTAGE", 1, "SPIKE", 1), s.failurePoints());
    }

    @Test
    void spikeNextToAMissingRunLengthensTheGapBeyondTheLinLimit() {
        // 8 missing (120 min) followed by a spike: one gap of 9 intervals (135 min) -> HIST
        Fixtures.Data data = new Fixtures.Data(d(11, 1), d(12, 1))
                .remove("2025-11-24T15:15-08:00", 8).set("2025-11-24T17:15-08:00", "1.5");
        EvaluatedPeriod r = run(data, d(11, 1), d(12, 1)).get(0);
        for (int k = 0; k < 9; k++) {
            assertEquals(EstimationMethod.HIST, method(r, end("2025-11-24T15:15-08:00", k)), "k=" + k);
        }
        assertEquals(histMean(1035, d(11, 21), d(11, 20), d(11, 19)), usage(r, "2025-11-24T17:15-08:00"));
        assertEquals(Map.of("MISSING", 8, "SPIKE", 1), r.failurePoints());
    }

    @Test
    void sumCheckWindowIsOpenAtTheStartAndClosedAtTheEnd() {
        Fixtures.Data data = new Fixtures.Data(d(11, 1), d(11, 5));
        for (Instant e : new ArrayList<>(data.values.keySet())) {
            data.set(e.toString(), "0.1");
        }
        // the interval ending exactly at t' is excluded, the one ending exactly at t included
        data.set("2025-11-01T14:00-07:00", "0.9").set("2025-11-03T14:00-08:00", "0.3");
        List<DialReading> regs = List.of(new DialReading(t("2025-11-01T14:00-07:00"), 1000),
                new DialReading(t("2025-11-03T14:00-08:00"), 1020));
        EvaluatedPeriod r = run(data, regs, LATER, d(11, 1), d(11, 3)).get(0);
        assertNotNull(r.sumCheck());
        // 49 h (fall-back) = 196 intervals: 195 x 0.1 + 0.3
        assertEquals(0, new BigDecimal("19.8").compareTo(r.sumCheck().intervalSum()));
        assertFalse(r.sumCheck().fail()); // |19.8 - 20| <= 2
    }

    @Test
    void sumCheckIsNotMadeWhenItReachesPastTheGrid() {
        // data ends with the interval ending at midnight starting read date 11-03; read on 11-03 at 14:07
        Fixtures.Data data = new Fixtures.Data(d(11, 1), d(11, 3));
        List<DialReading> regs = List.of(new DialReading(t("2025-11-01T09:00-07:00"), 1000),
                new DialReading(t("2025-11-03T14:07-08:00"), 99999));
        EvaluatedPeriod r = run(data, regs, LATER, d(11, 1), d(11, 3)).get(0);
        assertTrue(r.complete());
        assertNull(r.sumCheck());
        assertEquals(Map.of(), r.failurePoints());
        assertEquals(99999L, r.registerEnd());
    }

    @Test
    void dialsOnAMiddleReadDateOfAnIntervalMeter() {
        Fixtures.Data data = new Fixtures.Data(d(11, 1), d(11, 7));
        List<DialReading> regs = List.of(new DialReading(t("2025-11-01T09:00-07:00"), 1000),
                new DialReading(t("2025-11-03T09:00-08:00"), 100000),
                new DialReading(t("2025-11-05T09:00-08:00"), 1010));
        List<EvaluatedPeriod> rs = run(data, regs, LATER, d(11, 1), d(11, 3), d(11, 5));
        assertEquals(Map.of("DIALS", 1), rs.get(0).failurePoints());
        assertNull(rs.get(0).registerEnd());
        assertNull(rs.get(0).sumCheck());
        // the next period: no register start, no sum check, no second DIALS
        assertEquals(Map.of(), rs.get(1).failurePoints());
        assertNull(rs.get(1).registerStart());
        assertNull(rs.get(1).sumCheck());
        assertEquals(1010L, rs.get(1).registerEnd());
    }

    @Test
    void theMidnightIntervalIsDueByTheDeadlineOfTheDayBefore() {
        // data stops at 23:45 on Sunday 11-02 (fall-back day): the interval ending 11-03 00:00 belongs to 11-02
        Fixtures.Data data = new Fixtures.Data(d(11, 1), d(11, 3)).stopAfter("2025-11-02T23:45-08:00");
        EvaluatedPeriod before = run(data, List.of(), t("2025-11-03T01:59-08:00"), d(11, 1), d(11, 3)).get(0);
        assertFalse(before.complete());
        assertEquals(Map.of(), before.failurePoints());
        assertEquals(196, before.intervalsExpected());
        assertFalse(before.intervals().isDue(indexOf(before, "2025-11-03T00:00-08:00")));
        // at 02:00 on 11-03 it is MISSING; no endpoint after and no Sunday reference: not estimated, held
        EvaluatedPeriod after = run(data, List.of(), t("2025-11-03T02:00-08:00"), d(11, 1), d(11, 3)).get(0);
        assertTrue(after.complete());
        assertTrue(after.held());
        assertEquals(Map.of("MISSING", 1, "NOT_ESTIMATED", 1, "ESTIMATION_FAILED", 1), after.failurePoints());
    }

    @Test
    void dayCheckUsesTheExactMeanOfTheReferenceTotalsAndCountsDays() {
        // constant loads: Mondays to Fridays 0.1 (day total 9.6); Wednesday 11-26 at 0.2001 (19.2096 > 2 x 9.6)
        // and Tuesday 11-25 at 0.024 (2.304 < 0.25 x 9.6 = 2.4)
        Fixtures.Data data = new Fixtures.Data(d(11, 3), d(12, 1));
        for (Instant e : new ArrayList<>(data.values.keySet())) {
            LocalDate day = LocalGrid.dayOf(e);
            String v = day.equals(d(11, 26)) ? "0.2001" : day.equals(d(11, 25)) ? "0.024" : "0.1";
            data.set(e.toString(), v);
        }
        EvaluatedPeriod r = run(data, d(11, 3), d(12, 1)).get(0);
        assertEquals(Set.of(FailureCode.HIGH_USAGE), day(r, d(11, 26)).codes());
        assertEquals(Set.of(FailureCode.LOW_USAGE), day(r, d(11, 25)).codes());
        assertEquals(List.of(d(11, 24), d(11, 21), d(11, 20)), day(r, d(11, 25)).referenceDays());
        // 11-26's references include the LOW day 11-25 (it is clean): H = (2.304 + 9.6 + 9.6) / 3 = 7.168
        assertEquals(List.of(d(11, 25), d(11, 24), d(11, 21)), day(r, d(11, 26)).referenceDays());
        assertEquals(1, r.failurePoints().get("HIGH_USAGE"));
        // 11-28 (Friday) refs 11-26, 11-25, 11-24: H = (19.2096 + 2.304 + 9.6) / 3 = 10.3712; T = 9.6 -> none
        assertEquals(Set.of(), day(r, d(11, 28)).codes());
        assertEquals(1, r.failurePoints().get("LOW_USAGE"));
    }

    @Test
    void gapWithReferencesOnOnlyOneOfItsDaysFallsBackAsAWhole() {
        // data from Monday 11-03: Friday 11-07 has weekday references, Saturday 11-08 none;
        // the gap Friday 21:15 .. Saturday 05:00 (32 intervals) is interpolated as a whole, Friday part included
        Fixtures.Data data = new Fixtures.Data(d(11, 3), d(11, 12)).remove("2025-11-07T21:15-08:00", 32);
        EvaluatedPeriod r = run(data, d(11, 3), d(11, 12)).get(0);
        BigDecimal a = data.value("2025-11-07T21:00-08:00");
        BigDecimal b = data.value("2025-11-08T05:15-08:00");
        for (int k = 1; k <= 32; k++) {
            String e = end("2025-11-07T21:00-08:00", k);
            assertEquals(EstimationMethod.LIN, method(r, e), e);
            assertEquals(a.add(b.subtract(a).multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(33), 20,
                    RoundingMode.HALF_UP)).setScale(4, RoundingMode.HALF_UP), usage(r, e), e);
        }
        assertEquals(List.of(d(11, 6), d(11, 5), d(11, 4)), day(r, d(11, 7)).referenceDays());
    }

    @Test
    void sumCheckWaitsForAnUnestimatedIntervalOfTheNextPeriod() {
        // 11-03 and 11-04 unclean (outages): Wednesday 11-05 has no reference day; its gap 08:00..08:30
        // follows an outage-flagged interval: not estimated. It lies in (t', t] of P(11-05) but in P(11-10).
        Fixtures.Data data = new Fixtures.Data(d(11, 3), d(11, 11))
                .set("2025-11-03T12:00-08:00", "0.07", IntervalStatus.PO)
                .set("2025-11-04T12:00-08:00", "0.07", IntervalStatus.PO)
                .set("2025-11-05T07:45-08:00", "0.07", IntervalStatus.PO)
                .remove("2025-11-05T08:00-08:00", 3);
        List<DialReading> regs = List.of(new DialReading(t("2025-11-03T11:07-08:00"), 1000),
                new DialReading(t("2025-11-05T11:07-08:00"), 99999));
        List<EvaluatedPeriod> rs = run(data, regs, LATER, d(11, 3), d(11, 5), d(11, 10));
        assertFalse(rs.get(0).held());
        assertNull(rs.get(0).sumCheck()); // would fail badly if made
        assertEquals(Map.of("POWER_OUTAGE", 2), rs.get(0).failurePoints());
        assertTrue(rs.get(1).held());
        assertEquals(Map.of("MISSING", 3, "NOT_ESTIMATED", 3, "POWER_OUTAGE", 1, "ESTIMATION_FAILED", 1),
                rs.get(1).failurePoints());
    }

    /** Values shape(day, wall time) on an im-minute grid over [from, to), minus the given ends. */
    static List<IntervalValue> grid(int im, LocalDate from, LocalDate to, Map<Instant, String> set,
            Set<Instant> removed) {
        List<IntervalValue> out = new ArrayList<>();
        for (LocalDate x = from; x.isBefore(to); x = x.plusDays(1)) {
            for (int k = 0; k < LocalGrid.intervalsPerDay(x, im); k++) {
                Instant e = LocalGrid.endOf(x, k, im);
                if (!removed.contains(e)) {
                    BigDecimal v = set.containsKey(e) ? new BigDecimal(set.get(e)) : shape(x, LocalGrid.wallMinuteOfDay(e));
                    out.add(new IntervalValue(e, v, Set.of()));
                }
            }
        }
        return out;
    }

    @Test
    void hourlyChannelOnDstDaysLinLimitAndHist() {
        ChannelConfig h = new ChannelConfig("H1", 1,
                Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, BigDecimal.ONE,
                60, 5);
        Map<Instant, String> set = Map.of(t("2025-11-02T01:00-07:00"), "0.3", t("2025-11-02T01:00-08:00"), "0.9");
        // Sunday 11-09 00:00..03:00 missing (3 h: HIST); Monday 11-10 10:00, 11:00 missing (2 h: LIN)
        Set<Instant> removed = Set.of(t("2025-11-09T01:00-08:00"), t("2025-11-09T02:00-08:00"),
                t("2025-11-09T03:00-08:00"), t("2025-11-10T10:00-08:00"), t("2025-11-10T11:00-08:00"));
        EvaluatedPeriod r = ChannelEvaluator.evaluate(h, List.of(d(10, 1), d(11, 12)),
                ReceivedIntervals.of(60, grid(60, d(10, 1), d(11, 12), set, removed)), List.of(), P,
                LATER).get(0);
        assertEquals(42 * 24 + 1, r.intervalsExpected()); // fall-back day has 25 hourly intervals
        BigDecimal exp = new BigDecimal("0.3").add(shape(d(10, 26), 60)).add(shape(d(10, 19), 60))
                .divide(BigDecimal.valueOf(3), 4, RoundingMode.HALF_UP);
        assertEquals(exp, usage(r, "2025-11-09T01:00-08:00"));
        assertEquals(EstimationMethod.HIST, method(r, "2025-11-09T03:00-08:00"));
        assertEquals(EstimationMethod.LIN, method(r, "2025-11-10T10:00-08:00"));
        assertEquals(EstimationMethod.LIN, method(r, "2025-11-10T11:00-08:00"));
        // spring forward: 23 hourly intervals
        assertEquals(23, LocalGrid.intervalsPerDay(LocalDate.of(2025, 3, 9), 60));
    }

    @Test
    void fiveMinuteChannelLinLimitIs24Intervals() {
        ChannelConfig f = new ChannelConfig("F1", 1,
                Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, BigDecimal.ONE,
                5, 5);
        HashSet<Instant> removed = new HashSet<>();
        for (int k = 0; k < 24; k++) {
            removed.add(t("2025-11-24T10:05-08:00").plusSeconds(300L * k)); // 10:05..12:00, 120 min
        }
        for (int k = 0; k < 25; k++) {
            removed.add(t("2025-11-25T10:05-08:00").plusSeconds(300L * k)); // 10:05..12:05, 125 min
        }
        EvaluatedPeriod r = ChannelEvaluator.evaluate(f, List.of(d(11, 1), d(12, 1)),
                ReceivedIntervals.of(5, grid(5, d(11, 1), d(12, 1), Map.of(), removed)), List.of(), P,
                LATER).get(0);
        assertEquals(EstimationMethod.LIN, method(r, "2025-11-24T12:00-08:00"));
        assertEquals(EstimationMethod.HIST, method(r, "2025-11-25T12:05-08:00"));
        // HIST at 12:05 on Tuesday 11-25: refs 11-24 (gap: unclean), 11-21, 11-20, 11-19
        assertEquals(histMean(725, d(11, 21), d(11, 20), d(11, 19)), usage(r, "2025-11-25T12:05-08:00"));
        assertEquals(Map.of("MISSING", 49), r.failurePoints());
    }

    @Test
    void deadlineOnTheSpringForwardMorningIsTheInstantOf0200Pst() {
        // 02:00 does not exist on 2025-03-09: the deadline of 03-08 is 02:00 PST = 03:00 PDT = 10:00Z
        LocalDate from = LocalDate.of(2025, 3, 1);
        LocalDate to = LocalDate.of(2025, 3, 9);
        Fixtures.Data data = new Fixtures.Data(from, to).stopAfter("2025-03-08T20:00-08:00");
        EvaluatedPeriod before = run(data, List.of(), Instant.parse("2025-03-09T09:59:00Z"), from, to).get(0);
        assertFalse(before.complete());
        assertEquals(Map.of(), before.failurePoints());
        EvaluatedPeriod after = run(data, List.of(), Instant.parse("2025-03-09T10:00:00Z"), from, to).get(0);
        assertTrue(after.complete());
        assertEquals(Map.of("MISSING", 16), after.failurePoints());
        assertEquals(histMean(0, from), usage(after, "2025-03-09T00:00-08:00")); // Saturday 03-01 is the reference
    }
}
