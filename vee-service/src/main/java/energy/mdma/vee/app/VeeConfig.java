package energy.mdma.vee.app;

import energy.mdma.kafka.KafkaPrincipalConfig;
import energy.mdma.kafka.RegistryConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;

/** The VEE service's own settings (prefix {@code mdma}; application.properties sets them, with their reasons). */
@ConfigMapping(prefix = "mdma")
public interface VeeConfig {

    RegistryConfig registry();

    /** The service's SCRAM principal: read by {@code quarkus.kafka-streams.*} in application.properties. */
    KafkaPrincipalConfig kafka();

    /**
     * Channel-periods whose read date is more than this many days ago are final; state beyond is pruned (README
     * "Correction horizon"; edi-service has the same setting, with the same value).
     */
    @WithName("correction-horizon-days")
    int correctionHorizonDays();

    Vee vee();

    /** The topology's timing and rounds (VeeTopology.Settings, VeeTopology.Rounds) and the VEE parameters. */
    interface Vee {
        /** How often the dirty channels are looked at. */
        @WithName("evaluate-every")
        @WithDefault("PT2S")
        Duration evaluateEvery();

        /** How often the master data (meters, channels, schedules) are checked for changes, a slice per round. */
        @WithName("master-data-check-every")
        Duration masterDataCheckEvery();

        /** A channel is evaluated once its input has been quiet this long (see VeeTopology.Settings). */
        @WithName("settle-quiet")
        Duration settleQuiet();

        /** ... and at the latest this long after its first unevaluated input. */
        @WithName("settle-max")
        Duration settleMax();

        /** The quiet time after a head-end's input (its blocks come in time order: see VeeTopology.Settings). */
        @WithName("settle-quiet-headend")
        Duration settleQuietHeadEnd();

        /** Channels per evaluation, master data check and pruning round (see VeeTopology.Rounds). */
        @WithName("channels-per-round")
        int channelsPerRound();

        /** ... and about this long per round (one transaction: see kafka-streams.producer.transaction.timeout.ms). */
        @WithName("round-time")
        Duration roundTime();

        /** How often a pruning round runs. */
        @WithName("prune-every")
        @WithDefault("PT1M")
        Duration pruneEvery();

        /** {@code mdma.vee.default.<parameter>}: overrides the spec's default for every meter. */
        @WithName("default")
        Parameters defaults();

        /**
         * {@code mdma.vee.class.<meter class>.<parameter>}: overrides for the meters of one class (a meter's class is
         * {@code MeterEvent.meterClass}); what a class leaves out comes from {@link #defaults()}.
         */
        @WithName("class")
        Map<String, Parameters> byMeterClass();
    }

    /**
     * The VEE parameters of vee-rules.md, named with '-' for '_'; each one left out takes the value it falls back to
     * (the spec's default in {@code VeeParameters.defaults()}, or {@code mdma.vee.default.*} for a class).
     */
    interface Parameters {
        /** spike_ratio. */
        @WithName("spike-ratio")
        Optional<BigDecimal> spikeRatio();

        /** spike_min (uom, after multipliers). */
        @WithName("spike-min")
        Optional<BigDecimal> spikeMin();

        /** interpolation_max_minutes. */
        @WithName("interpolation-max-minutes")
        Optional<Integer> interpolationMaxMinutes();

        /** like_day_count. */
        @WithName("like-day-count")
        Optional<Integer> likeDayCount();

        /** like_day_lookback_days. */
        @WithName("like-day-lookback-days")
        Optional<Integer> likeDayLookbackDays();

        /** Estimation deadline: days after the interval's local day. */
        @WithName("estimation-deadline-days")
        Optional<Integer> estimationDeadlineDays();

        /** Estimation deadline: local time on that day. */
        @WithName("estimation-deadline-time")
        Optional<LocalTime> estimationDeadlineTime();

        /** high_factor. */
        @WithName("high-factor")
        Optional<BigDecimal> highFactor();

        /** low_factor. */
        @WithName("low-factor")
        Optional<BigDecimal> lowFactor();

        /** sum_check_min_dial_units. */
        @WithName("sum-check-min-dial-units")
        Optional<BigDecimal> sumCheckMinDialUnits();

        /** sum_check_percent. */
        @WithName("sum-check-percent")
        Optional<BigDecimal> sumCheckPercent();

        /** rollover_max_fraction. */
        @WithName("rollover-max-fraction")
        Optional<BigDecimal> rolloverMaxFraction();

        /** nonint_high_factor. */
        @WithName("nonint-high-factor")
        Optional<BigDecimal> nonintHighFactor();

        /** nonint_low_factor. */
        @WithName("nonint-low-factor")
        Optional<BigDecimal> nonintLowFactor();
    }
}
