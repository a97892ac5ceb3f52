package energy.mdma.vee.engine;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import java.math.RoundingMode;
import static energy.mdma.vee.engine.Fixtures.CH;
import static energy.mdma.vee.engine.Fixtures.indexOf;
import static energy.mdma.vee.engine.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.DayResult;
import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.EstimationMethod;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.FailureCode;
import energy.mdma.vee.model.InvalidReason;
import energy.mdma.vee.model.ManualEdits;
import energy.mdma.vee.model.VeeParameters;
import energy.mdma.vee.rules.LinearInterpolation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Manual edits in the engine (operations.md section 2): one test per rule an edited value takes part in.
 */
class ManualEditEngineTest {
    static final VeeParameters P = VeeParameters.defaults();
    static final Instant LATER = t("2030-01-01T00:00Z");
    static final LocalDate R0 = LocalDate.of(2025, 11, 1);
    static final LocalDate R1 = LocalDate.of(2025, 11, 20);

    static EvaluatedPeriod run(Fixtures.Data data, List<DialReading> regs, ManualEdits edits) {
        return ChannelEvaluator.evaluate(CH, List.of(R0, R1), data.build(), regs, edits, P, LATER).get(0);
    }

    /** Edits of intervals: end (ISO) -> usage (decimal). */
    static ManualEdits edits(String... endAndUsage) {
        Map<Long, Long> m = new HashMap<>();
        for (int i = 0; i < endAndUsage.length; i += 2) {
            m.put(t(endAndUsage[i]).getEpochSecond(), new BigDecimal(endAndUsage[i + 1]).movePointRight(4)
                    .longValueExact());
        }
        return ManualEdits.of(m, Map.of());
    }

    static BigDecimal usage(EvaluatedPeriod r, String end) {
        return r.intervals().usageDecimal(indexOf(r, end));
    }

    @Test
    void anEditedIntervalIsKaWithMethodEditAndCountsInThePeriodTotal() {
        Fixtures.Data data = new Fixtures.Data(R0, R1);
        EvaluatedPeriod before = run(data, List.of(), ManualEdits.NONE);
        String end = "2025-11-10T12:00-08:00";
        EvaluatedPeriod r = run(data, List.of(), edits(end, "1.2345"));
        int i = indexOf(r, end);
        assertEquals(new BigDecimal("1.2345"), r.intervals().usageDecimal(i));
        assertTrue(r.intervals().isEstimated(i));
        assertEquals(EstimationMethod.EDIT, r.intervals().methodOf(i));
        assertNull(r.intervals().reasonOf(i), "a valid received value edited keeps no invalid reason");
        assertEquals(before.total().subtract(data.value(end)).add(new BigDecimal("1.2345")), r.total());
        assertTrue(r.totalEstimated(), "an edited interval makes the period KA");
        assertEquals(before.intervalsActual() - 1, r.intervalsActual());
        assertEquals(1, r.intervalsEstimated());
        assertEquals(Map.of("EDITED", 1), r.failurePoints());
        // the day total counts it like a received value
        DayResult day = r.days().stream().filter(d -> d.day().equals(LocalDate.of(2025, 11, 10))).findFirst()
                .orElseThrow();
        DayResult dayBefore = before.days().stream().filter(d -> d.day().equals(LocalDate.of(2025, 11, 10)))
                .findFirst().orElseThrow();
        assertEquals(dayBefore.total().subtract(data.value(end)).add(new BigDecimal("1.2345")), day.total());
    }

    @Test
    void editsOfEveryIntervalOfAHeldGapResolveIt() {
        // 3 missing hours on the period's first day: no reference day before it, so HIST fails; no endpoint before
        Fixtures.Data data = new Fixtures.Data(R0, R1).remove("2025-11-01T00:15-07:00", 12);
        EvaluatedPeriod held = run(data, List.of(), ManualEdits.NONE);
        assertTrue(held.held());
        assertEquals(Map.of("MISSING", 12, "NOT_ESTIMATED", 12, "ESTIMATION_FAILED", 1), held.failurePoints());
        String[] e = new String[24];
        for (int k = 0; k < 12; k++) {
            e[2 * k] = t("2025-11-01T00:15-07:00").plusSeconds(900L * k).toString();
            e[2 * k + 1] = "0.5";
        }
        EvaluatedPeriod r = run(data, List.of(), edits(e));
        assertFalse(r.held());
        assertNotNull(r.total());
        assertEquals(0, r.intervalsNotEstimated());
        assertEquals(12, r.intervalsEstimated());
        // the invalid reason of what was received (nothing: MISSING) stays recorded, as for an estimate
        assertEquals(InvalidReason.MISSING, r.intervals().reasonOf(0));
        assertEquals(Map.of("MISSING", 12, "EDITED", 12), r.failurePoints());
        // editing only the first gives the others a usable endpoint before them: the fallback interpolates them
        EvaluatedPeriod part = run(data, List.of(), edits(e[0], e[1]));
        assertFalse(part.held());
        assertEquals(EstimationMethod.LIN, part.intervals().methodOf(1));
        assertEquals(Map.of("MISSING", 12, "EDITED", 1), part.failurePoints());
        // editing the last but one leaves a gap without usable endpoint before it: still held
        EvaluatedPeriod stillHeld = run(data, List.of(), edits(e[20], e[21]));
        assertTrue(stillHeld.held());
        assertEquals(Map.of("MISSING", 12, "NOT_ESTIMATED", 10, "EDITED", 1, "ESTIMATION_FAILED", 1),
                stillHeld.failurePoints());
    }

