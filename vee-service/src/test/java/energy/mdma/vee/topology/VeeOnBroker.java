package energy.mdma.vee.topology;

import energy.mdma.kafka.SerdeFactory;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.vee.model.VeeParameterCatalog;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** vee's topology in a real Kafka Streams instance on the test platform's broker, for the *IT tests. */
final class VeeOnBroker {
    private VeeOnBroker() {
    }

    /**
     * Starts vee as {@code appId} with its state in {@code state}: vee's own principal, exactly_once_v2, the
     * input read from the earliest offset, the defaults of the parameters, a 2 s settle wait (30 s at most).
     */
    static KafkaStreams start(MdmaTestPlatform platform, SerdeFactory serdes, String appId, Path state) {
        Properties sp = new Properties();
        // vee's own principal: the ACLs of deploy/acls.csv must be enough (internal topics under its "mdma-vee" prefix)
        sp.putAll(platform.kafkaClientProperties("vee"));
        sp.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        sp.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        sp.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        sp.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        sp.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        sp.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        KafkaStreams streams = new KafkaStreams(VeeTopology.build(serdes, VeeParameterCatalog.defaultsOnly(),
                new VeeTopology.Settings(Duration.ofMillis(500)).withSettle(Duration.ofSeconds(2), Duration.ofSeconds(30))), sp);
        streams.start();
        return streams;
    }
}
