package energy.mdma.delivery;

import energy.mdma.kafka.CompactedTopicReplay;
import energy.mdma.delivery.app.KafkaSupport;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tests' side of the log on the test-support platform: publish as other services do, read back, wait. */
public final class TestLog {

    private TestLog() {
    }

    /** Every record of a topic, read by an independent replay. */
    static List<ConsumerRecord<String, Object>> readAll(MdmaTestPlatform platform, String topic) {
        List<ConsumerRecord<String, Object>> out = new CopyOnWriteArrayList<>();
        try (CompactedTopicReplay r = KafkaSupport.replay("read-" + topic, platform.kafkaClientProperties(), platform.registryUrl(),
                "test", List.of(topic), out::add).start()) {
            assertTrue(r.syncNow(Duration.ofSeconds(60)));
        }
        return new ArrayList<>(out);
    }

    public static KafkaProducer<String, Object> producer(MdmaTestPlatform platform) {
        Map<String, Object> c = new HashMap<>(EventSerdes.config(platform.registryUrl()));
        // the test feeds topics of other services: as the platform's super user
        platform.kafkaClientProperties().forEach((k, v) -> c.put(String.valueOf(k), v));
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroKafkaSerializer<Object> values = new AvroKafkaSerializer<>();
        values.configure(c, false);
        return new KafkaProducer<>(c, new StringSerializer(), values);
    }

    /** How long the tests wait for the service to show what they sent ({@link Poll#until}). */
    public static final Duration WAIT = Duration.ofSeconds(90);

    /**
     * Sends (retrying the registry lookup for up to 30 s: the service may be registering the same schema at that
     * moment); a send the broker refuses fails at once.
     */
    static void send(KafkaProducer<String, Object> p, String topic, String key, SpecificRecord value) throws Exception {
        Poll.retrying(key + " sent to " + topic, Duration.ofSeconds(30), RuntimeException.class,
                () -> p.send(new ProducerRecord<>(topic, key, value)).get());
    }
}
