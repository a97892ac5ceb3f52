package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Average-daily-usage estimation of a missing or invalid closing reading (vee-rules.md section 5 step 4):
 * {@code adu = round2(U' / days')}, {@code e = round2(adu * days)}, {@code units = truncate(e / mm)},
 * {@code reading = (r' + units) mod 10^dials}, {@code usage = units * mm}.
 */
public final class AduEstimation {

    /**
     * @param adu     average daily usage of the previous period, round2
     * @param e       estimated usage round2
     * @param units   register units, truncated toward zero
     * @param reading the estimated reading
     * @param usage   units * meter_multiplier
     */
    public record Estimate(BigDecimal adu, BigDecimal e, long units, long reading, BigDecimal usage) {
    }

    private AduEstimation() {
    }

    public static Estimate estimate(BigDecimal prevUsage, int prevDays, int days, long rPrev, ChannelConfig c) {
        if (prevDays <= 0) {
            throw new IllegalArgumentException("previous period length must be positive");
        }
        BigDecimal adu = prevUsage.divide(BigDecimal.valueOf(prevDays), 2, RoundingMode.HALF_UP);
        BigDecimal e = adu.multiply(BigDecimal.valueOf(days)).setScale(2, RoundingMode.HALF_UP);
        long units = e.divide(c.meterMultiplier(), 0, RoundingMode.DOWN).longValueExact();
        long reading = Math.floorMod(rPrev + units, c.registerModulus());
        BigDecimal usage = BigDecimal.valueOf(units).multiply(c.meterMultiplier());
        return new Estimate(adu, e, units, reading, usage);
    }
}
