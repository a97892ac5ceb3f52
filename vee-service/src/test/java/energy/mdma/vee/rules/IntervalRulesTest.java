package energy.mdma.vee.rules;

import energy.mdma.events.IntervalStatus;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.FailureCode;
import energy.mdma.vee.model.InvalidReason;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntervalRulesTest {
    static final VeeParameters P = VeeParameters.defaults();
    static final ChannelConfig PULSE = new ChannelConfig("M1", 1, Uom.KWH, RawUnit.PULSE, new BigDecimal("0.0125"),
            400, new BigDecimal("40"), 15, 5);
    static final ChannelConfig UNIT = new ChannelConfig("M2", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0,
            BigDecimal.ONE, 15, 5);

    static long s(String v) {
        return Fixed.round4(new BigDecimal(v));
    }

    @Test
    void editingRoundsHalfUpToFourPlaces() {
        assertEquals(s("0.1235"), UsageCalculation.usage(new BigDecimal("0.12345"), UNIT));
        assertEquals(s("0.1234"), UsageCalculation.usage(new BigDecimal("0.12344"), UNIT));
        assertEquals(s("-0.1235"), UsageCalculation.usage(new BigDecimal("-0.12345"), UNIT));
        assertEquals(s("190"), UsageCalculation.usage(new BigDecimal("380"), PULSE)); // 380 * 0.0125 * 40
        ChannelConfig mm80 = new ChannelConfig("M3", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0,
                new BigDecimal("80"), 15, 6);
        assertEquals(s("3.816"), UsageCalculation.usage(new BigDecimal("0.0477"), mm80));
    }

    @Test
    void validationOrder() {
        int ov = IntervalStatus.OV.bit();
        int tm = IntervalStatus.TM.bit();
        int cs = IntervalStatus.CS.bit();
        int po = IntervalStatus.PO.bit();
        assertEquals(InvalidReason.MISSING.code(), IntervalValidation.validate(null, 0, PULSE));
        assertEquals(InvalidReason.NEGATIVE.code(), IntervalValidation.validate(new BigDecimal("-1"), ov | tm, PULSE));
        assertEquals(InvalidReason.OVERFLOW.code(), IntervalValidation.validate(new BigDecimal("380"), ov, PULSE));
        assertEquals(InvalidReason.OVERFLOW.code(), IntervalValidation.validate(new BigDecimal("401"), tm, PULSE));
        assertEquals(0, IntervalValidation.validate(new BigDecimal("400"), 0, PULSE));
        assertEquals(0, IntervalValidation.validate(new BigDecimal("401"), 0, UNIT)); // no pulse limit on UNIT
        assertEquals(InvalidReason.TEST_MODE.code(), IntervalValidation.validate(new BigDecimal("100"), tm | cs, PULSE));
        assertEquals(InvalidReason.TIME_RESET.code(), IntervalValidation.validate(new BigDecimal("1"), po | cs, PULSE));
        assertEquals(0, IntervalValidation.validate(new BigDecimal("0"), po, PULSE)); // outage alone is valid
    }

    private static int spike(String... values) {
        long[] u = new long[values.length];
        boolean[] rec = new boolean[values.length];
        byte[] reason = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                reason[i] = InvalidReason.MISSING.code();
            } else {
                u[i] = s(values[i]);
                rec[i] = true;
            }
        }
        return SpikeCheck.findSpike(u, rec, reason, 0, values.length, P);
    }

    @Test
    void spikeCheck() {
        assertEquals(2, spike("0.1", "0.4", "1.5", "0.3"));
        assertEquals(-1, spike("0.1", "0.5", "1.5", "0.3")); // exactly 3 x second: not greater
        assertEquals(2, spike("0.1", "0.4999", "1.5", "0.3"));
        assertEquals(-1, spike("0.1", "1.5", "1.5", "0.3")); // tie on the largest value
        assertEquals(-1, spike("0.1", "0.2", "0.9999", "0.3")); // below spike_min
        assertEquals(2, spike("0", "0", "1.0", "0")); // max >= spike_min, second 0
        assertEquals(-1, spike(null, "5", null)); // needs two candidates
        assertEquals(3, spike(null, "0.1", null, "5"));
    }

    @Test
    void linearInterpolation() {
        assertTrue(LinearInterpolation.applies(8, 15, true, true, P)); // exactly 120 minutes
        assertFalse(LinearInterpolation.applies(9, 15, true, true, P));
        assertFalse(LinearInterpolation.applies(1, 15, false, true, P));
        assertFalse(LinearInterpolation.applies(1, 15, true, false, P));
        assertTrue(LinearInterpolation.applies(2, 60, true, true, P));
        // a=1, b=2, n=2: 1.3333.., 1.6666.. -> 1.3333, 1.6667
        assertArrayEquals(new long[] {s("1.3333"), s("1.6667")}, LinearInterpolation.estimates(s("1"), s("2"), 2));
        // half up: a=0, b=0.0003, n=1 -> 0.00015 -> 0.0002
        assertEquals(s("0.0002"), LinearInterpolation.estimate(s("0"), s("0.0003"), 1, 1));
        // away from zero for negatives (not produced by VEE, but the rounding is symmetric)
        assertEquals(s("-0.0002"), LinearInterpolation.estimate(s("0"), s("-0.0003"), 1, 1));
        assertEquals(s("3.944"), LinearInterpolation.estimate(s("4.136"), s("3.464"), 2, 6));
    }

    @Test
    void referenceMeanRoundsHalfUpAndSkipsMissingTimes() {
        LocalDate a = LocalDate.of(2025, 11, 1);
        LocalDate b = LocalDate.of(2025, 10, 25);
        LocalDate c = LocalDate.of(2025, 10, 18);
        // mean of 0.1001 and 0.1002 = 0.10015 -> 0.1002
        long e = ReferenceDayEstimation.estimate(List.of(a, b), 600, (d, t) -> d.equals(a) ? s("0.1001") : s("0.1002"));
        assertEquals(s("0.1002"), e);
        // a reference day without the wall time is left out of the mean
        long e2 = ReferenceDayEstimation.estimate(List.of(a, b, c), 135,
                (d, t) -> d.equals(b) ? ReferenceDayEstimation.NONE : s(d.equals(a) ? "1" : "2"));
        assertEquals(s("1.5"), e2);
        assertEquals(ReferenceDayEstimation.NONE,
                ReferenceDayEstimation.estimate(List.of(a), 135, (d, t) -> ReferenceDayEstimation.NONE));
        assertEquals(ReferenceDayEstimation.NONE, ReferenceDayEstimation.estimate(List.of(), 135, (d, t) -> 1));
    }

    @Test
    void dayChecks() {
        long[] refs = {s("10"), s("12"), s("14")}; // H = 12
        assertEquals(Set.of(FailureCode.HIGH_USAGE), HighLowZeroCheck.dayCheck(Uom.KWH, s("24.0001"), refs, P));
        assertEquals(Set.of(), HighLowZeroCheck.dayCheck(Uom.KWH, s("24"), refs, P));
        assertEquals(Set.of(FailureCode.LOW_USAGE), HighLowZeroCheck.dayCheck(Uom.KWH, s("2.9999"), refs, P));
        assertEquals(Set.of(), HighLowZeroCheck.dayCheck(Uom.KWH, s("3"), refs, P));
        assertEquals(Set.of(FailureCode.LOW_USAGE, FailureCode.ZERO_USAGE),
                HighLowZeroCheck.dayCheck(Uom.KWH, 0, refs, P));
        assertEquals(Set.of(FailureCode.LOW_USAGE), HighLowZeroCheck.dayCheck(Uom.KVARH, 0, refs, P));
        assertEquals(Set.of(FailureCode.ZERO_USAGE), HighLowZeroCheck.dayCheck(Uom.KWH, 0, new long[0], P));
        assertEquals(Set.of(), HighLowZeroCheck.dayCheck(Uom.KWH, s("5"), new long[] {0, 0}, P)); // H = 0
        // exact mean (1/3 fractions): H = 10/3, 2H = 6.6666..
        long[] thirds = {s("3"), s("3"), s("4")};
        assertEquals(Set.of(FailureCode.HIGH_USAGE), HighLowZeroCheck.dayCheck(Uom.KWH, s("6.6667"), thirds, P));
        assertEquals(Set.of(), HighLowZeroCheck.dayCheck(Uom.KWH, s("6.6666"), thirds, P));
    }

    @Test
    void failurePointsCountAndSort() {
        FailurePoints fp = new FailurePoints().add(InvalidReason.MISSING).add(InvalidReason.MISSING)
                .add(FailureCode.SPIKE, 1).once(FailureCode.SUM_CHECK).once(FailureCode.SUM_CHECK)
                .add(FailureCode.NOT_ESTIMATED, 0);
        assertEquals("{MISSING=2, SPIKE=1, SUM_CHECK=1}", fp.toSortedMap().toString());
    }
}
