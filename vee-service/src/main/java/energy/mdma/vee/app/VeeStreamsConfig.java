package energy.mdma.vee.app;

import energy.mdma.kafka.ReplaceFailedStreamThread;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.vee.model.VeeParameterCatalog;
import energy.mdma.vee.topology.VeeTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Wires the VEE topology into Quarkus' Kafka Streams runtime (exactly-once, state in RocksDB). */
@ApplicationScoped
public class VeeStreamsConfig {

    @ConfigProperty(name = "mdma.registry.url")
    String registryUrl;

    @ConfigProperty(name = "mdma.vee.evaluate-every", defaultValue = "PT2S")
    Duration evaluateEvery;

    /** How often the master data (meters, channels, schedules) are checked for changes, a slice per round. */
    @ConfigProperty(name = "mdma.vee.master-data-check-every")
    Duration masterDataCheckEvery;

    /** A channel is evaluated once its input has been quiet this long (see VeeTopology.Settings). */
    @ConfigProperty(name = "mdma.vee.settle-quiet")
    Duration settleQuiet;

    /** ... and at the latest this long after its first unevaluated input. */
    @ConfigProperty(name = "mdma.vee.settle-max")
    Duration settleMax;

    /** The quiet time after a head-end's input (its blocks come in time order: see VeeTopology.Settings). */
    @ConfigProperty(name = "mdma.vee.settle-quiet-headend")
    Duration settleQuietHeadEnd;

    /** Channels per evaluation, master data check and pruning round (see VeeTopology.Rounds). */
    @ConfigProperty(name = "mdma.vee.channels-per-round")
    int channelsPerRound;

    /** ... and about this long per round (one transaction: see kafka-streams.producer.transaction.timeout.ms). */
    @ConfigProperty(name = "mdma.vee.round-time")
    Duration roundTime;

    /** Periods whose read date is more than this many days ago are final; state beyond is pruned. */
    @ConfigProperty(name = "mdma.correction-horizon-days")
    int correctionHorizonDays;

    @ConfigProperty(name = "mdma.vee.prune-every", defaultValue = "PT1M")
    Duration pruneEvery;

    @Produces
    @Singleton
    Topology topology(VeeParameterCatalog catalog) {
        return VeeTopology.build(SerdeFactory.registry(registryUrl), catalog, new VeeTopology.Settings(evaluateEvery, masterDataCheckEvery)
                .withSettle(settleQuiet, settleMax).withHeadEndSettle(settleQuietHeadEnd)
                .withRounds(new VeeTopology.Rounds(channelsPerRound, roundTime, correctionHorizonDays, pruneEvery)));
    }

    /** A failed stream thread is replaced, within bounds (see ReplaceFailedStreamThread); Quarkus hands it to KafkaStreams. */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler streamThreadFailures() {
        return new ReplaceFailedStreamThread();
    }
}
