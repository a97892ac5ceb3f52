package energy.mdma.delivery.kafka;

import energy.mdma.delivery.app.KafkaSupport;
import energy.mdma.kafka.CompactedTopicReplay;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import energy.mdma.testsupport.TcpSwitch;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fail closed at start (issue 14): a replay started while the schema registry is unreachable never skips the records
 * it cannot read. It stays not caught up (the service not ready) and says which record and why; once the registry is
 * back it reads them and its view is complete. The registry is taken away from this replay only, through a
 * {@link TcpSwitch} in front of the test platform's registry.
 */
class RegistryDownAtStartTest {

    @Test
    void staysNotReadyWhileTheRegistryIsAwayAndRecoversCompletely() throws Exception {
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        String prefix = "REGDOWN" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        int count = 5;
        produceParties(platform, prefix, count);

        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (TcpSwitch registry = new TcpSwitch("localhost", platform.registryPort(), false);
             CompactedTopicReplay replayer = KafkaSupport.replay("parties", platform.kafkaClientProperties("delivery"),
                     "http://localhost:" + registry.port() + "/apis/registry/v2", "regdown-test",
                     java.util.List.of(Topics.PARTIES), r -> {
                         if (r.key() != null && r.key().startsWith(prefix)) {
                             seen.add(r.key());
                         }
                     }).start()) {
            Poll.until("the replay reports the record it cannot read", Duration.ofSeconds(60),
                    () -> replayer.unreadable() != null);
            String unreadable = replayer.unreadable();
            assertNotNull(unreadable, "the replay must report the record it cannot read");
            assertTrue(unreadable.startsWith(Topics.PARTIES + " partition "), unreadable);
            assertTrue(unreadable.contains(" offset "), unreadable);
            assertFalse(replayer.ready(), "not ready while a record cannot be read");
            assertFalse(replayer.awaitCaughtUp(Duration.ofSeconds(2)), "still not ready: nothing was skipped");
            assertFalse(replayer.ready());
            assertTrue(replayer.lastError().contains(unreadable), replayer.lastError());

            registry.on();
            assertTrue(replayer.awaitCaughtUp(Duration.ofSeconds(60)) && replayer.ready(),
                    "caught up once the registry is back; still stuck at: " + replayer.unreadable());
            assertNull(replayer.unreadable());
            assertEquals(count, seen.size(), "every record is in the view: " + seen);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void produceParties(MdmaTestPlatform platform, String prefix, int count) throws Exception {
        Properties p = platform.kafkaClientProperties();
        p.put("acks", "all");
        AvroKafkaSerializer ser = new AvroKafkaSerializer();
        ser.configure(EventSerdes.config(platform.registryUrl()), false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p, new StringSerializer(), (Serializer) ser)) {
            for (int i = 0; i < count; i++) {
                String id = prefix + i;
                producer.send(new ProducerRecord<>(Topics.PARTIES, id,
                        new PartyEvent(id, PartyRole.ESP, id + " (test)", null, "test", Instant.now(), null)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }
}
