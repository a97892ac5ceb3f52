package energy.mdma.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    @Test
    void scramOverTlsWithTheBrokersCertificate() {
        Map<String, String> c = KafkaClientSecurity.scram(null, "vee", "s3cret", "/m/security/broker.pem");
        assertEquals("SASL_SSL", c.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", c.get("sasl.mechanism"));
        assertEquals("PEM", c.get("ssl.truststore.type"));
        assertEquals("/m/security/broker.pem", c.get("ssl.truststore.location"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"vee\" password=\"s3cret\";",
                c.get("sasl.jaas.config"));
        // plain TCP (test platform): no trust store
        assertFalse(KafkaClientSecurity.scram("sasl_plaintext", "vee", "p", "/x.pem").containsKey("ssl.truststore.location"));
    }

    @Test
    void quotesAndBackslashesInAPasswordSurviveTheJaasParser() {
        String password = "a\"b\\c;d e";
        String jaas = KafkaClientSecurity.jaasConfig("vee", password);
        var entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas))).configurationEntries().get(0);
        assertEquals("vee", entry.getOptions().get("username"));
        assertEquals(password, entry.getOptions().get("password"));
    }

    @Test
    void withoutCredentialsOrWithAnUnsafeProtocolItSaysWhatToSet() {
        IllegalArgumentException noPassword = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSecurity.scram("SASL_SSL", "vee", "", null));
        assertTrue(noPassword.getMessage().contains("MDMA_KAFKA_PASSWORD"), noPassword.getMessage());
        assertTrue(noPassword.getMessage().contains("'vee'"), noPassword.getMessage());
        IllegalArgumentException plaintext = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSecurity.scram("PLAINTEXT", "vee", "p", null));
        assertTrue(plaintext.getMessage().contains("MDMA_KAFKA_SECURITY_PROTOCOL"), plaintext.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KafkaClientSecurity.scram("SASL_SSL", " ", "p", null));
    }
}
