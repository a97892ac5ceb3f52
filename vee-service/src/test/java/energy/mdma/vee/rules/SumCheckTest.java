package energy.mdma.vee.rules;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.SumCheckResult;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Sum check (vee-rules.md section 4): abs(S - D) > max(min_dial_units * mm, percent / 100 * D). */
class SumCheckTest {
    static final VeeParameters P = VeeParameters.defaults();

    static ChannelConfig ch(int dials, String mm) {
        return new ChannelConfig("M", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, new BigDecimal(mm), 15, dials);
    }

    @Test
    void percentToleranceIsInclusiveOnBothSides() {
        ChannelConfig c = ch(5, "1");
        // D = 1000, tolerance max(2, 20) = 20
        SumCheckResult r = SumCheck.check(new BigDecimal("1020"), 1000, 2000, c, P);
        assertEquals(0, new BigDecimal("20").compareTo(r.tolerance()));
        assertFalse(r.fail());
        assertFalse(SumCheck.check(new BigDecimal("980"), 1000, 2000, c, P).fail());
        assertTrue(SumCheck.check(new BigDecimal("1020.0001"), 1000, 2000, c, P).fail());
        assertTrue(SumCheck.check(new BigDecimal("979.9999"), 1000, 2000, c, P).fail());
    }

    @Test
    void unchangedRegisterUsesTheDialTolerance() {
        ChannelConfig c = ch(6, "2.5");
        // D = 0: tolerance 2 x 2.5 = 5
        SumCheckResult r = SumCheck.check(new BigDecimal("5"), 4321, 4321, c, P);
        assertEquals(0, BigDecimal.ZERO.compareTo(r.registerUsage()));
        assertEquals(0, new BigDecimal("5").compareTo(r.tolerance()));
        assertFalse(r.fail());
        assertTrue(SumCheck.check(new BigDecimal("5.0001"), 4321, 4321, c, P).fail());
    }

    @Test
    void registerDifferenceIsTakenModuloTheDialsThenMultiplied() {
        ChannelConfig c = ch(4, "0.5");
        // (50 - 9950) mod 10^4 = 100 units x 0.5 = 50
        SumCheckResult r = SumCheck.check(new BigDecimal("50"), 9950, 50, c, P);
        assertEquals(0, new BigDecimal("50").compareTo(r.registerUsage()));
        assertFalse(r.fail());
    }
}
