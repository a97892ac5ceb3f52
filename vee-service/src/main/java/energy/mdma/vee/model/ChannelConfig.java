package energy.mdma.vee.model;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Configuration of one recorded channel of a meter (channels.csv joined with meters.csv).
 *
 * @param meterId              meter number
 * @param channel              channel number 1..9
 * @param uom                  unit of measure
 * @param rawUnit              unit of the raw interval values
 * @param pulseMultiplier      uom per pulse (1 for UNIT)
 * @param maxPulsesPerInterval overflow threshold for pulse channels, 0 = none
 * @param meterMultiplier      meter constant (CT x PT), positive
 * @param intervalMinutes      0 for a non-interval meter, else 5, 15, 30 or 60
 * @param dials                number of register dials, 4..8
 */
public record ChannelConfig(String meterId, int channel, Uom uom, RawUnit rawUnit, BigDecimal pulseMultiplier,
        long maxPulsesPerInterval, BigDecimal meterMultiplier, int intervalMinutes, int dials) {

    public ChannelConfig {
        Objects.requireNonNull(meterId, "meterId");
        Objects.requireNonNull(uom, "uom");
        Objects.requireNonNull(rawUnit, "rawUnit");
        Objects.requireNonNull(meterMultiplier, "meterMultiplier");
        if (pulseMultiplier == null) {
            pulseMultiplier = BigDecimal.ONE;
        }
        if (meterMultiplier.signum() <= 0) {
            throw new IllegalArgumentException("meter multiplier must be positive: " + meterMultiplier);
        }
        if (intervalMinutes != 0 && (intervalMinutes < 0 || 60 % intervalMinutes != 0)) {
            throw new IllegalArgumentException("unsupported interval length: " + intervalMinutes);
        }
        if (dials < 1 || dials > 18) {
            throw new IllegalArgumentException("unsupported number of dials: " + dials);
        }
    }

    /** @return true for an interval meter (interval_minutes > 0). */
    public boolean isInterval() {
        return intervalMinutes > 0;
    }

    /** @return 10^dials, the register modulus. */
    public long registerModulus() {
        long m = 1;
        for (int i = 0; i < dials; i++) {
            m *= 10;
        }
        return m;
    }
}
