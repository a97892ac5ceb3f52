package energy.mdma.vee.rules;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.ReceivedIntervals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/** Editing (vee-rules.md section 1): round4 half up of the exact product; fast path equals the decimal one. */
class UsageCalculationTest {

    static long s(String v) {
        return Fixed.round4(new BigDecimal(v));
    }

    @Test
    void pulseUsesBothMultipliersAndRoundsOnce() {
        ChannelConfig c = new ChannelConfig("M", 1, Uom.KWH, RawUnit.PULSE, new BigDecimal("0.0125"), 0,
                new BigDecimal("1.5"), 15, 5);
        // 3 pulses x 0.0125 x 1.5 = 0.05625 -> 0.0563 (a rounding of the intermediate 0.0375 would give the same)
        assertEquals(s("0.0563"), UsageCalculation.usage(new BigDecimal("3"), c));
        // 1 x 0.0125 x 1.5 = 0.01875 -> 0.0188
        assertEquals(s("0.0188"), UsageCalculation.usage(new BigDecimal("1"), c));
        ChannelConfig unit = new ChannelConfig("M", 2, Uom.KWH, RawUnit.UNIT, new BigDecimal("0.0125"), 0,
                new BigDecimal("1.5"), 15, 5);
        // UNIT ignores the pulse multiplier
        assertEquals(s("1.5"), UsageCalculation.usage(new BigDecimal("1"), unit));
    }

    @Test
    void fastPathEqualsDecimalReference() {
        String[] multipliers = {"1", "40", "0.0125", "80", "2.5", "0.333333", "1200", "0.000001"};
        String[] values = {"0.00005", "0.123456", "-0.00005", "399.999999", "12345.6789", "0.000001", "7"};
        for (String m : multipliers) {
            ChannelConfig c = new ChannelConfig("M", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, new BigDecimal(m),
                    15, 5);
            for (String v : values) {
                BigDecimal exact = new BigDecimal(v).multiply(new BigDecimal(m)).setScale(4, RoundingMode.HALF_UP);
                assertEquals(Fixed.round4(exact), UsageCalculation.usage(ReceivedIntervals.toRaw(new BigDecimal(v)), c),
                        v + " x " + m);
                assertEquals(Fixed.round4(exact), UsageCalculation.usage(new BigDecimal(v), c), v + " x " + m);
            }
        }
    }
}
