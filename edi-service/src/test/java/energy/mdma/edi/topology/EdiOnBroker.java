package energy.mdma.edi.topology;

import energy.mdma.kafka.SerdeFactory;
import energy.mdma.testsupport.MdmaTestPlatform;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.Properties;

/** edi's topology in a real Kafka Streams instance on the test platform's broker. */
final class EdiOnBroker {
    private EdiOnBroker() {
    }

    /**
     * Starts edi as {@code appId} with its state in {@code stateDir}: edi's own principal, exactly_once_v2, the
     * producers' request size and compression as the service's, the topology's default settings.
     */
    static KafkaStreams start(MdmaTestPlatform platform, String appId, Path stateDir) {
        Properties p = new Properties();
        // edi's own principal: the ACLs of deploy/acls.csv must be enough (internal topics under its "mdma-edi" prefix)
        p.putAll(platform.kafkaClientProperties("edi"));
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 16 * 1024 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd"); // as the service
        KafkaStreams streams = new KafkaStreams(EdiTopology.build(SerdeFactory.registry(platform.registryUrl()),
                EdiTopology.Settings.defaults()), p);
        streams.start();
        return streams;
    }
}
