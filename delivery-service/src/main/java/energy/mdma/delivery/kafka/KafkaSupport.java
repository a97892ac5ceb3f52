package energy.mdma.delivery.kafka;

import energy.mdma.delivery.app.DeliveryConfig;
import energy.mdma.kafka.KafkaClientSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kafka, the source of truth: where it is ({@code kafka.bootstrap.servers} = MDMA_KAFKA, {@code mdma.registry.url} =
 * MDMA_REGISTRY_URL), and the service's one producer.
 */
@Singleton
public class KafkaSupport {

    private final DeliveryConfig config;
    private final String bootstrapServers;
    private EventLog log;

    @Inject
    public KafkaSupport(DeliveryConfig config,
                        @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * {@code bootstrap.servers} and the service's SASL/SCRAM credentials: what every Kafka client of the service
     * starts from.
     */
    public java.util.Map<String, Object> connection() {
        DeliveryConfig.Kafka k = config.kafka();
        java.util.Map<String, Object> c = new java.util.HashMap<>(KafkaClientSecurity.scram(k.securityProtocol(), k.username(),
                k.password().orElse(null), k.truststore().orElse(null)));
        c.put("bootstrap.servers", bootstrapServers);
        return c;
    }

    public String registryUrl() {
        return config.registry().url();
    }

    public String clientId() {
        return config.kafka().clientId();
    }

    public synchronized EventLog log() {
        if (log == null) {
            log = new EventLog(connection(), registryUrl(), clientId(), config.kafka().sendTimeout());
        }
        return log;
    }

    @PreDestroy
    synchronized void close() {
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
