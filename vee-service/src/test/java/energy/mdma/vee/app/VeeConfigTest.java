package energy.mdma.vee.app;

import energy.mdma.vee.model.VeeParameterCatalog;
import energy.mdma.vee.model.VeeParameters;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VEE settings as application.properties and the environment give them ({@link VeeConfig}). */
class VeeConfigTest {

    /** The settings application.properties gives without a default in the mapping. */
    private static Map<String, String> required() {
        Map<String, String> m = new HashMap<>();
        m.put("mdma.registry.url", "http://registry/apis/registry/v2");
        m.put("mdma.kafka.security-protocol", "SASL_SSL");
        m.put("mdma.kafka.username", "vee");
        m.put("mdma.correction-horizon-days", "400");
        m.put("mdma.vee.master-data-check-every", "PT10S");
        m.put("mdma.vee.settle-quiet", "PT60S");
        m.put("mdma.vee.settle-max", "PT10M");
        m.put("mdma.vee.settle-quiet-headend", "PT10S");
        m.put("mdma.vee.channels-per-round", "5000");
        m.put("mdma.vee.round-time", "PT20S");
        return m;
    }

    private static VeeConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(VeeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' (5M, 30S)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(VeeConfig.class);
    }

    @Test
    void settingsAndTheirDefaults() {
        VeeConfig c = config(required());
        assertEquals(Duration.ofSeconds(2), c.vee().evaluateEvery());
        assertEquals(Duration.ofMinutes(1), c.vee().pruneEvery());
        assertEquals(Duration.ofSeconds(10), c.vee().settleQuietHeadEnd());
        assertEquals(5000, c.vee().channelsPerRound());
        assertEquals(400, c.correctionHorizonDays());
        assertEquals("vee", c.kafka().username());
        assertTrue(c.kafka().password().isEmpty());
    }

    @Test
    void nothingConfiguredIsTheSpec() {
        VeeParameterCatalog catalog = VeeParametersConfig.catalog(config(required()).vee());
        assertEquals(VeeParameters.defaults(), catalog.defaults());
        assertEquals(Map.of(), catalog.byMeterClass());
    }

    @Test
    void defaultsForEveryMeterAndOverridesPerClass() {
        Map<String, String> p = required();
        p.put("mdma.vee.default.spike-ratio", "4.5");
        p.put("mdma.vee.default.like-day-count", "5");
        p.put("mdma.vee.class.C&I.spike-ratio", "6");
        p.put("mdma.vee.class.C&I.estimation-deadline-time", "03:30");
        p.put("mdma.vee.class.RES-AMI.nonint-low-factor", "0.1");
        VeeParameterCatalog catalog = VeeParametersConfig.catalog(config(p).vee());

        VeeParameters spec = VeeParameters.defaults();
        assertEquals(new BigDecimal("4.5"), catalog.defaults().spikeRatio());
        assertEquals(5, catalog.defaults().likeDayCount());
        assertEquals(spec.highFactor(), catalog.defaults().highFactor());

        VeeParameters ci = catalog.forMeterClass("C&I");
        assertEquals(new BigDecimal("6"), ci.spikeRatio());
        assertEquals(LocalTime.of(3, 30), ci.estimationDeadlineTime());
        assertEquals(5, ci.likeDayCount(), "what a class leaves out comes from mdma.vee.default");
        assertEquals(spec.lowFactor(), ci.lowFactor());

        VeeParameters res = catalog.forMeterClass("RES-AMI");
        assertEquals(new BigDecimal("0.1"), res.nonintLowFactor());
        assertEquals(new BigDecimal("4.5"), res.spikeRatio());
        assertEquals(catalog.defaults(), catalog.forMeterClass("unconfigured"));
    }

    @Test
    void aMalformedValueFailsNamingTheProperty() {
        Map<String, String> p = required();
        p.put("mdma.vee.class.RES.like-day-count", "three");
        RuntimeException e = assertThrows(RuntimeException.class, () -> config(p));
        assertTrue(e.getMessage().contains("mdma.vee.class.RES.like-day-count"), e.getMessage());

        Map<String, String> q = required();
        q.put("mdma.vee.settle-max", "ten minutes");
        e = assertThrows(RuntimeException.class, () -> config(q));
        assertTrue(e.getMessage().contains("mdma.vee.settle-max"), e.getMessage());
    }

    @Test
    void aMissingSettingFailsNamingIt() {
        Map<String, String> p = required();
        p.remove("mdma.vee.round-time");
        RuntimeException e = assertThrows(RuntimeException.class, () -> config(p));
        assertTrue(e.getMessage().contains("mdma.vee.round-time"), e.getMessage());
    }
}
