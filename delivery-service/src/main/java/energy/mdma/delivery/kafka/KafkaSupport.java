package energy.mdma.delivery.kafka;

import energy.mdma.delivery.security.DeliveryConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether Kafka is the source of truth ({@code mdma.kafka.enabled}, the default; off only for the fast
 * in-memory tests), where it is ({@code kafka.bootstrap.servers} = MDMA_KAFKA, {@code mdma.registry.url} =
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

    public boolean enabled() {
        return config.kafka().enabled();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return config.registry().url();
    }

    public String clientId() {
        return config.kafka().clientId();
    }

    public synchronized EventLog log() {
        if (!enabled()) {
            throw new IllegalStateException("Kafka is disabled (mdma.kafka.enabled=false)");
        }
        if (log == null) {
            log = new EventLog(bootstrapServers, registryUrl(), clientId(), config.kafka().sendTimeout());
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
