package energy.mdma.ingest.service;

import energy.mdma.events.CredentialEvent;
import energy.mdma.events.CredentialKind;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.events.kafka.Topics;
import energy.mdma.party.auth.BcryptPasswordHasher;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import energy.mdma.kafka.EventDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;


/** Test access to the real broker and registry of the test platform: produce events, read topics (committed). */
final class TestKafka {
    private TestKafka() {
    }

    static MdmaTestPlatform platform() {
        return MdmaTestPlatform.get();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static KafkaProducer<String, Object> producer() {
        Properties p = platform().kafkaClientProperties();
        p.put("acks", "all");
        AvroKafkaSerializer ser = new AvroKafkaSerializer();
        ser.configure(EventSerdes.config(platform().registryUrl()), false);
        return new KafkaProducer<>(p, new StringSerializer(), (org.apache.kafka.common.serialization.Serializer) ser);
    }

    static void send(String topic, String key, Object value) throws Exception {
        try (KafkaProducer<String, Object> p = producer()) {
            p.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** What the delivery service publishes for a party with a password (only a bcrypt hash, cost 4 here). */
    static void party(String id, PartyRole role, String password) throws Exception {
        try (KafkaProducer<String, Object> p = producer()) {
            Instant now = Instant.now();
            p.send(new ProducerRecord<>(Topics.PARTIES, id, new PartyEvent(id, role, id + " (test)", null, "test", now,
                    null))).get(30, TimeUnit.SECONDS);
            String hash = new BcryptPasswordHasher(4).hash(password.toCharArray());
            p.send(new ProducerRecord<>(Topics.CREDENTIALS, id, CredentialEvent.newBuilder().setPartyId(id)
                    .setKind(CredentialKind.PASSWORD).setHash(hash).setSetAt(now).setSetBy("test")
                    .setChange("PASSWORD_SET").setConsecutiveFailures(0).setLockedUntil(null).setVersion(1L).build())).get(30, TimeUnit.SECONDS);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static KafkaConsumer<String, Object> consumer() {
        Properties p = platform().kafkaClientProperties();
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new EventDeserializer(platform().registryUrl()));
    }

    /** Every committed record of the topic, from the beginning to the current end. */
    static List<ConsumerRecord<String, Object>> readAll(String topic) {
        try (KafkaConsumer<String, Object> c = consumer()) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo pi : c.partitionsFor(topic)) {
                parts.add(new TopicPartition(topic, pi.partition()));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(parts));
            List<ConsumerRecord<String, Object>> out = new ArrayList<>();
            // reads on while records come; Poll paces the polls that bring none
            Poll.until(topic + " read to its end " + end, Duration.ofSeconds(60), () -> {
                int polled;
                do {
                    ConsumerRecords<String, Object> records = c.poll(Duration.ofMillis(200));
                    records.forEach(out::add);
                    polled = records.count();
                    end.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
                } while (polled > 0 && !end.isEmpty());
                return Map.copyOf(end); // the partitions not read to their end yet
            }, Map::isEmpty);
            return out;
        }
    }

    /** Reads the topic again and again ({@link Poll}) until a record matches; fails after the timeout. */
    static ConsumerRecord<String, Object> await(String topic, Predicate<ConsumerRecord<String, Object>> match,
            Duration timeout) {
        return Poll.until("a matching record on " + topic, timeout, () -> readAll(topic),
                records -> records.stream().anyMatch(match)).stream().filter(match).findFirst().orElseThrow();
    }

    /** Sum of the end offsets of the topics (grows with every committed or aborted write). */
    static long endOffsets(List<String> topics) {
        try (KafkaConsumer<String, Object> c = consumer()) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : topics) {
                for (PartitionInfo pi : c.partitionsFor(t)) {
                    parts.add(new TopicPartition(t, pi.partition()));
                }
            }
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
