package energy.mdma.vee.rules;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import energy.mdma.vee.model.ChannelConfig;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** ADU estimation (vee-rules.md section 5 step 4). */
class AduEstimationTest {

    static ChannelConfig reg(int dials, String mm) {
        return new ChannelConfig("R", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, new BigDecimal(mm), 0, dials);
    }

    @Test
    void fractionalMultiplierTruncatesUnitsTowardZero() {
        // U' 100 over 30 days: adu 3.33 (3.333..), 31 days: e = 103.23; 103.23 / 2.5 = 41.292 -> 41; usage 102.5
        AduEstimation.Estimate e = AduEstimation.estimate(new BigDecimal("100"), 30, 31, 9990, reg(4, "2.5"));
        assertEquals(new BigDecimal("3.33"), e.adu());
        assertEquals(new BigDecimal("103.23"), e.e());
        assertEquals(41, e.units());
        assertEquals(31, e.reading()); // (9990 + 41) mod 10^4
        assertEquals(0, new BigDecimal("102.5").compareTo(e.usage()));
    }

    @Test
    void round2OfAduHappensBeforeMultiplyingByDays() {
        // U' 10 over 3 days: exact 3.333.. x 30 would be 100; round2 first: 3.33 x 30 = 99.90 -> 99 units
        AduEstimation.Estimate e = AduEstimation.estimate(new BigDecimal("10"), 3, 30, 0, reg(5, "1"));
        assertEquals(new BigDecimal("99.90"), e.e());
        assertEquals(99, e.units());
        // adu 0.005 rounds half up to 0.01
        assertEquals(new BigDecimal("0.01"), AduEstimation.estimate(new BigDecimal("0.15"), 30, 1, 0, reg(5, "1")).adu());
    }

    @Test
    void zeroPreviousUsageEstimatesZero() {
        AduEstimation.Estimate e = AduEstimation.estimate(BigDecimal.ZERO, 30, 31, 4711, reg(5, "10"));
        assertEquals(0, e.units());
        assertEquals(4711, e.reading());
        assertEquals(0, BigDecimal.ZERO.compareTo(e.usage()));
    }
}
