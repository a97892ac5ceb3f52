package energy.mdma.vee.rules;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.FailureCode;
import energy.mdma.vee.model.SumCheckResult;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegisterRulesTest {
    static final VeeParameters P = VeeParameters.defaults();

    static ChannelConfig reg(int dials, String mm) {
        return new ChannelConfig("R", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, new BigDecimal(mm), 0, dials);
    }

    @Test
    void dials() {
        assertTrue(RegisterUsage.isDials(123456, reg(5, "10")));
        assertTrue(RegisterUsage.isDials(100000, reg(5, "10")));
        assertFalse(RegisterUsage.isDials(99999, reg(5, "10")));
    }

    @Test
    void rolloverAndReversed() {
        ChannelConfig c = reg(4, "1");
        RegisterUsage.Outcome roll = RegisterUsage.evaluate(339, 9700, c, P);
        assertEquals(RegisterUsage.Kind.ROLLOVER, roll.kind());
        assertEquals(639, roll.units());
        // exactly half of 10^4 is still a rollover
        assertEquals(RegisterUsage.Kind.ROLLOVER, RegisterUsage.evaluate(0, 5000, c, P).kind());
        assertEquals(RegisterUsage.Kind.REVERSED, RegisterUsage.evaluate(0, 4999, c, P).kind());
        assertEquals(RegisterUsage.Kind.REVERSED, RegisterUsage.evaluate(189, 339, c, P).kind());
        RegisterUsage.Outcome normal = RegisterUsage.evaluate(56883, 56565, reg(6, "2"), P);
        assertEquals(RegisterUsage.Kind.NORMAL, normal.kind());
        assertEquals(new BigDecimal("636"), normal.usage(reg(6, "2")));
        assertEquals(0, RegisterUsage.evaluate(33498, 33498, c, P).units());
    }

    @Test
    void aduEstimateRound2AndTruncate() {
        // DIALS case of the sample: U' 8400 over 31 days, 32 days, mm 10, r' 99503
        AduEstimation.Estimate e = AduEstimation.estimate(new BigDecimal("8400"), 31, 32, 99503, reg(5, "10"));
        assertEquals(new BigDecimal("270.97"), e.adu());
        assertEquals(new BigDecimal("8671.04"), e.e());
        assertEquals(867, e.units());
        assertEquals(370, e.reading()); // wraps modulo 10^5
        assertEquals(0, new BigDecimal("8670").compareTo(e.usage()));
        // MISSING_READ case: 577 over 32 days -> 18.03 (18.03125), 31 days -> 558.93 -> 558
        AduEstimation.Estimate m = AduEstimation.estimate(new BigDecimal("577"), 32, 31, 13911, reg(5, "1"));
        assertEquals(new BigDecimal("18.03"), m.adu());
        assertEquals(558, m.units());
        assertEquals(14469, m.reading());
        // round2 half up: 0.125 -> 0.13
        AduEstimation.Estimate h = AduEstimation.estimate(new BigDecimal("1"), 8, 1, 0, reg(5, "1"));
        assertEquals(new BigDecimal("0.13"), h.adu());
        assertEquals(0, h.units());
    }

    @Test
    void nonIntervalWarnings() {
        assertEquals(Set.of(FailureCode.ZERO_USAGE, FailureCode.LOW_USAGE),
                HighLowZeroCheck.nonIntervalCheck(BigDecimal.ZERO, 29, new BigDecimal("483"), 32, P));
        assertEquals(Set.of(FailureCode.HIGH_USAGE),
                HighLowZeroCheck.nonIntervalCheck(new BigDecimal("2790"), 31, new BigDecimal("636"), 32, P));
        // exactly 3 x A' is not high
        assertEquals(Set.of(), HighLowZeroCheck.nonIntervalCheck(new BigDecimal("90"), 10, new BigDecimal("30"), 10, P));
        assertEquals(Set.of(), HighLowZeroCheck.nonIntervalCheck(new BigDecimal("5"), 10, null, 0, P));
        assertEquals(Set.of(FailureCode.ZERO_USAGE),
                HighLowZeroCheck.nonIntervalCheck(BigDecimal.ZERO, 10, BigDecimal.ZERO, 10, P)); // A' = 0
    }

    @Test
    void sumCheck() {
        ChannelConfig c = new ChannelConfig("M1699684", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0,
                new BigDecimal("80"), 15, 6);
        SumCheckResult ok = SumCheck.check(new BigDecimal("24596.672"), 111312, 111619, c, P);
        assertEquals(0, new BigDecimal("24560").compareTo(ok.registerUsage()));
        assertEquals(0, new BigDecimal("491.2").compareTo(ok.tolerance()));
        assertFalse(ok.fail());
        SumCheckResult bad = SumCheck.check(new BigDecimal("26135.08"), 111619, 111978, c, P);
        assertTrue(bad.fail());
        // min dial units dominate for small D; wrap modulo 10^dials
        SumCheckResult small = SumCheck.check(new BigDecimal("160"), 999999, 1, c, P);
        assertEquals(0, new BigDecimal("160").compareTo(small.registerUsage()));
        assertEquals(0, new BigDecimal("160").compareTo(small.tolerance()));
        assertFalse(SumCheck.check(new BigDecimal("320"), 999999, 1, c, P).fail());
        assertTrue(SumCheck.check(new BigDecimal("320.0001"), 999999, 1, c, P).fail());
    }
}
