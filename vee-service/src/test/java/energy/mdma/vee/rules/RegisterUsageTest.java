package energy.mdma.vee.rules;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Register usage (vee-rules.md section 5 steps 1 to 3). */
class RegisterUsageTest {
    static final VeeParameters P = VeeParameters.defaults();

    static ChannelConfig reg(int dials, String mm) {
        return new ChannelConfig("R", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, new BigDecimal(mm), 0, dials);
    }

    @Test
    void dialsBoundaryPerDialCount() {
        assertFalse(RegisterUsage.isDials(9999, reg(4, "1")));
        assertTrue(RegisterUsage.isDials(10000, reg(4, "1")));
        assertFalse(RegisterUsage.isDials(99_999_999, reg(8, "1")));
        assertTrue(RegisterUsage.isDials(100_000_000, reg(8, "1")));
        assertFalse(RegisterUsage.isDials(0, reg(4, "1")));
    }

    @Test
    void rolloverBoundaryWithFiveDials() {
        ChannelConfig c = reg(5, "3");
        // 99999 -> 0: one unit
        RegisterUsage.Outcome one = RegisterUsage.evaluate(0, 99999, c, P);
        assertEquals(RegisterUsage.Kind.ROLLOVER, one.kind());
        assertEquals(1, one.units());
        assertEquals(0, new BigDecimal("3").compareTo(one.usage(c)));
        // r + 10^5 - r' = 50000 exactly: rollover; 50001: reversed
        assertEquals(RegisterUsage.Kind.ROLLOVER, RegisterUsage.evaluate(0, 50000, c, P).kind());
        assertEquals(RegisterUsage.Kind.REVERSED, RegisterUsage.evaluate(0, 49999, c, P).kind());
        assertFalse(RegisterUsage.evaluate(0, 49999, c, P).valid());
        // r = r' is normal with 0 units, never a rollover
        assertEquals(RegisterUsage.Kind.NORMAL, RegisterUsage.evaluate(12345, 12345, c, P).kind());
    }

    @Test
    void usageIsUnitsTimesAFractionalMultiplier() {
        ChannelConfig c = reg(6, "0.75");
        RegisterUsage.Outcome o = RegisterUsage.evaluate(1003, 1000, c, P);
        assertEquals(0, new BigDecimal("2.25").compareTo(o.usage(c)));
    }
}