    @Test
    void anEditedIntervalIsAUsableEndpointForLinearInterpolation() {
        // 12 missing intervals (3 h): too long for LIN, HIST from the reference days
        String first = "2025-11-12T08:15-08:00";
        Fixtures.Data data = new Fixtures.Data(R0, R1).remove(first, 12);
        EvaluatedPeriod hist = run(data, List.of(), ManualEdits.NONE);
        assertEquals(EstimationMethod.HIST, hist.intervals().methodOf(indexOf(hist, first)));
        // an edit of the 6th splits it into gaps of 5 and 6 intervals, both interpolated towards the edited value
        String middle = t(first).plusSeconds(900L * 5).toString();
        EvaluatedPeriod r = run(data, List.of(), edits(middle, "0.2"));
        int m = indexOf(r, middle);
        long before = r.intervals().usage()[m - 6];
        long edited = 2000L;
        for (int k = 1; k <= 5; k++) {
            assertEquals(EstimationMethod.LIN, r.intervals().methodOf(m - 6 + k));
            assertEquals(LinearInterpolation.estimate(before, edited, k, 5), r.intervals().usage()[m - 6 + k]);
        }
        long after = r.intervals().usage()[m + 7];
        for (int k = 1; k <= 6; k++) {
            assertEquals(EstimationMethod.LIN, r.intervals().methodOf(m + k));
            assertEquals(LinearInterpolation.estimate(edited, after, k, 6), r.intervals().usage()[m + k]);
        }
        assertEquals(Map.of("MISSING", 12, "EDITED", 1), r.failurePoints());
    }

    @Test
    void anEditedValueCountsInTheHighLowZeroChecks() {
        Fixtures.Data data = new Fixtures.Data(R0, R1);
        LocalDate day = LocalDate.of(2025, 11, 18);
        assertEquals(Map.of(), run(data, List.of(), ManualEdits.NONE).failurePoints());
        // one interval edited to 50 kWh: the day total is far above twice its reference days' mean
        EvaluatedPeriod high = run(data, List.of(), edits("2025-11-18T12:00-08:00", "50"));
        assertTrue(dayOf(high, day).codes().contains(FailureCode.HIGH_USAGE));
        assertEquals(Map.of("EDITED", 1, "HIGH_USAGE", 1), high.failurePoints());
        // every interval of the day edited to 0: ZERO_USAGE (and LOW_USAGE)
        String[] zeros = new String[2 * 96];
        Instant start = t("2025-11-18T00:15-08:00");
        for (int k = 0; k < 96; k++) {
            zeros[2 * k] = start.plusSeconds(900L * k).toString();
            zeros[2 * k + 1] = "0";
        }
        EvaluatedPeriod zero = run(data, List.of(), edits(zeros));
        assertTrue(dayOf(zero, day).codes().contains(FailureCode.ZERO_USAGE));
        assertTrue(dayOf(zero, day).codes().contains(FailureCode.LOW_USAGE));
        assertEquals(96, zero.failurePoints().get("EDITED"));
    }

    @Test
    void aDayWithAnEditedIntervalIsNoReferenceDay() {
        // Wednesday 11-19 has a HIST gap; its reference weekdays are 11-18, 11-17, 11-14 unless one is edited
        String first = "2025-11-19T08:15-08:00";
        Fixtures.Data data = new Fixtures.Data(R0, R1).remove(first, 12);
        LocalDate d19 = LocalDate.of(2025, 11, 19);
        assertEquals(List.of(LocalDate.of(2025, 11, 18), LocalDate.of(2025, 11, 17), LocalDate.of(2025, 11, 14)),
                dayOf(run(data, List.of(), ManualEdits.NONE), d19).referenceDays());
        EvaluatedPeriod r = run(data, List.of(), edits("2025-11-18T12:00-08:00", "0.07"));
        assertEquals(List.of(LocalDate.of(2025, 11, 17), LocalDate.of(2025, 11, 14), LocalDate.of(2025, 11, 13)),
                dayOf(r, d19).referenceDays());
    }

    @Test
    void anEditedValueCountsInTheSumCheck() {
        Fixtures.Data data = new Fixtures.Data(R0, R1);
        BigDecimal s = run(data, List.of(), ManualEdits.NONE).total();
        long d = s.setScale(0, RoundingMode.HALF_UP).longValueExact();
        List<DialReading> regs = List.of(new DialReading(t("2025-11-01T00:00-07:00"), 1000),
                new DialReading(t("2025-11-20T00:00-08:00"), 1000 + d));
        EvaluatedPeriod ok = run(data, regs, ManualEdits.NONE);
        assertFalse(ok.sumCheck().fail());
        EvaluatedPeriod off = run(data, regs, edits("2025-11-10T12:00-08:00", "3", "2025-11-11T12:00-08:00", "3"));
        assertTrue(off.sumCheck().fail(), "about 6 kWh more than the dials show");
        assertEquals(Map.of("EDITED", 2, "SUM_CHECK", 1), off.failurePoints());
    }

