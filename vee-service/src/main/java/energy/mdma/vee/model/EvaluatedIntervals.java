package energy.mdma.vee.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The intervals of one channel-period as parallel arrays (index = position in the period, time
 * order). Usages are fixed-point longs with scale 4 (usage * 10^4). The arrays are owned by this
 * object and must not be modified; use the accessors.
 *
 * @param intervalMinutes interval length
 * @param endEpochSeconds interval end instants, epoch seconds
 * @param usage           usage * 10^4 (meaningless where {@code hasUsage} is false)
 * @param hasUsage        whether the interval has a value (actual or estimated)
 * @param estimated       whether the value is an estimate (KA)
 * @param method          {@link EstimationMethod#code()}, 0 when not estimated
 * @param reason          {@link InvalidReason#code()}, 0 when valid
 * @param outage          outage flag (status PO)
 * @param due             false for a trailing interval whose estimation deadline has not passed
 */
public record EvaluatedIntervals(int intervalMinutes, long[] endEpochSeconds, long[] usage, boolean[] hasUsage,
        boolean[] estimated, byte[] method, byte[] reason, boolean[] outage, boolean[] due) {

    public static final int USAGE_SCALE = 4;

    public int size() {
        return endEpochSeconds.length;
    }

    public Instant end(int i) {
        return Instant.ofEpochSecond(endEpochSeconds[i]);
    }

    /** @return the usage as a decimal with scale 4, or null when the interval has no value. */
    public BigDecimal usageDecimal(int i) {
        return hasUsage[i] ? BigDecimal.valueOf(usage[i], USAGE_SCALE) : null;
    }

    public boolean hasUsage(int i) {
        return hasUsage[i];
    }

    public boolean isEstimated(int i) {
        return estimated[i];
    }

    public EstimationMethod methodOf(int i) {
        return EstimationMethod.ofCode(method[i]);
    }

    public InvalidReason reasonOf(int i) {
        return InvalidReason.ofCode(reason[i]);
    }

    public boolean isOutage(int i) {
        return outage[i];
    }

    public boolean isDue(int i) {
        return due[i];
    }
}
