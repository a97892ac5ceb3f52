package energy.mdma.kafka;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaPlatformExtension;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event written with the generated classes through the real KRaft broker and the real schema
 * registry is read back equal, and its bytes carry the Confluent wire format: magic byte 0 and a
 * 4-byte schema id that the registry knows.
 */
@ExtendWith(MdmaPlatformExtension.class)
class RegistryRoundTripTest {

    @Test
    void anIntervalBlockTravelsThroughBrokerAndRegistry(MdmaTestPlatform platform) throws Exception {
        IntervalBlock block = IntervalBlock.newBuilder().setMeterId("M-RT-1").setChannel(1).setIntervalMinutes(15)
                .setFirstIntervalEnd(Instant.parse("2025-11-02T08:15:00Z")).setValueScale(6)
                .setValues(List.of(47_700L, 0L, 1_234_567L)).setStatuses(List.of(0, 1, 9))
                .setSource(Source.newBuilder().setType(SourceType.HEADEND).setId("HE-1").setSequence(42)
                        .setReceivedAt(Instant.parse("2025-11-02T08:20:00Z")).build())
                .setHeadEndId("HE-1").setHeadEndSequence(42L).build();
        String key = Topics.channelKey(block.getMeterId(), block.getChannel());

        Properties p = platform.kafkaClientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Map<String, Object> serde = EventSerdes.config(platform.registryUrl());
        p.putAll(serde);
        try (KafkaProducer<String, IntervalBlock> producer = new KafkaProducer<>(p, new StringSerializer(), serializer(serde))) {
            producer.send(new ProducerRecord<>(Topics.INTERVALS, key, block)).get();
        }

        Properties c = platform.kafkaClientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.INTERVALS));
            Poll.until("the record sent", Duration.ofSeconds(60), () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.stream().anyMatch(r -> key.equals(r.key()));
            });
        }
        byte[] bytes = records.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow().value();

        assertEquals(0, bytes[0], "magic byte");
        int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertTrue(schemaId > 0, "schema id " + schemaId);
        HttpResponse<InputStream> schema = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(platform.registryUrl() + "/ids/contentIds/" + schemaId)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> byGlobalId = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(platform.registryUrl() + "/ids/globalIds/" + schemaId)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertTrue(schema.statusCode() == 200 || byGlobalId.statusCode() == 200, "the registry knows schema id " + schemaId);

        try (AvroKafkaDeserializer<IntervalBlock> de = new AvroKafkaDeserializer<>()) {
            de.configure(serde, false);
            IntervalBlock back = de.deserialize(Topics.INTERVALS, bytes);
            assertEquals(block, back);
        }
    }

    private static EventSerializer<IntervalBlock> serializer(Map<String, Object> config) {
        EventSerializer<IntervalBlock> s = new EventSerializer<>();
        s.configure(config, false);
        return s;
    }
}
