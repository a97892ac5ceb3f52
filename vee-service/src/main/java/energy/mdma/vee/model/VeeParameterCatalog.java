package energy.mdma.vee.model;

import java.util.Map;
import java.util.Objects;

/**
 * VEE parameters per meter class; a class without an entry gets the default parameters.
 *
 * @param byMeterClass parameters by meter class name
 * @param defaults     parameters for unconfigured classes
 */
public record VeeParameterCatalog(Map<String, VeeParameters> byMeterClass, VeeParameters defaults) {
    public VeeParameterCatalog {
        byMeterClass = Map.copyOf(byMeterClass);
        Objects.requireNonNull(defaults);
    }

    /** A catalog with only the spec's defaults. */
    public static VeeParameterCatalog defaultsOnly() {
        return new VeeParameterCatalog(Map.of(), VeeParameters.defaults());
    }

    /** @return the parameters of the meter class, or the defaults when it is null or unconfigured. */
    public VeeParameters forMeterClass(String meterClass) {
        if (meterClass == null) {
            return defaults;
        }
        return byMeterClass.getOrDefault(meterClass, defaults);
    }
}
