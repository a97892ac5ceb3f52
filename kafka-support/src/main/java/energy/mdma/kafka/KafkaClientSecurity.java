package energy.mdma.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security settings of a Kafka client of the MDMA broker: SASL/SCRAM-SHA-512 with the client's own principal,
 * over TLS ({@code SASL_SSL}, the broker's certificate trusted through a PEM file) or, on the test platform, over
 * plain TCP ({@code SASL_PLAINTEXT}). The broker refuses clients without credentials and authorizes each principal
 * by the ACL table {@code deploy/acls.csv}.
 *
 * <p>Services take the values from their configuration ({@code mdma.kafka.security-protocol}, {@code
 * mdma.kafka.username}, {@code mdma.kafka.password}, {@code mdma.kafka.truststore}), which {@code ./mdma} fills from
 * the environment ({@code MDMA_KAFKA_SECURITY_PROTOCOL}, {@code MDMA_KAFKA_USERNAME}, {@code MDMA_KAFKA_PASSWORD},
 * {@code MDMA_KAFKA_TRUSTSTORE}); tools read the environment directly ({@link #fromEnvironment(String)}).
 */
public final class KafkaClientSecurity {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String ENV_PROTOCOL = "MDMA_KAFKA_SECURITY_PROTOCOL";
    public static final String ENV_USERNAME = "MDMA_KAFKA_USERNAME";
    public static final String ENV_PASSWORD = "MDMA_KAFKA_PASSWORD";
    public static final String ENV_TRUSTSTORE = "MDMA_KAFKA_TRUSTSTORE";

    private KafkaClientSecurity() {
    }

    /**
     * Client properties for SCRAM-SHA-512 as {@code username}.
     *
     * @param protocol   SASL_SSL (default when blank) or SASL_PLAINTEXT
     * @param truststore PEM file with the broker's certificate (SASL_SSL); blank: the JVM's default trust store
     * @throws IllegalArgumentException when the protocol is not a SASL one or the username or password is missing
     */
    public static Map<String, String> scram(String protocol, String username, String password, String truststore) {
        String p = protocol == null || protocol.isBlank() ? "SASL_SSL" : protocol.strip().toUpperCase(java.util.Locale.ROOT);
        if (!p.equals("SASL_SSL") && !p.equals("SASL_PLAINTEXT")) {
            throw new IllegalArgumentException("Kafka security protocol '" + p + "' is not supported: the MDMA broker"
                    + " takes SASL_SSL (or SASL_PLAINTEXT on the test platform); set " + ENV_PROTOCOL + " accordingly");
        }
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("no Kafka username: set " + ENV_USERNAME
                    + " (./mdma sets it for each service from $MDMA_HOME/security)");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no Kafka password for principal '" + username + "': set " + ENV_PASSWORD
                    + " (./mdma sets it for each service from $MDMA_HOME/security)");
        }
        Map<String, String> c = new LinkedHashMap<>();
        c.put("security.protocol", p);
        c.put("sasl.mechanism", MECHANISM);
        c.put("sasl.jaas.config", jaasConfig(username, password));
        if (p.equals("SASL_SSL") && truststore != null && !truststore.isBlank()) {
            c.put("ssl.truststore.type", "PEM");
            c.put("ssl.truststore.location", truststore.strip());
        }
        return c;
    }

    /**
     * A plain client of the broker as a Streams service's principal: {@code bootstrap.servers} and {@link #scram} from
     * its settings (for clients of its own besides Kafka Streams, which reads the same settings through Quarkus).
     */
    public static Map<String, String> client(String bootstrapServers, KafkaPrincipalConfig principal, String truststore) {
        Map<String, String> c = scram(principal.securityProtocol(), principal.username(),
                principal.password().orElse(null), truststore);
        c.put("bootstrap.servers", bootstrapServers);
        return c;
    }

    /** {@link #scram} from the environment; the username defaults to {@code defaultUsername}. */
    public static Map<String, String> fromEnvironment(String defaultUsername) {
        String user = System.getenv(ENV_USERNAME);
        return scram(System.getenv(ENV_PROTOCOL), user == null || user.isBlank() ? defaultUsername : user,
                System.getenv(ENV_PASSWORD), System.getenv(ENV_TRUSTSTORE));
    }

    /** The JAAS line of the SCRAM login module (values quoted, quotes and backslashes escaped). */
    public static String jaasConfig(String username, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + quote(username)
                + "\" password=\"" + quote(password) + "\";";
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
