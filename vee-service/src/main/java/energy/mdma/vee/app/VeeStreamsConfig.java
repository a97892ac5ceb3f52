package energy.mdma.vee.app;

import energy.mdma.kafka.KafkaClientSecurity;
import energy.mdma.kafka.ReplaceFailedStreamThread;
import energy.mdma.kafka.ReplacedThreadMembers;
import energy.mdma.kafka.StreamsMeters;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.vee.model.VeeParameterCatalog;
import energy.mdma.vee.topology.VeeTopology;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** Wires the VEE topology into Quarkus' Kafka Streams runtime (exactly-once, state in RocksDB). */
@ApplicationScoped
public class VeeStreamsConfig {

    @Produces
    @Singleton
    Topology topology(VeeConfig config, VeeParameterCatalog catalog) {
        VeeConfig.Vee vee = config.vee();
        return VeeTopology.build(SerdeFactory.registry(config.registry().url()), catalog,
                new VeeTopology.Settings(vee.evaluateEvery(), vee.masterDataCheckEvery())
                        .withSettle(vee.settleQuiet(), vee.settleMax()).withHeadEndSettle(vee.settleQuietHeadEnd())
                        .withRounds(new VeeTopology.Rounds(vee.channelsPerRound(), vee.roundTime(),
                                config.correctionHorizonDays(), vee.pruneEvery())));
    }

    /**
     * A failed stream thread is replaced, within bounds, and its static member taken out of the group (see
     * ReplaceFailedStreamThread); Quarkus hands it to KafkaStreams.
     */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler streamThreadFailures(VeeConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.kafka-streams.ssl.truststore.location") Optional<String> truststore,
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId,
            @ConfigProperty(name = "kafka-streams.main.consumer.group.instance.id") String groupInstanceId) {
        return new ReplaceFailedStreamThread(new ReplacedThreadMembers(
                () -> KafkaClientSecurity.client(bootstrapServers, config.kafka(), truststore.orElse(null)),
                applicationId, groupInstanceId));
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
