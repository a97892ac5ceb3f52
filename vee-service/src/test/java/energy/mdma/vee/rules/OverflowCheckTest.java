package energy.mdma.vee.rules;

import energy.mdma.events.IntervalStatus;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.InvalidReason;
import energy.mdma.vee.model.ReceivedIntervals;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** OVERFLOW (vee-rules.md section 2): status OV, or PULSE with max_pulses_per_interval > 0 and value > max. */
class OverflowCheckTest {
    static final ChannelConfig PULSE_400 = new ChannelConfig("M1", 1, Uom.KWH, RawUnit.PULSE, new BigDecimal("0.0125"),
            400, new BigDecimal("40"), 15, 5);
    static final ChannelConfig PULSE_NO_MAX = new ChannelConfig("M1", 2, Uom.KVARH, RawUnit.PULSE,
            new BigDecimal("0.0125"), 0, new BigDecimal("40"), 15, 5);
    static final OverflowCheck CHECK = new OverflowCheck();

    static long raw(String v) {
        return ReceivedIntervals.toRaw(new BigDecimal(v));
    }

    @Test
    void valueMustExceedTheMaximumStrictly() {
        assertFalse(CHECK.applies(true, raw("400"), 0, PULSE_400));
        assertTrue(CHECK.applies(true, raw("400.000001"), 0, PULSE_400));
        assertTrue(CHECK.applies(true, raw("401"), 0, PULSE_400));
    }

    @Test
    void zeroMaximumMeansNone() {
        assertFalse(CHECK.applies(true, raw("1000000"), 0, PULSE_NO_MAX));
        assertTrue(CHECK.applies(true, raw("1"), IntervalStatus.OV.bit(), PULSE_NO_MAX));
    }

    @Test
    void statusOvAlwaysAndPrecedence() {
        ChannelConfig unit = new ChannelConfig("M2", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, BigDecimal.ONE, 15, 5);
        assertTrue(CHECK.applies(true, raw("0.1"), IntervalStatus.OV.bit(), unit));
        assertFalse(CHECK.applies(false, 0, IntervalStatus.OV.bit(), unit)); // nothing received: MISSING
        // OVERFLOW comes before TEST_MODE and TIME_RESET; outage does not change it
        int all = IntervalStatus.PO.bit() | IntervalStatus.OV.bit() | IntervalStatus.TM.bit() | IntervalStatus.CS.bit();
        assertEquals(InvalidReason.OVERFLOW.code(), IntervalValidation.validate(new BigDecimal("1"), all, unit));
        // a negative value is NEGATIVE even with OV, and even when its usage rounds to 0
        assertEquals(InvalidReason.NEGATIVE.code(), IntervalValidation.validate(new BigDecimal("-0.000001"),
                IntervalStatus.OV.bit(), unit));
        assertEquals(0, UsageCalculation.usage(new BigDecimal("-0.000001"), unit));
        // PO with TM: TEST_MODE; PO with CS: TIME_RESET
        assertEquals(InvalidReason.TEST_MODE.code(), IntervalValidation.validate(new BigDecimal("1"),
                IntervalStatus.PO.bit() | IntervalStatus.TM.bit(), unit));
        assertEquals(InvalidReason.TIME_RESET.code(), IntervalValidation.validate(new BigDecimal("0"),
                IntervalStatus.PO.bit() | IntervalStatus.CS.bit(), unit));
    }
}
