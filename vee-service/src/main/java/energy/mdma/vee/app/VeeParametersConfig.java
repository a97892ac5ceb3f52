package energy.mdma.vee.app;

import energy.mdma.vee.model.VeeParameterCatalog;
import energy.mdma.vee.model.VeeParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The VEE parameters per meter class, from configuration:
 * {@code mdma.vee.default.<parameter>} overrides a default for every meter, and
 * {@code mdma.vee.class.<meter class>.<parameter>} for one class (a meter's class is
 * {@code MeterEvent.meterClass}). Parameter names are those of vee-rules.md with '-' for '_'
 * (spike-ratio, spike-min, interpolation-max-minutes, like-day-count, like-day-lookback-days,
 * estimation-deadline-days, estimation-deadline-time, high-factor, low-factor,
 * sum-check-min-dial-units, sum-check-percent, rollover-max-fraction, nonint-high-factor,
 * nonint-low-factor). Anything not configured takes the spec's default.
 */
@ApplicationScoped
public class VeeParametersConfig {

    /** Singleton, not a normal scope: the catalog is a record (final, cannot be proxied). */
    @Produces
    @Singleton
    VeeParameterCatalog catalog() {
        return fromConfig(ConfigProvider.getConfig());
    }

    static VeeParameterCatalog fromConfig(Config config) {
        VeeParameters defaults = read(config, "mdma.vee.default.", VeeParameters.defaults());
        TreeSet<String> classes = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mdma.vee.class.")) {
                String rest = name.substring("mdma.vee.class.".length());
                int dot = rest.lastIndexOf('.');
                if (dot > 0) {
                    classes.add(rest.substring(0, dot));
                }
            }
        }
        Map<String, VeeParameters> byClass = new HashMap<>();
        for (String c : classes) {
            byClass.put(c, read(config, "mdma.vee.class." + c + ".", defaults));
        }
        return new VeeParameterCatalog(byClass, defaults);
    }

    private static VeeParameters read(Config c, String prefix, VeeParameters base) {
        return new VeeParameters(
                dec(c, prefix + "spike-ratio", base.spikeRatio()),
                dec(c, prefix + "spike-min", base.spikeMin()),
                integer(c, prefix + "interpolation-max-minutes", base.interpolationMaxMinutes()),
                integer(c, prefix + "like-day-count", base.likeDayCount()),
                integer(c, prefix + "like-day-lookback-days", base.likeDayLookbackDays()),
                integer(c, prefix + "estimation-deadline-days", base.estimationDeadlineDays()),
                c.getOptionalValue(prefix + "estimation-deadline-time", String.class).map(LocalTime::parse)
                        .orElse(base.estimationDeadlineTime()),
                dec(c, prefix + "high-factor", base.highFactor()),
                dec(c, prefix + "low-factor", base.lowFactor()),
                dec(c, prefix + "sum-check-min-dial-units", base.sumCheckMinDialUnits()),
                dec(c, prefix + "sum-check-percent", base.sumCheckPercent()),
                dec(c, prefix + "rollover-max-fraction", base.rolloverMaxFraction()),
                dec(c, prefix + "nonint-high-factor", base.nonintHighFactor()),
                dec(c, prefix + "nonint-low-factor", base.nonintLowFactor()));
    }

    private static BigDecimal dec(Config c, String key, BigDecimal fallback) {
        Optional<String> v = c.getOptionalValue(key, String.class);
        return v.map(BigDecimal::new).orElse(fallback);
    }

    private static int integer(Config c, String key, int fallback) {
        return c.getOptionalValue(key, Integer.class).orElse(fallback);
    }
}
