package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.SumCheckResult;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;

/**
 * Sum check (vee-rules.md section 4): with S the sum of the final interval usages in (t', t] and
 * {@code D = ((reading(R) - reading(R')) mod 10^dials) * meter_multiplier}, SUM_CHECK when
 * {@code abs(S - D) > max(sum_check_min_dial_units * mm, sum_check_percent / 100 * D)}.
 */
public final class SumCheck {
    private SumCheck() {
    }

    public static SumCheckResult check(BigDecimal intervalSum, long readingStart, long readingEnd, ChannelConfig c,
            VeeParameters p) {
        long units = Math.floorMod(readingEnd - readingStart, c.registerModulus());
        BigDecimal d = BigDecimal.valueOf(units).multiply(c.meterMultiplier());
        BigDecimal byDials = p.sumCheckMinDialUnits().multiply(c.meterMultiplier());
        BigDecimal byPercent = p.sumCheckPercent().multiply(d).movePointLeft(2);
        BigDecimal tolerance = byDials.max(byPercent);
        boolean fail = intervalSum.subtract(d).abs().compareTo(tolerance) > 0;
        return new SumCheckResult(intervalSum, d, tolerance, fail);
    }
}
