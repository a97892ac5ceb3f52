package energy.mdma.vee.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * Reference-day estimation (HIST, vee-rules.md section 3): the estimate of an interval ending at
 * wall-clock time t on day D is round4(mean of the usages at local time t on the reference days of
 * D). A reference day without time t (spring-forward hour) is left out of that mean; with no
 * reference value at all there is no estimate.
 */
public final class ReferenceDayEstimation {
    /** Returned when no reference value exists. */
    public static final long NONE = Long.MIN_VALUE;

    /** Usage lookup of a reference day by wall-clock minute of day (00:00 = the midnight closing the day). */
    @FunctionalInterface
    public interface WallClockUsage {
        /** @return the scaled usage of the first interval of {@code day} ending at wall minute t, or NONE. */
        long usageAt(LocalDate day, int wallMinuteOfDay);
    }

    private ReferenceDayEstimation() {
    }

    /** @return round4 of the exact mean as a scaled long, or {@link #NONE}. */
    public static long estimate(List<LocalDate> referenceDays, int wallMinuteOfDay, WallClockUsage lookup) {
        long sum = 0;
        int count = 0;
        for (LocalDate d : referenceDays) {
            long u = lookup.usageAt(d, wallMinuteOfDay);
            if (u != NONE) {
                sum += u;
                count++;
            }
        }
        return count == 0 ? NONE : Fixed.divRoundHalfUp(sum, count);
    }
}
