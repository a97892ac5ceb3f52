package energy.mdma.kafka;

import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaPlatformExtension;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay of a compacted topic on the real broker: everything written before the start is applied when it says it
 * is caught up (latest value per key, tombstones as null), it follows what comes later, and a record it cannot read
 * stops it there, reported, until it can (nothing skipped).
 */
@ExtendWith(MdmaPlatformExtension.class)
class CompactedTopicReplayTest {

    @Test
    void caughtUpMeansEverythingWrittenBeforeIsAppliedThenItFollows(MdmaTestPlatform platform) throws Exception {
        String k = "REPLAY-" + UUID.randomUUID();
        Map<String, String> view = new ConcurrentHashMap<>();
        try (KafkaProducer<String, String> producer = producer(platform)) {
            producer.send(new ProducerRecord<>(Topics.METERS, k + "-a", "a1"));
            producer.send(new ProducerRecord<>(Topics.METERS, k + "-b", "b1"));
            producer.send(new ProducerRecord<>(Topics.METERS, k + "-a", "a2"));
            producer.send(new ProducerRecord<>(Topics.METERS, k + "-b", null)).get();
            try (CompactedTopicReplay replay = new CompactedTopicReplay("test view", platform.kafkaClientProperties(),
                    java.util.List.of(Topics.METERS), strings(new AtomicBoolean(true)), (topic, key, value) -> {
                        if (key != null && key.startsWith(k)) {
                            if (value == null) {
                                view.remove(key);
                            } else {
                                view.put(key, (String) value);
                            }
                        }
                    }).start()) {
                assertTrue(replay.awaitCaughtUp(Duration.ofSeconds(60)), "caught up");
                assertTrue(replay.ready());
                assertEquals(Map.of(k + "-a", "a2"), view, "latest value per key, the tombstone applied");
                assertTrue(replay.applied() >= 4);

                producer.send(new ProducerRecord<>(Topics.METERS, k + "-c", "c1")).get();
                Poll.until("a record written later is applied", Duration.ofSeconds(30),
                        () -> "c1".equals(view.get(k + "-c")));
                assertTrue(replay.alive());
            }
        }
    }

    @Test
    void anUnreadableRecordStopsTheReplayThereUntilItCanBeRead(MdmaTestPlatform platform) throws Exception {
        String k = "UNREADABLE-" + UUID.randomUUID();
        AtomicBoolean readable = new AtomicBoolean(false);
        Map<String, String> view = new ConcurrentHashMap<>();
        try (KafkaProducer<String, String> producer = producer(platform)) {
            producer.send(new ProducerRecord<>(Topics.CHANNELS, k + "-x", "bad")).get();
            try (CompactedTopicReplay replay = new CompactedTopicReplay("test view", platform.kafkaClientProperties(),
                    java.util.List.of(Topics.CHANNELS), strings(readable), (topic, key, value) -> {
                        if (key != null && key.startsWith(k)) {
                            view.put(key, (String) value);
                        }
                    }).start()) {
                Poll.until("the replay reports the record it cannot read", Duration.ofSeconds(60),
                        () -> replay.unreadable() != null);
                assertTrue(replay.unreadable().matches("mdma\\.channels partition \\d+ offset \\d+: "
                        + "IllegalStateException: not readable yet"), replay.unreadable());
                assertFalse(replay.ready());
                assertTrue(view.isEmpty(), "nothing skipped, nothing applied from it");

                readable.set(true);
                Poll.until("ready once the record can be read", Duration.ofSeconds(60), replay::ready);
                assertNull(replay.unreadable());
                assertEquals("bad", view.get(k + "-x"));
            }
        }
    }

    private static KafkaProducer<String, String> producer(MdmaTestPlatform platform) {
        Properties p = platform.kafkaClientProperties();
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Reads values as text; "bad" only once {@code readable} is set. */
    private static Deserializer<Object> strings(AtomicBoolean readable) {
        return (topic, bytes) -> {
            String s = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            if ("bad".equals(s) && !readable.get()) {
                throw new IllegalStateException("not readable yet");
            }
            return s;
        };
    }
}
