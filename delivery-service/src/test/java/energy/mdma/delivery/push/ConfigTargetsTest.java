package energy.mdma.delivery.push;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Push targets must be configured by exact party id: names derived from party ids collide ({@code ESP-1} and
 * {@code ESP_1} both become {@code MDMA_PUSH_ESP_1_*}), and one ESP's files would go to another's server.
 */
class ConfigTargetsTest {

    /** Like environment variables: a config source of upper-case names (SmallRye maps property names onto them). */
    static SmallRyeConfig env(Map<String, String> vars) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(vars, 300)).build();
    }

    static SmallRyeConfig properties(Map<String, String> props) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(props, "test", 250)).build();
    }

    static Path file(String json) throws Exception {
        return Files.writeString(Files.createTempDirectory("push-targets").resolve("targets.json"), json);
    }

    @Test
    void environmentNamesDerivedFromPartyIdsAreRefusedAtStart() {
        SmallRyeConfig config = env(Map.of("MDMA_PUSH_ESP_1_URL", "https://mft.esp1.example/in",
                "MDMA_PUSH_ESP_1_USERNAME", "mdma", "MDMA_PUSH_ESP_1_PASSWORD", "esp1-secret"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ConfigTargets(config));
        assertTrue(e.getMessage().contains("MDMA_PUSH_ESP_1_URL"), e.getMessage());
        assertTrue(e.getMessage().contains("mdma.mft.targets-file"), "says what to do: " + e.getMessage());
        assertFalse(e.getMessage().contains("esp1-secret"), "no secret in the message");
        IllegalStateException p = assertThrows(IllegalStateException.class,
                () -> new ConfigTargets(properties(Map.of("mdma.push.ESP-1.url", "https://x.example/"))));
        assertTrue(p.getMessage().contains("mdma.push.ESP-1.url"), p.getMessage());
    }

    @Test
    void targetsByExactPartyIdKeepEspDash1AndEspUnderscore1Apart() throws Exception {
        Path secret = Files.writeString(Files.createTempFile("esp1", ".secret"), "esp-1-secret\n");
        Path f = file("{\"ESP-1\": {\"url\": \"https://mft.esp-dash.example/in\", \"username\": \"a\", "
                + "\"passwordFile\": \"" + secret + "\"},"
                + " \"ESP_1\": {\"url\": \"https://mft.esp-underscore.example/in\", \"username\": \"b\", \"password\": \"p2\"}}");
        ConfigTargets t = new ConfigTargets(properties(Map.of("mdma.mft.targets-file", f.toString())));
        PushService.Target dash = t.forParty("ESP-1").orElseThrow();
        PushService.Target underscore = t.forParty("ESP_1").orElseThrow();
        assertEquals("https://mft.esp-dash.example/in", dash.url());
        assertEquals("esp-1-secret", dash.password());
        assertEquals("https://mft.esp-underscore.example/in", underscore.url());
        assertEquals("p2", underscore.password());
        assertTrue(t.forParty("esp-1").isEmpty(), "exact ids: no case folding");
        assertTrue(t.forParty("ESP.1").isEmpty());
        assertTrue(new ConfigTargets(properties(Map.of())).forParty("ESP-1").isEmpty(), "no file: nothing pushed");
    }

    @Test
    void ambiguousOrUnsafeFilesAreRefusedWithWhatIsWrong() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"ESP-1\": {\"url\": \"https://a.example/\"}, \"ESP-1\": {\"url\": \"https://b.example/\"}}", "Duplicate field 'ESP-1'",
                "{\"ESP 1\": {\"url\": \"https://a.example/\"}}", "not a party id",
                "{\"ESP-1\": {\"url\": \"http://a.example/\"}}", "https://",
                "{\"ESP-1\": {\"url\": \"https://a.example/\", \"pasword\": \"x\"}}", "unknown field 'pasword'",
                "{\"ESP-1\": {\"url\": \"https://a.example/\", \"password\": \"x\", \"passwordFile\": \"/y\"}}", "both",
                "{\"ESP-1\": {\"url\": \"https://a.example/\", \"passwordFile\": \"/nonexistent/secret\"}}", "cannot be read",
                "[1, 2]", "JSON object");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = file(c.getKey());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new ConfigTargets(properties(Map.of("mdma.mft.targets-file", f.toString()))), c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), c.getKey() + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
            assertFalse(e.getMessage().contains("\"x\""), "no secret: " + e.getMessage());
        }
    }
}
