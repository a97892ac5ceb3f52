package energy.mdma.kafka;

import energy.mdma.events.DocumentPosted;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.TimeRange;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaPlatformExtension;
import energy.mdma.testsupport.MdmaTestPlatform;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The events' serializer writes the same bytes as Apicurio's AvroKafkaSerializer (same schema ids from the real
 * registry, same body), they read back equal, and configurations it would write differently are refused.
 */
@ExtendWith(MdmaPlatformExtension.class)
class EventSerializerTest {

    static IntervalBlock block(Random r, int n) {
        List<Long> values = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // small, large, negative and extreme values: every length of a zig-zag varint
            long v = switch (i % 5) {
            case 0 -> r.nextInt(100);
            case 1 -> r.nextLong();
            case 2 -> -r.nextInt(1_000_000);
            case 3 -> i % 2 == 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
            default -> r.nextInt(50_000_000);
            };
            values.add(v);
            statuses.add(r.nextInt(16));
        }
        return IntervalBlock.newBuilder().setMeterId("M-SER-" + r.nextInt(1000)).setChannel(1 + r.nextInt(4))
                .setIntervalMinutes(15).setFirstIntervalEnd(Instant.parse("2025-11-02T08:15:00Z")).setValueScale(4)
                .setValues(values).setStatuses(statuses)
                .setSource(Source.newBuilder().setType(SourceType.HEADEND).setId("HE-1").setSequence(r.nextInt(9999))
                        .setReceivedAt(Instant.parse("2025-11-02T08:20:00Z")).build())
                .setHeadEndId("HE-1").setHeadEndSequence((long) r.nextInt(9999)).build();
    }

    static VeeException exception(int i) {
        return VeeException.newBuilder().setCode("DATA_MISSING_PAST_DEADLINE").setMeterId("M" + i).setChannel(null)
                .setServiceAccount("A" + i).setUdcId("SCE").setEspId(i % 2 == 0 ? null : "ESP1")
                .setPeriodStart(LocalDate.of(2025, 10, 1)).setPeriodEnd(LocalDate.of(2025, 11, 1))
                .setMissing(List.of(new TimeRange(Instant.parse("2025-10-01T07:00:00Z"),
                        Instant.parse("2025-11-01T07:00:00Z"), "INTERVALS")))
                .setMessage("missing é ✓ " + "x".repeat(i * 300)).setRaisedAt(Instant.parse("2025-11-05T08:00:00Z"))
                .build();
    }

    static DocumentPosted document(Random r, int size) {
        byte[] around = new byte[size + 20];
        r.nextBytes(around);
        return DocumentPosted.newBuilder().setFileId("F" + size).setReceiverPartyId("SCE").setKind(MailboxFileKind.EDI_867)
                .setFileName("867_" + size + ".x12").setInterchangeControlNumber((long) size)
                .setCreatedAt(Instant.parse("2025-11-05T08:00:00Z")).setSha256("ab".repeat(32))
                .setContent(ByteBuffer.wrap(around, 7, size).slice())
                .setReports(List.of(new ReportRef("A1", LocalDate.of(2025, 10, 1), LocalDate.of(2025, 11, 1), "R1",
                        ReportPurpose.ORIGINAL, null, List.of("M1"), false))).build();
    }

    @Test
    void writesTheBytesOfApicuriosSerializer(MdmaTestPlatform platform) {
        Map<String, Object> config = EventSerdes.config(platform.registryUrl());
        List<SpecificRecord> events = new ArrayList<>();
        Random r = new Random(17);
        for (int n : new int[] { 0, 1, 3, 96, 100, 2_000, 9_000 }) {
            events.add(block(r, n));
        }
        for (int i = 0; i < 5; i++) {
            events.add(exception(i));
        }
        // 867 files: bytes from a slice of a larger array, empty, and larger than the array the thread keeps
        for (int size : new int[] { 10_000, 0, ArrayEncoder.KEPT_BYTES + 12_345, 70 }) {
            events.add(document(r, size));
        }
        try (AvroKafkaSerializer<SpecificRecord> apicurio = new AvroKafkaSerializer<>();
             EventSerializer<SpecificRecord> ours = new EventSerializer<>();
             AvroKafkaDeserializer<SpecificRecord> reader = new AvroKafkaDeserializer<>()) {
            apicurio.configure(config, false);
            ours.configure(config, false);
            reader.configure(config, false);
            for (SpecificRecord e : events) {
                byte[] want = apicurio.serialize(Topics.INTERVALS, e);
                byte[] got = ours.serialize(Topics.INTERVALS, e);
                assertArrayEquals(want, got, e.getSchema().getName());
                assertEquals(e, reader.deserialize(Topics.INTERVALS, got));
                // and again on the same thread: the reused encoder keeps nothing of the record before
                assertArrayEquals(want, ours.serialize(Topics.INTERVALS, e));
            }
            assertEquals(null, ours.serialize(Topics.INTERVALS, null), "a tombstone stays null");
        }
    }

    @Test
    void refusesWhatItWouldWriteDifferently(MdmaTestPlatform platform) {
        for (Map.Entry<String, Object> bad : List.<Map.Entry<String, Object>>of(
                Map.entry("apicurio.registry.headers.enabled", true),
                Map.entry("apicurio.registry.avro.encoding", "JSON"),
                Map.entry("apicurio.registry.avro-datum-provider", "io.apicurio.registry.serde.avro.ReflectAvroDatumProvider"))) {
            Map<String, Object> config = new HashMap<>(EventSerdes.config(platform.registryUrl()));
            config.put(bad.getKey(), bad.getValue());
            EventSerializer<SpecificRecord> s = new EventSerializer<>(); // not closed: Apicurio's close needs a configured serializer
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.configure(config, false),
                    bad.getKey());
            assertTrue(e.getMessage().contains("EventSerializer"), e.getMessage());
        }
    }
}
