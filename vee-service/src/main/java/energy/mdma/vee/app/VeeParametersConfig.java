package energy.mdma.vee.app;

import energy.mdma.vee.model.VeeParameterCatalog;
import energy.mdma.vee.model.VeeParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * The VEE parameters per meter class, from configuration ({@link VeeConfig.Vee#defaults()},
 * {@link VeeConfig.Vee#byMeterClass()}): {@code mdma.vee.default.<parameter>} overrides a default for every meter, and
 * {@code mdma.vee.class.<meter class>.<parameter>} for one class. Anything not configured takes the spec's default.
 */
@ApplicationScoped
public class VeeParametersConfig {

    /** Singleton, not a normal scope: the catalog is a record (final, cannot be proxied). */
    @Produces
    @Singleton
    VeeParameterCatalog catalog(VeeConfig config) {
        return catalog(config.vee());
    }

    static VeeParameterCatalog catalog(VeeConfig.Vee vee) {
        VeeParameters defaults = over(vee.defaults(), VeeParameters.defaults());
        Map<String, VeeParameters> byClass = new HashMap<>();
        vee.byMeterClass().forEach((meterClass, configured) -> byClass.put(meterClass, over(configured, defaults)));
        return new VeeParameterCatalog(byClass, defaults);
    }

    /** The configured parameters, each one left out taken from {@code base}. */
    private static VeeParameters over(VeeConfig.Parameters c, VeeParameters base) {
        return new VeeParameters(
                c.spikeRatio().orElse(base.spikeRatio()),
                c.spikeMin().orElse(base.spikeMin()),
                c.interpolationMaxMinutes().orElse(base.interpolationMaxMinutes()),
                c.likeDayCount().orElse(base.likeDayCount()),
                c.likeDayLookbackDays().orElse(base.likeDayLookbackDays()),
                c.estimationDeadlineDays().orElse(base.estimationDeadlineDays()),
                c.estimationDeadlineTime().orElse(base.estimationDeadlineTime()),
                c.highFactor().orElse(base.highFactor()),
                c.lowFactor().orElse(base.lowFactor()),
                c.sumCheckMinDialUnits().orElse(base.sumCheckMinDialUnits()),
                c.sumCheckPercent().orElse(base.sumCheckPercent()),
                c.rolloverMaxFraction().orElse(base.rolloverMaxFraction()),
                c.nonintHighFactor().orElse(base.nonintHighFactor()),
                c.nonintLowFactor().orElse(base.nonintLowFactor()));
    }
}
