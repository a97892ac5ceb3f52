package energy.mdma.vee.model;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The VEE parameters of vee-rules.md, with the spec's defaults in {@link #defaults()}.
 *
 * @param spikeRatio               spike_ratio
 * @param spikeMin                 spike_min (uom, after multipliers)
 * @param interpolationMaxMinutes  interpolation_max_minutes
 * @param likeDayCount             like_day_count
 * @param likeDayLookbackDays      like_day_lookback_days
 * @param estimationDeadlineDays   estimation deadline: days after the interval's local day
 * @param estimationDeadlineTime   estimation deadline: local time on that day
 * @param highFactor               high_factor
 * @param lowFactor                low_factor
 * @param sumCheckMinDialUnits     sum_check_min_dial_units
 * @param sumCheckPercent          sum_check_percent
 * @param rolloverMaxFraction      rollover_max_fraction
 * @param nonintHighFactor         nonint_high_factor
 * @param nonintLowFactor          nonint_low_factor
 */
public record VeeParameters(BigDecimal spikeRatio, BigDecimal spikeMin, int interpolationMaxMinutes,
        int likeDayCount, int likeDayLookbackDays, int estimationDeadlineDays, LocalTime estimationDeadlineTime,
        BigDecimal highFactor, BigDecimal lowFactor, BigDecimal sumCheckMinDialUnits, BigDecimal sumCheckPercent,
        BigDecimal rolloverMaxFraction, BigDecimal nonintHighFactor, BigDecimal nonintLowFactor) {

    private static final VeeParameters DEFAULTS = new VeeParameters(new BigDecimal("3.0"), new BigDecimal("1.0"),
            120, 3, 28, 1, LocalTime.of(2, 0), new BigDecimal("2.0"), new BigDecimal("0.25"), new BigDecimal("2"),
            new BigDecimal("2.0"), new BigDecimal("0.5"), new BigDecimal("3.0"), new BigDecimal("0.33"));

    public VeeParameters {
        Objects.requireNonNull(spikeRatio);
        Objects.requireNonNull(spikeMin);
        Objects.requireNonNull(estimationDeadlineTime);
        Objects.requireNonNull(highFactor);
        Objects.requireNonNull(lowFactor);
        Objects.requireNonNull(sumCheckMinDialUnits);
        Objects.requireNonNull(sumCheckPercent);
        Objects.requireNonNull(rolloverMaxFraction);
        Objects.requireNonNull(nonintHighFactor);
        Objects.requireNonNull(nonintLowFactor);
        if (likeDayCount < 1 || likeDayLookbackDays < 1 || interpolationMaxMinutes < 0 || estimationDeadlineDays < 0) {
            throw new IllegalArgumentException("invalid VEE parameters");
        }
    }

    /** The defaults of the spec (used by the acceptance test). */
    public static VeeParameters defaults() {
        return DEFAULTS;
    }

    public VeeParameters withInterpolationMaxMinutes(int v) {
        return new VeeParameters(spikeRatio, spikeMin, v, likeDayCount, likeDayLookbackDays, estimationDeadlineDays,
                estimationDeadlineTime, highFactor, lowFactor, sumCheckMinDialUnits, sumCheckPercent,
                rolloverMaxFraction, nonintHighFactor, nonintLowFactor);
    }

    public VeeParameters withLikeDayCount(int v) {
        return new VeeParameters(spikeRatio, spikeMin, interpolationMaxMinutes, v, likeDayLookbackDays,
                estimationDeadlineDays, estimationDeadlineTime, highFactor, lowFactor, sumCheckMinDialUnits,
                sumCheckPercent, rolloverMaxFraction, nonintHighFactor, nonintLowFactor);
    }
}
