package energy.mdma.delivery.app;

import energy.mdma.delivery.kafka.EventLog;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.CompactedTopicReplay;
import energy.mdma.kafka.EventDeserializer;
import energy.mdma.kafka.KafkaClientSecurity;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Kafka, the source of truth: where it is ({@code kafka.bootstrap.servers} = MDMA_KAFKA, {@code mdma.registry.url} =
 * MDMA_REGISTRY_URL), and the service's one producer.
 */
@Singleton
public class KafkaSupport {

    /**
     * Bytes a fetch takes of one partition of a replay that reads the 867 files (mdma.edi.documents), compressed as
     * on the log: one or two files of a few megabytes once decompressed.
     */
    static final int DOCUMENT_BYTES_PER_PARTITION_FETCH = 256 * 1024;

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

    /**
     * A replay of the given topics for a view of this service ({@link #replay(String, java.util.Map, String, String,
     * java.util.List, CompactedTopicReplay.RecordHandler)}), not started.
     */
    public CompactedTopicReplay replay(String name, java.util.List<String> topics,
                                       CompactedTopicReplay.RecordHandler handler) {
        return replay(name, connection(), registryUrl(), clientId(), topics, handler);
    }

    /**
     * How the service replays its topics into its views: the registry's events, client id {@code clientId-name}, at
     * most 200 records a poll ({@value #DOCUMENT_BYTES_PER_PARTITION_FETCH} bytes a partition and 1 MiB a fetch when
     * the 867 files are among them),
     * reconnecting every 10 s at most while the broker is away, and outliving failures (the views' apply is
     * idempotent: a restart reads again). Not started.
     *
     * @param connection bootstrap.servers and the SASL settings ({@link #connection()})
     */
    public static CompactedTopicReplay replay(String name, java.util.Map<?, ?> connection, String registryUrl,
                                              String clientId, java.util.List<String> topics,
                                              CompactedTopicReplay.RecordHandler handler) {
        java.util.Properties p = new java.util.Properties();
        connection.forEach((k, v) -> p.put(String.valueOf(k), v));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + name);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        if (topics.contains(Topics.EDI_DOCUMENTS)) {
            // the 867 files: megabytes each once decompressed (a tenth of that on the log); a poll returns only what
            // was fetched, and a partition is fetched again only once what it buffered is read, so small fetches
            // bound the files alive in a poll (200 of them in one poll were more than the heap's old generation
            // holds: most of the service's CPU went to full garbage collections during the bench) while the small
            // records of the other topics still come 200 a poll (4 a poll cost a poll and a store write each)
            p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, DOCUMENT_BYTES_PER_PARTITION_FETCH);
            p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024 * 1024);
        }
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        return CompactedTopicReplay.ofRecords(name, p, topics, () -> new EventDeserializer(registryUrl), handler)
                .restartingOnFailure();
    }

    /** Whether a replay of the service has caught up (one not started yet, null, has not). */
    public static boolean caughtUp(CompactedTopicReplay replay) {
        return replay != null && replay.ready();
    }

    /**
     * Waits until everything written before now is applied by a replay of the service (one not started yet, null:
     * nothing to wait for); false on timeout.
     */
    public static boolean sync(CompactedTopicReplay replay, Duration timeout) {
        return replay == null || replay.syncNow(timeout);
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
