package energy.mdma.edi.app;

import energy.mdma.edi.decision.RoundLimits;
import energy.mdma.edi.model.UsageIndicator;
import energy.mdma.edi.topology.EdiTopology;
import energy.mdma.edi.topology.PostedNumbers;
import energy.mdma.kafka.KafkaClientSecurity;
import energy.mdma.kafka.KafkaPrincipalConfig;
import energy.mdma.kafka.ReplaceFailedStreamThread;
import energy.mdma.kafka.ReplacedThreadMembers;
import energy.mdma.kafka.StreamsMeters;
import energy.mdma.kafka.SerdeFactory;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** Wires the EDI topology into Quarkus' Kafka Streams runtime (exactly-once, state in RocksDB). */
@ApplicationScoped
public class EdiStreamsConfig {

    @Inject
    EdiConfig config;

    /** Kafka's own settings, not the service's: the brokers ... */
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** ... and the PEM file their TLS certificate is checked against (MDMA_KAFKA_TRUSTSTORE), as Streams is given it. */
    @ConfigProperty(name = "quarkus.kafka-streams.ssl.truststore.location")
    Optional<String> kafkaTruststore;

    /** Singleton, not a client proxy: KafkaStreams reads the topology's internals directly. */
    @Produces
    @Singleton
    Topology topology() {
        EdiConfig.Edi edi = config.edi();
        return EdiTopology.build(SerdeFactory.registry(config.registry().url()),
                new EdiTopology.Settings(edi.postEvery(), edi.mdmaId(), edi.mdmaDuns(), usageIndicator(edi),
                        edi.maxIntervalsPerFile(), edi.maxTransactionsPerFile(), edi.masterDataCheckEvery(),
                        edi.maxIntervalsPerRound(), edi.summaryQuiet(), edi.summaryWindowDays(),
                        edi.summaryRowsPerPart()),
                new EdiTopology.Horizon(config.correctionHorizonDays(), edi.pruneEvery(), edi.accountsPerPruneRound()),
                postedNumbers(),
                new RoundLimits(edi.accountPeriodsPerRound(), edi.roundTime(), edi.masterDataAccountsPerRound(),
                        edi.pruneTime(), edi.summaryDuringBacklog(), edi.formerSummaryRowsPerRound()));
    }

    private static UsageIndicator usageIndicator(EdiConfig.Edi edi) {
        try {
            return UsageIndicator.fromCode(edi.usageIndicator());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mdma.edi.usage-indicator: " + e.getMessage(), e);
        }
    }

    /** mdma.edi.documents as edi's principal: numbering continues from what was posted (ControlNumberAllocator). */
    PostedNumbers postedNumbers() {
        KafkaPrincipalConfig principal = config.kafka();
        String truststore = kafkaTruststore.orElse(null);
        String bootstrap = bootstrapServers;
        String registry = config.registry().url();
        // the client settings are checked when needed (as Kafka Streams' own), not when the topology is built
        return (partition, prefix) -> {
            java.util.Properties p = new java.util.Properties();
            p.putAll(KafkaClientSecurity.client(bootstrap, principal, truststore));
            return new KafkaPostedNumbers(p, registry).of(partition, prefix);
        };
    }

    /**
     * A failed stream thread is replaced, within bounds, and its static member taken out of the group (see
     * ReplaceFailedStreamThread); Quarkus hands it to KafkaStreams.
     */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler streamThreadFailures(
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId,
            @ConfigProperty(name = "kafka-streams.main.consumer.group.instance.id") String groupInstanceId) {
        String bootstrap = bootstrapServers;
        String truststore = kafkaTruststore.orElse(null);
        return new ReplaceFailedStreamThread(new ReplacedThreadMembers(
                () -> KafkaClientSecurity.client(bootstrap, config.kafka(), truststore), applicationId, groupInstanceId));
    }

    private final StreamsMeters.Binding streamsMeters = new StreamsMeters.Binding();

    /** Kafka's meters per store, topic, partition and connection are not exposed (StreamsMeters.PER_INSTANCE_ONLY). */
    @Produces
    @Singleton
    MeterFilter kafkaMetersPerInstanceOnly() {
        return StreamsMeters.PER_INSTANCE_ONLY;
    }

    /**
     * Kafka Streams' meters, bound when Quarkus creates the client (before it starts), to the registry Quarkus' own
     * Kafka binder used; that binder is off (quarkus.micrometer.binder.kafka.enabled=false): see StreamsMeters.
     */
    void bindStreamsMeters(@Observes KafkaStreams streams) {
        streamsMeters.bind(streams, Metrics.globalRegistry);
    }

    void closeStreamsMeters(@Observes ShutdownEvent event) {
        streamsMeters.close();
    }
}
