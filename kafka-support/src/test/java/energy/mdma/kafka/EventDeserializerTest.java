package energy.mdma.kafka;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaPlatformExtension;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The events' deserializer reads what Apicurio's serializer wrote, from an array and from a buffer over part of a
 * larger array (as a consumer hands a record's value, read where it lies), and through a real consumer of a
 * compressed topic on the real broker with the real registry; blocks by hand.
 */
@ExtendWith(MdmaPlatformExtension.class)
class EventDeserializerTest {

    static List<SpecificRecord> events() {
        List<SpecificRecord> events = new ArrayList<>();
        Random r = new Random(23);
        for (int n : new int[] { 0, 3, 96, 2_000 }) {
            events.add(EventSerializerTest.block(r, n));
        }
        events.add(PrimitiveArraysTest.result(r, 2_976));
        events.add(EventSerializerTest.exception(2));
        for (int size : new int[] { 0, 70, 300_000 }) {
            events.add(EventSerializerTest.document(r, size));
        }
        return events;
    }

    @Test
    void readsArraysAndBuffersAtAnyOffset(MdmaTestPlatform platform) {
        Map<String, Object> config = EventSerdes.config(platform.registryUrl());
        try (AvroKafkaSerializer<SpecificRecord> writer = new AvroKafkaSerializer<>();
             EventDeserializer reader = new EventDeserializer(platform.registryUrl())) {
            writer.configure(config, false);
            for (SpecificRecord e : events()) {
                byte[] bytes = writer.serialize(Topics.INTERVALS, e);
                String name = e.getSchema().getName();
                assertEquals(e, reader.deserialize(Topics.INTERVALS, bytes), name);
                assertEquals(e, reader.deserialize(Topics.INTERVALS, new RecordHeaders(), bytes), name);
                // inside a larger array, with bytes of other records around it
                byte[] around = new byte[bytes.length + 37];
                java.util.Arrays.fill(around, (byte) 0x55);
                System.arraycopy(bytes, 0, around, 11, bytes.length);
                ByteBuffer slice = ByteBuffer.wrap(around, 11, bytes.length).slice();
                assertEquals(e, reader.deserialize(Topics.INTERVALS, new RecordHeaders(), slice), name);
                ByteBuffer positioned = ByteBuffer.wrap(around, 11, bytes.length);
                assertEquals(e, reader.deserialize(Topics.INTERVALS, new RecordHeaders(), positioned), name);
                assertEquals(11, positioned.position(), "the consumer's buffer is left as it was");
                // a buffer without an array is copied first
                ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
                assertEquals(e, reader.deserialize(Topics.INTERVALS, new RecordHeaders(), direct), name);
            }
            // the blocks were read by hand: the registry's schema is the class's own
            assertEquals(IntervalBlock.getClassSchema(), reader.inPlace.blocks.found);
            assertNull(reader.deserialize(Topics.INTERVALS, new RecordHeaders(), (ByteBuffer) null));
            assertNull(reader.deserialize(Topics.INTERVALS, (byte[]) null));
            byte[] bad = writer.serialize(Topics.INTERVALS, EventSerializerTest.exception(1));
            bad[0] = 7;
            assertThrows(IllegalStateException.class,
                    () -> reader.deserialize(Topics.INTERVALS, new RecordHeaders(), ByteBuffer.wrap(bad)));
            assertThrows(IllegalStateException.class, () -> reader.deserialize(Topics.INTERVALS, bad));
        }
    }

    @Test
    void keepsTheResultsWrittenWithTheirOwnSchemaEncoded(MdmaTestPlatform platform) {
        Map<String, Object> config = EventSerdes.config(platform.registryUrl());
        BinaryAvroSerde<ChannelPeriodResult> binary = new BinaryAvroSerde<>(ChannelPeriodResult.class);
        try (AvroKafkaSerializer<SpecificRecord> writer = new AvroKafkaSerializer<>();
             EventDeserializer reader = new EventDeserializer(platform.registryUrl(), ChannelPeriodResult.class)) {
            writer.configure(config, false);
            int kept = 0;
            for (SpecificRecord e : events()) {
                byte[] bytes = writer.serialize(Topics.CHANNEL_PERIODS, e);
                Object read = reader.deserialize(Topics.CHANNEL_PERIODS, new RecordHeaders(), bytes);
                if (e instanceof ChannelPeriodResult r) {
                    EncodedEvent encoded = assertInstanceOf(EncodedEvent.class, read);
                    assertEquals(r, binary.deserializer().deserialize(null, encoded.body()));
                    kept++;
                } else {
                    assertEquals(e, read, e.getSchema().getName());
                }
            }
            assertEquals(1, kept);
            assertEquals(ChannelPeriodResult.getClassSchema(), reader.inPlace.keptEncoded.found);
            // a record cut short is refused, as a decoder refuses it
            byte[] result = writer.serialize(Topics.CHANNEL_PERIODS, PrimitiveArraysTest.result(new Random(3), 96));
            byte[] cut = java.util.Arrays.copyOf(result, result.length - 3);
            assertThrows(AvroRuntimeException.class, () -> reader.deserialize(Topics.CHANNEL_PERIODS, cut));
        }
    }

    @Test
    void readsWhatAConsumerFetchesFromACompressedTopic(MdmaTestPlatform platform) throws Exception {
        String topic = "mdma.test.event-deserializer-" + UUID.randomUUID();
        List<SpecificRecord> events = events();
        try (Admin admin = platform.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties p = platform.kafkaClientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        Map<String, Object> serde = EventSerdes.config(platform.registryUrl());
        EventSerializer<SpecificRecord> serializer = new EventSerializer<>();
        serializer.configure(serde, false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(p, new StringSerializer(), serializer)) {
            for (int i = 0; i < events.size(); i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k" + i, events.get(i)));
            }
            producer.flush();
        }
        Properties c = platform.kafkaClientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "event-deserializer-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, Object>> records = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new EventDeserializer(platform.registryUrl()))) {
            consumer.subscribe(List.of(topic));
            Poll.until("the records sent", Duration.ofSeconds(60), () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.size() >= events.size();
            });
        }
        for (int i = 0; i < events.size(); i++) {
            assertEquals("k" + i, records.get(i).key());
            assertEquals(events.get(i), records.get(i).value(), events.get(i).getSchema().getName());
        }
        try (Admin admin = platform.admin()) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
    }
}
