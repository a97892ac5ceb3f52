package energy.mdma.ingest.app;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ingest settings as application.properties gives them ({@link IngestConfig}). */
class IngestConfigTest {

    /** The settings without a default in the mapping (application.properties gives them). */
    private static Map<String, String> required() {
        Map<String, String> m = new HashMap<>();
        m.put("mdma.home", ".mdma");
        m.put("mdma.kafka.bootstrap", "localhost:9092");
        m.put("mdma.registry.url", "http://registry/apis/registry/v2");
        m.put("mdma.ingest.instance-id", "1");
        return m;
    }

    private static IngestConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(IngestConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' (5M, 30S)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(IngestConfig.class);
    }

    @Test
    void defaults() {
        IngestConfig c = config(required());
        assertEquals(2, c.ingest().parallelFiles());
        assertTrue(c.ingest().headEnd().enabled());
        assertEquals(11, c.auth().bcryptCost());
        assertEquals(Duration.ofMinutes(5), c.auth().cacheTtl());
        assertEquals(5, c.auth().lockoutFailures());
        assertEquals(Duration.ofMinutes(15), c.auth().lockoutDuration());
        assertFalse(c.auth().expiryEnforced());
        assertEquals(Duration.ofSeconds(30), c.auth().attemptWait());
        assertTrue(c.rateLimit().enabled());
        assertEquals(50, c.rateLimit().perSecond());
        assertEquals(200, c.rateLimit().burst());
        assertEquals(5, c.rateLimit().unauthenticatedPerSecond());
        assertEquals(50, c.rateLimit().unauthenticatedBurst());
        assertEquals(100_000, c.rateLimit().maxKeys());
        assertEquals(Duration.ofSeconds(30), c.kafka().sendTimeout());
        assertEquals("SASL_SSL", c.kafka().securityProtocol());
        assertEquals("ingest", c.kafka().username());
        assertTrue(c.kafka().truststore().isEmpty());
    }

    @Test
    void theHeadEndPathCanBeSwitchedOff() {
        Map<String, String> p = required();
        p.put("mdma.ingest.headend.enabled", "false");
        assertFalse(config(p).ingest().headEnd().enabled());
    }

    @Test
    void aMalformedOrMissingValueFailsNamingTheProperty() {
        Map<String, String> p = required();
        p.put("mdma.rate-limit.burst", "lots");
        RuntimeException e = assertThrows(RuntimeException.class, () -> config(p));
        assertTrue(e.getMessage().contains("mdma.rate-limit.burst"), e.getMessage());

        Map<String, String> q = required();
        q.remove("mdma.ingest.instance-id");
        e = assertThrows(RuntimeException.class, () -> config(q));
        assertTrue(e.getMessage().contains("mdma.ingest.instance-id"), e.getMessage());
    }
}
