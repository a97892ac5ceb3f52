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

    /** A failed stream thread is replaced, within bounds (see ReplaceFailedStreamThread); Quarkus hands it to KafkaStreams. */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler streamThreadFailures() {
        return new ReplaceFailedStreamThread();
    }
}
