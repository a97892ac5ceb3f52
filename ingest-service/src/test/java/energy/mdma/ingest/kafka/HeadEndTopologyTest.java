package energy.mdma.ingest.kafka;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.RawUnit;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.RejectedReading;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.Uom;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MeterInfo;
import energy.mdma.ingest.parse.HeadEndChecks;
import energy.mdma.ingest.parse.InMemoryMasterData;
import energy.mdma.kafka.EventTopics;
import energy.mdma.kafka.SerdeFactory;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The head-end topology on TopologyTestDriver: what is forwarded where, what is rejected and why, one record per
 * block. The registry's serdes are replaced by {@link TaggedAvro} (class name + Avro binary), which reads any
 * generated event type as the registry's deserializer does.
 */
class HeadEndTopologyTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant AT = Instant.parse("2025-09-01T07:15:00Z");
    static final Source SRC = new Source(SourceType.HEADEND, "HE-A", 4711L, Instant.parse("2025-09-01T08:00:00Z"));

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final HeadEndTopology.Counts counts = new HeadEndTopology.Counts();
    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> in;
    TestOutputTopic<String, Object> intervals;
    TestOutputTopic<String, Object> registers;
    TestOutputTopic<String, Object> rejected;

    @BeforeEach
    void setUp() {
        InMemoryMasterData md = new InMemoryMasterData()
                .put(new MeterInfo("M1", "A1", "SCE", "01", 15)).put(new ChannelInfo("M1", 1, Uom.KWH, RawUnit.UNIT))
                .put(new MeterInfo("R1", "A2", "SCE", "01", 0)).put(new ChannelInfo("R1", 1, Uom.KWH, RawUnit.UNIT));
        Properties config = HeadEndStreams.config(new Properties(), "unused", "t");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(HeadEndTopology.build(new TaggedAvro(), new EventTopics(TAGGED),
                new HeadEndChecks(md, clock), clock, counts), config);
        in = driver.createInputTopic(Topics.HEADEND_READINGS, new StringSerializer(), new ByteArraySerializer());
        intervals = driver.createOutputTopic(Topics.INTERVALS, new StringDeserializer(), new TaggedAvro());
        registers = driver.createOutputTopic(Topics.REGISTERS, new StringDeserializer(), new TaggedAvro());
        rejected = driver.createOutputTopic(Topics.READINGS_REJECTED, new StringDeserializer(), new TaggedAvro());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    void send(String key, SpecificRecord event, Instant timestamp) {
        in.pipeInput(key, new TaggedAvro().serialize(Topics.HEADEND_READINGS, event), timestamp);
    }

    static IntervalBlock block(String meter, Instant firstEnd, int scale, List<Long> values, List<Integer> statuses) {
        return new IntervalBlock(meter, 1, 15, firstEnd, scale, values, statuses, SRC, "HE-A", 4713L);
    }

    @Test
    void aGoodBlockIsForwardedWholeAtScaleSixKeyedByChannel() {
        send("M1:1", block("M1", AT, 3, List.of(1500L, 2L, 30L), List.of(0, 1, 8)), AT);

        TestRecord<String, Object> out = intervals.readRecord();
        assertEquals("M1:1", out.key());
        IntervalBlock b = (IntervalBlock) out.value();
        assertEquals(6, b.getValueScale());
        assertEquals(List.of(1_500_000L, 2_000L, 30_000L), b.getValues(), "scale 3 -> 6, exactly");
        assertEquals(List.of(0, 1, 8), b.getStatuses());
        assertEquals(4713L, b.getHeadEndSequence());
        assertEquals(SRC, b.getSource());
        assertEquals(NOW, out.getRecordTime(), "published at the clock's time, as the producer did before");
        assertEquals(0, out.headers().toArray().length, "no input headers carried over");
        assertTrue(intervals.isEmpty(), "one record per block");
        assertTrue(rejected.isEmpty());
        assertTrue(registers.isEmpty());
        assertEquals(1, counts.forwarded().get());
        assertEquals(0, counts.rejected().get());
    }

    @Test
    void aBlockAtScaleSixIsForwardedAsTheBytesItCameInOnceTheyAreTheSerializers() {
        TestOutputTopic<String, byte[]> raw = driver.createOutputTopic(Topics.INTERVALS, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<Long> values = java.util.stream.LongStream.range(0, 96).map(i -> 1_000_000L * i).boxed().toList();
        List<Integer> statuses = java.util.Collections.nCopies(96, 0);
        IntervalBlock first = block("M1", AT, 6, values, statuses);
        IntervalBlock second = block("M1", AT.plus(java.time.Duration.ofDays(1)), 6, values, statuses);
        byte[] firstInBlocks = inArrayBlocks(first);
        byte[] plain = new TaggedAvro().serialize(Topics.HEADEND_READINGS, first);
        byte[] secondInBlocks = inArrayBlocks(second);
        assertTrue(firstInBlocks.length > plain.length, "the arrays written in blocks of their byte size");

        in.pipeInput("M1:1", firstInBlocks, AT);
        in.pipeInput("M1:1", plain, AT);
        in.pipeInput("M1:1", secondInBlocks, AT);

        List<TestRecord<String, byte[]>> out = raw.readRecordsToList();
        assertEquals(3, out.size());
        assertArrayEquals(plain, out.get(0).value(), "before the serializer's header is known: the serializer's bytes");
        assertArrayEquals(plain, out.get(1).value(), "the serializer's bytes, the same as those that came in");
        assertArrayEquals(secondInBlocks, out.get(2).value(), "with the serializer's header: the bytes as they came");
        assertEquals(second, new TaggedAvro().deserialize(Topics.INTERVALS, out.get(2).value()));
        assertEquals(3, counts.forwarded().get());
    }

    /** The block as TaggedAvro writes it, but with its arrays in blocks of their byte size (valid Avro, longer). */
    static byte[] inArrayBlocks(IntervalBlock b) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] plain = new TaggedAvro().serialize(Topics.HEADEND_READINGS, b);
            int header = 4 + ByteBuffer.wrap(plain).getInt();
            out.write(plain, 0, header);
            var enc = new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(out, null);
            new SpecificDatumWriter<>(IntervalBlock.class).write(b, enc);
            enc.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aBlockThatFailsTheChecksIsRejectedWithTheReason() {
        rejectsTheBlocksThatFailTheChecks(0);
    }

    /**
     * Once the serializer's header is known, a block that came with it is decided from its outline (values not
     * decoded) and forwarded as its bytes when it passes: what does not pass - another scale, a failed check, a status
     * that is no set, damaged bytes - is read whole as before: rescaled, or rejected with the same reasons.
     */
    @Test
    void onceTheSerializersHeaderIsKnownWhatDoesNotPassIsReadWholeAsBefore() {
        TestOutputTopic<String, byte[]> raw = driver.createOutputTopic(Topics.INTERVALS, new StringDeserializer(),
                new ByteArrayDeserializer());
        byte[] good = new TaggedAvro().serialize(Topics.HEADEND_READINGS, block("M1", AT, 6, List.of(7L), List.of(0)));
        in.pipeInput("M1:1", good, AT);
        byte[] second = new TaggedAvro().serialize(Topics.HEADEND_READINGS,
                block("M1", AT.plusSeconds(900), 6, List.of(8L, 9L), List.of(0, 1)));
        in.pipeInput("M1:1", second, AT);
        assertArrayEquals(second, raw.readRecordsToList().get(1).value(), "passed: forwarded as it came");

        send("M1:1", block("M1", AT, 3, List.of(1500L), List.of(8)), AT);
        IntervalBlock rescaled = (IntervalBlock) new TaggedAvro().deserialize(Topics.INTERVALS, raw.readValue());
        assertEquals(List.of(1_500_000L), rescaled.getValues(), "scale 3: rescaled to 6, as before");
        assertEquals(6, rescaled.getValueScale());

        rejectsTheBlocksThatFailTheChecks(3);

        in.pipeInput("M1:1", Arrays.copyOf(second, second.length - 3), AT);
        RejectedReading cut = (RejectedReading) rejected.readValue();
        assertTrue(cut.getReason().startsWith("the record cannot be read"), cut.getReason());
        assertTrue(raw.isEmpty());
    }

    private void rejectsTheBlocksThatFailTheChecks(int forwardedBefore) {
        send("X9:1", block("X9", AT, 6, List.of(1L, 2L), List.of(0, 0)), AT);
        send("M1:1", block("M1", AT.plusSeconds(300), 6, List.of(1L), List.of(0)), AT);
        send("M1:1", block("M1", AT, 6, List.of(1L, 2L), List.of(0)), AT);
        send("M1:1", block("M1", AT, 6, List.of(1L), List.of(16)), AT);
        send("M1:1", block("M1", AT, 7, List.of(1L), List.of(0)), AT);

        List<TestRecord<String, Object>> out = rejected.readRecordsToList();
        assertEquals(5, out.size());
        List<String> reasons = out.stream().map(r -> ((RejectedReading) r.value()).getReason()).toList();
        assertTrue(reasons.get(0).contains("unknown meter"), reasons.get(0));
        assertTrue(reasons.get(1).contains("not on the 15-minute grid"), reasons.get(1));
        assertTrue(reasons.get(2).contains("2 values but 1 status sets"), reasons.get(2));
        assertTrue(reasons.get(3).contains("status 16 is not a set"), reasons.get(3));
        assertTrue(reasons.get(4).contains("valueScale 7"), reasons.get(4));
        RejectedReading first = (RejectedReading) out.get(0).value();
        assertEquals("X9:1", out.get(0).key());
        assertEquals("X9", first.getMeterId());
        assertEquals(SRC, first.getSource(), "the block's own source");
        assertEquals(NOW, first.getRejectedAt());
        assertTrue(first.getOriginalJson().contains("X9"));
        assertTrue(intervals.isEmpty());
        assertEquals(forwardedBefore, counts.forwarded().get());
        assertEquals(5, counts.rejected().get());
    }

    @Test
    void registerReadingsAreCheckedAndForwarded() {
        send("R1:1", new RegisterReading("R1", 1, Instant.parse("2025-12-01T00:20:00Z"), 12345L, SRC), AT);
        send("R1:1", new RegisterReading("R1", 1, Instant.parse("2026-01-01T00:20:00Z"), 5L, SRC), AT);

        TestRecord<String, Object> out = registers.readRecord();
        assertEquals("R1:1", out.key());
        assertEquals(12345L, ((RegisterReading) out.value()).getReading());
        assertTrue(registers.isEmpty());
        RejectedReading ahead = (RejectedReading) rejected.readValue();
        assertEquals("R1", ahead.getMeterId());
    }

    @Test
    void whatCannotBeReadIsRejectedWithItsBytesAndOrigin() {
        byte[] garbage = "not Avro".getBytes(StandardCharsets.UTF_8);
        in.pipeInput("K-1", garbage, AT);
        in.pipeInput("K-2", null, AT);
        send("K-3", SRC, AT);

        List<TestRecord<String, Object>> out = rejected.readRecordsToList();
        assertEquals(3, out.size());
        RejectedReading unreadable = (RejectedReading) out.get(0).value();
        assertEquals("K-1", out.get(0).key());
        assertNull(unreadable.getMeterId());
        assertTrue(unreadable.getReason().startsWith("the record cannot be read"), unreadable.getReason());
        assertTrue(unreadable.getOriginalJson().contains(Base64.getEncoder().encodeToString(garbage)));
        assertEquals(new Source(SourceType.HEADEND, "K-1", 0L, AT), unreadable.getSource(),
                "origin: the record's key, offset and time");
        assertTrue(((RejectedReading) out.get(1).value()).getReason().contains("empty record"));
        assertEquals(1L, ((RejectedReading) out.get(1).value()).getSource().getSequence());
        assertTrue(((RejectedReading) out.get(2).value()).getReason().contains("unexpected event type Source"));
        assertTrue(intervals.isEmpty());
        assertTrue(registers.isEmpty());
    }

    @Test
    void itRunsExactlyOnceUnderItsOwnApplicationId() {
        Properties c = HeadEndStreams.config(new Properties(), "/tmp/x", "7");
        assertEquals("exactly_once_v2", c.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("mdma-ingest-headend", c.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(1, c.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
    }

    /**
     * Stands in for the registry's serdes: the generated class's name, then its Avro binary; reads back any generated
     * event type, as {@code EventDeserializer} does.
     */
    /** Every event type's serde as TaggedAvro, standing in for the registry's. */
    static final SerdeFactory TAGGED = new SerdeFactory() {
        @Override
        @SuppressWarnings("unchecked")
        public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
            return (Serde<T>) (Serde<?>) Serdes.serdeFrom(new TaggedAvro(), new TaggedAvro());
        }
    };

    static final class TaggedAvro implements Serializer<Object>, Deserializer<Object> {
        @Override
        public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        }

        @Override
        public void close() {
        }

        @Override
        public byte[] serialize(String topic, Object data) {
            if (data == null) {
                return null;
            }
            SpecificRecord r = (SpecificRecord) data;
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] name = r.getSchema().getFullName().getBytes(StandardCharsets.UTF_8);
                out.write(ByteBuffer.allocate(4).putInt(name.length).array());
                out.write(name);
                var enc = EncoderFactory.get().binaryEncoder(out, null);
                new SpecificDatumWriter<SpecificRecord>(r.getSchema()).write(r, enc);
                enc.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Object deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(data);
            int n = b.getInt();
            if (n <= 0 || n > data.length - 4) {
                throw new IllegalArgumentException("not a tagged Avro record");
            }
            String name = new String(data, 4, n, StandardCharsets.UTF_8);
            try {
                var schema = SpecificData.get().getSchema(Class.forName(name));
                return new SpecificDatumReader<>(schema).read(null,
                        DecoderFactory.get().binaryDecoder(data, 4 + n, data.length - 4 - n, null));
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalArgumentException("cannot read " + name, e);
            }
        }
    }
}
