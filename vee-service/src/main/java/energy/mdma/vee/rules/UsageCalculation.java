package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.RawUnit;
import java.math.BigDecimal;

/**
 * Editing (vee-rules.md section 1): from a raw interval value to usage.
 * PULSE: round4(v * pulse_multiplier * meter_multiplier); UNIT: round4(v * meter_multiplier).
 */
public final class UsageCalculation {
    private UsageCalculation() {
    }

    /** @return the usage as a scaled long (scale 4). */
    public static long usage(BigDecimal raw, ChannelConfig c) {
        BigDecimal exact = c.rawUnit() == RawUnit.PULSE
                ? raw.multiply(c.pulseMultiplier()).multiply(c.meterMultiplier())
                : raw.multiply(c.meterMultiplier());
        return Fixed.round4(exact);
    }
}
