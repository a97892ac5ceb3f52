package energy.mdma.vee.model;

import java.math.BigDecimal;

/**
 * Outcome of the sum check of an interval channel-period (vee-rules.md section 4).
 *
 * @param intervalSum S, sum of the final usages of the intervals ending in (t', t]
 * @param registerUsage D, ((reading(R) - reading(R')) mod 10^dials) * meter_multiplier
 * @param tolerance max(sum_check_min_dial_units * mm, sum_check_percent / 100 * D)
 * @param fail abs(S - D) &gt; tolerance
 */
public record SumCheckResult(BigDecimal intervalSum, BigDecimal registerUsage, BigDecimal tolerance, boolean fail) {
}
