package energy.mdma.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {

    @Test
    void systemPropertiesComeBeforeTheEnvironment() {
        RegistryCredentials c = RegistryCredentials.from(
                Map.of("mdma.registry.username", "u1", "mdma.registry.password", "p1")::get,
                Map.of("MDMA_REGISTRY_USERNAME", "u2", "MDMA_REGISTRY_PASSWORD", "p2")::get);
        assertEquals(new RegistryCredentials("u1", "p1"), c);
    }

    @Test
    void theEnvironmentWhenNoPropertyAndTheWriterAccountByDefault() {
        assertEquals(new RegistryCredentials("u2", "p2"), RegistryCredentials.from(Map.<String, String>of()::get,
                Map.of("MDMA_REGISTRY_USERNAME", "u2", "MDMA_REGISTRY_PASSWORD", "p2")::get));
        RegistryCredentials defaultUser = RegistryCredentials.from(Map.<String, String>of()::get,
                Map.of("MDMA_REGISTRY_PASSWORD", "p2")::get);
        assertEquals("schema-writer", defaultUser.username());
        // a user name from one place is never paired with a password from the other
        assertEquals("schema-writer", RegistryCredentials.from(Map.of("mdma.registry.username", "u1")::get,
                Map.of("MDMA_REGISTRY_PASSWORD", "p2")::get).username());
    }

    @Test
    void noPasswordMeansNoCredentialsAndNoAuthSettings() {
        RegistryCredentials none = RegistryCredentials.from(Map.of("mdma.registry.username", "u1")::get,
                Map.of("MDMA_REGISTRY_PASSWORD", " ")::get);
        assertFalse(none.present());
        assertEquals(RegistryCredentials.NONE, none);
        Map<String, Object> config = EventSerdes.config("http://localhost:1/apis/registry/v2", none);
        assertFalse(config.containsKey("apicurio.registry.auth.username"));
        assertFalse(config.containsKey("apicurio.registry.auth.password"));
        assertTrue((Boolean) config.get("apicurio.registry.auto-register"), "still registers, and fails with 401 then");
    }

    @Test
    void theSerdeConfigCarriesTheBasicAuthSettingsButToStringNeverThePassword() {
        RegistryCredentials c = new RegistryCredentials(null, "s3cret-Value");
        Map<String, Object> config = EventSerdes.config("http://localhost:1/apis/registry/v2", c);
        assertEquals("schema-writer", config.get("apicurio.registry.auth.username"));
        assertEquals("s3cret-Value", config.get("apicurio.registry.auth.password"));
        assertFalse(c.toString().contains("s3cret"), c.toString());
        assertNull(RegistryCredentials.NONE.username());
    }
}
