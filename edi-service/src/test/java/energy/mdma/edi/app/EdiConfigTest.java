package energy.mdma.edi.app;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EDI settings as application.properties gives them ({@link EdiConfig}). */
class EdiConfigTest {

    /** The settings without a default in the mapping (application.properties gives them). */
    private static Map<String, String> required() {
        Map<String, String> m = new HashMap<>();
        m.put("mdma.registry.url", "http://registry/apis/registry/v2");
        m.put("mdma.kafka.security-protocol", "SASL_SSL");
        m.put("mdma.kafka.username", "edi");
        m.put("mdma.edi.accounts-per-prune-round", "10000");
        m.put("mdma.edi.account-periods-per-round", "20000");
        m.put("mdma.edi.round-time", "PT30S");
        m.put("mdma.edi.master-data-accounts-per-round", "10000");
        m.put("mdma.edi.prune-time", "PT10S");
        m.put("mdma.edi.summary-during-backlog", "PT5M");
        m.put("mdma.edi.former-summary-rows-per-round", "2000");
        return m;
    }

    private static EdiConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(EdiConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus' (5M, 30S)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(EdiConfig.class);
    }

    @Test
    void defaults() {
        EdiConfig c = config(required());
        assertEquals(400, c.correctionHorizonDays());
        assertEquals(Duration.ofSeconds(2), c.edi().postEvery());
        assertEquals("MDMA", c.edi().mdmaId());
        assertEquals("123456789", c.edi().mdmaDuns());
        assertEquals("P", c.edi().usageIndicator());
        assertEquals(60_000, c.edi().maxIntervalsPerFile());
        assertEquals(5_000, c.edi().maxTransactionsPerFile());
        assertEquals(Duration.ofSeconds(30), c.edi().masterDataCheckEvery());
        assertEquals(1_000_000L, c.edi().maxIntervalsPerRound());
        assertEquals(Duration.ofSeconds(10), c.edi().summaryQuiet());
        assertEquals(35, c.edi().summaryWindowDays());
        assertEquals(100_000, c.edi().summaryRowsPerPart());
        assertEquals(Duration.ofMinutes(1), c.edi().pruneEvery());
        assertTrue(c.kafka().password().isEmpty());
    }

    @Test
    void anEmptyPasswordIsNone() {
        Map<String, String> p = required();
        p.put("mdma.kafka.password", "");
        assertTrue(config(p).kafka().password().isEmpty());
    }

    @Test
    void aMalformedOrMissingValueFailsNamingTheProperty() {
        Map<String, String> p = required();
        p.put("mdma.edi.max-intervals-per-file", "many");
        RuntimeException e = assertThrows(RuntimeException.class, () -> config(p));
        assertTrue(e.getMessage().contains("mdma.edi.max-intervals-per-file"), e.getMessage());

        Map<String, String> q = required();
        q.remove("mdma.edi.round-time");
        e = assertThrows(RuntimeException.class, () -> config(q));
        assertTrue(e.getMessage().contains("mdma.edi.round-time"), e.getMessage());
    }
}
