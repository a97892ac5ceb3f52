package energy.mdma.kafka;

import java.util.Optional;

/**
 * A Streams service's SASL/SCRAM principal: the group {@code mdma.kafka} of its settings (a configuration mapping
 * group; names in kebab case), also read by {@code quarkus.kafka-streams.*} in its application.properties and by
 * {@link KafkaClientSecurity} for its own clients.
 */
public interface KafkaPrincipalConfig {
    /** SASL_SSL (the local stack, the cluster) or SASL_PLAINTEXT (the test platform). */
    String securityProtocol();

    /** The service's SCRAM principal (MDMA_KAFKA_USERNAME). */
    String username();

    /** Its password (MDMA_KAFKA_PASSWORD; ./mdma passes it from $MDMA_HOME/security). */
    Optional<String> password();
}
