package energy.mdma.vee.rules;

import energy.mdma.events.Uom;
import energy.mdma.vee.model.FailureCode;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Usage warnings (values unchanged).
 * <ul>
 * <li>Interval day check (section 4): with T the day total and H the exact mean of the reference-day
 * totals: HIGH_USAGE when refs exist, H &gt; 0 and T &gt; high_factor * H; LOW_USAGE when refs exist,
 * H &gt; 0 and T &lt; low_factor * H; ZERO_USAGE for a KWH channel with T = 0.</li>
 * <li>Non-interval check (section 5 step 5): ZERO_USAGE when usage = 0; HIGH/LOW when the previous
 * period has average daily usage A' &gt; 0 and usage/days &gt; nonint_high_factor * A' or &lt;
 * nonint_low_factor * A'.</li>
 * </ul>
 * Means are not divided: comparisons are made by cross-multiplication.
 */
public final class HighLowZeroCheck {
    private HighLowZeroCheck() {
    }

    /**
     * @param dayTotal  T, scaled (scale 4)
     * @param refTotals totals of the reference days, scaled
     */
    public static Set<FailureCode> dayCheck(Uom uom, long dayTotal, long[] refTotals, VeeParameters p) {
        Set<FailureCode> codes = EnumSet.noneOf(FailureCode.class);
        if (refTotals.length > 0) {
            long sum = 0;
            for (long t : refTotals) {
                sum += t;
            }
            if (sum > 0) {
                // T > f * sum / n  <=>  T * n > f * sum
                BigDecimal tn = Fixed.toDecimal(dayTotal).multiply(BigDecimal.valueOf(refTotals.length));
                BigDecimal s = Fixed.toDecimal(sum);
                if (tn.compareTo(p.highFactor().multiply(s)) > 0) {
                    codes.add(FailureCode.HIGH_USAGE);
                }
                if (tn.compareTo(p.lowFactor().multiply(s)) < 0) {
                    codes.add(FailureCode.LOW_USAGE);
                }
            }
        }
        if (uom == Uom.KWH && dayTotal == 0) {
            codes.add(FailureCode.ZERO_USAGE);
        }
        return codes;
    }

    /**
     * @param usage     the period's usage (actual or estimated)
     * @param days      its length in days
     * @param prevUsage the previous period's usage U', null when there is none (or it is held)
     * @param prevDays  the previous period's length days'
     */
    public static Set<FailureCode> nonIntervalCheck(BigDecimal usage, int days, BigDecimal prevUsage, int prevDays,
            VeeParameters p) {
        Set<FailureCode> codes = EnumSet.noneOf(FailureCode.class);
        if (usage.signum() == 0) {
            codes.add(FailureCode.ZERO_USAGE);
        }
        if (prevUsage != null && prevDays > 0 && prevUsage.signum() > 0) {
            // usage/days > f * U'/days'  <=>  usage * days' > f * U' * days
            BigDecimal left = usage.multiply(BigDecimal.valueOf(prevDays));
            BigDecimal right = prevUsage.multiply(BigDecimal.valueOf(days));
            if (left.compareTo(p.nonintHighFactor().multiply(right)) > 0) {
                codes.add(FailureCode.HIGH_USAGE);
            }
            if (left.compareTo(p.nonintLowFactor().multiply(right)) < 0) {
                codes.add(FailureCode.LOW_USAGE);
            }
        }
        return codes;
    }
}