    @Test
    void laterReadingsForAnEditedIntervalDoNotReplaceIt() {
        String end = "2025-11-10T12:00-08:00";
        Fixtures.Data missing = new Fixtures.Data(R0, R1).remove(end, 1);
        ManualEdits e = edits(end, "0.3");
        EvaluatedPeriod first = run(missing, List.of(), e);
        Fixtures.Data arrived = new Fixtures.Data(R0, R1).set(end, "0.0999");
        EvaluatedPeriod later = run(arrived, List.of(), e);
        assertEquals(new BigDecimal("0.3000"), usage(first, end));
        assertEquals(new BigDecimal("0.3000"), usage(later, end));
        assertEquals(EstimationMethod.EDIT, later.intervals().methodOf(indexOf(later, end)));
        // without the edit (withdrawn), the received value counts again
        assertEquals(new BigDecimal("0.0999"), usage(run(arrived, List.of(), ManualEdits.NONE), end));
    }

    @Test
    void anEditedRegisterReadingReplacesTheReadingOfThatDateInTheSumCheck() {
        Fixtures.Data data = new Fixtures.Data(R0, R1);
        BigDecimal s = run(data, List.of(), ManualEdits.NONE).total();
        long d = s.setScale(0, RoundingMode.HALF_UP).longValueExact();
        List<DialReading> regs = List.of(new DialReading(t("2025-11-01T00:00-07:00"), 1000),
                new DialReading(t("2025-11-20T00:00-08:00"), 1000 + d + 50));
        EvaluatedPeriod bad = run(data, regs, ManualEdits.NONE);
        assertEquals(Map.of("SUM_CHECK", 1), bad.failurePoints());
        EvaluatedPeriod fixed = run(data, regs, ManualEdits.of(Map.of(), Map.of(R1, 1000 + d)));
        assertFalse(fixed.sumCheck().fail());
        assertEquals(1000 + d, fixed.registerEnd());
        assertEquals(t("2025-11-20T00:00-08:00"), fixed.registerEndTime(), "keeps the read time of the reading");
        assertEquals(Map.of("EDITED", 1), fixed.failurePoints(), "EDITED once per period");
    }

    @Test
    void anEditedRegisterReadingReplacesTheReadingInTheUsageCalculation() {
        ChannelConfig reg = new ChannelConfig("N1", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, new BigDecimal("2"),
                0, 5);
        List<LocalDate> dates = List.of(LocalDate.of(2025, 10, 23), LocalDate.of(2025, 11, 24),
                LocalDate.of(2025, 12, 23));
        List<DialReading> regs = List.of(new DialReading(t("2025-10-23T11:36-07:00"), 9700),
                new DialReading(t("2025-11-24T15:53-08:00"), 123456)); // DIALS on 11-24, none on 12-23
        List<EvaluatedPeriod> before = ChannelEvaluator.evaluate(reg, dates, null, regs, P, LATER);
        assertTrue(before.get(0).held() || before.get(0).failurePoints().containsKey("DIALS"));
        List<EvaluatedPeriod> rs = ChannelEvaluator.evaluate(reg, dates, null, regs,
                ManualEdits.of(Map.of(), Map.of(LocalDate.of(2025, 11, 24), 10200L)), P, LATER);
        EvaluatedPeriod p1 = rs.get(0);
        assertEquals(0, new BigDecimal("1000").compareTo(p1.total()), "(10200 - 9700) * 2");
        assertEquals(10200L, p1.registerEnd());
        assertFalse(p1.registerEndEstimated());
        assertEquals(Map.of("EDITED", 1), p1.failurePoints());
        // the next period opens with the edited reading: its missing closing reading is estimated from it
        EvaluatedPeriod p2 = rs.get(1);
        assertEquals(10200L, p2.registerStart());
        assertTrue(p2.registerEndEstimated());
        assertEquals(Map.of("EDITED", 1, "MISSING_READ", 1), p2.failurePoints());
    }

    @Test
    void withoutEditsTheResultIsTheSame() {
        Fixtures.Data data = new Fixtures.Data(R0, R1).remove("2025-11-12T08:15-08:00", 12);
        assertEquals(Fixtures.digest(ChannelEvaluator.evaluate(CH, List.of(R0, R1), data.build(), List.of(), P,
                LATER).get(0)), Fixtures.digest(run(data, List.of(), ManualEdits.NONE)));
    }

    static DayResult dayOf(EvaluatedPeriod r, LocalDate day) {
        return r.days().stream().filter(d -> d.day().equals(day)).findFirst().orElseThrow();
    }
}
