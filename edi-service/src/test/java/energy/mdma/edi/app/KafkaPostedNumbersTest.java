package energy.mdma.edi.app;

import energy.mdma.edi.topology.PostedNumbers;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaTestPlatform;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The posted numbers read from mdma.edi.documents on the test broker, as edi's principal (its ACL lets it read the
 * topic): the last ISA13 per receiver in a partition's range and the last report id of that partition.
 */
class KafkaPostedNumbersTest {

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void readsTheLastNumbersOfAPartitionsRange() throws Exception {
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        String receiver = "PN" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        String prefix = "PNTEST" + "07";
        Properties p = platform.kafkaClientProperties();
        p.put("acks", "all");
        AvroKafkaSerializer ser = new AvroKafkaSerializer();
        ser.configure(EventSerdes.config(platform.registryUrl()), false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p, new StringSerializer(), (Serializer) ser)) {
            // partition 7's range, partition 8's range (not ours), and the last report id of partition 7
            for (long isa13 : List.of(700_000_005L, 700_000_042L, 800_000_900L)) {
                producer.send(new ProducerRecord<>(Topics.EDI_DOCUMENTS, receiver, doc(receiver, isa13,
                        prefix + String.format("%010d", isa13 % 1000)))).get(30, TimeUnit.SECONDS);
            }
        }
        PostedNumbers.Last last = new KafkaPostedNumbers(platform.kafkaClientProperties("edi"), platform.registryUrl())
                .of(7, prefix);
        assertEquals(700_000_042L, last.controlNumbers().get(receiver));
        assertEquals(900 + KafkaPostedNumbers.REPORT_IDS_SKIPPED, last.reportSequence(),
                "the largest report counter with this partition's prefix, and a round's worth above it");
        assertFalse(new KafkaPostedNumbers(platform.kafkaClientProperties("edi"), platform.registryUrl())
                .of(8, "PNTEST08").controlNumbers().isEmpty());
    }

    /**
     * Years of documents are not read again: the numbers of a range come from the newest window of each partition
     * that holds the range, read backwards from the end; only a range with nothing posted is read to the beginning.
     */
    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void readsBackwardsOnlyAsFarAsTheRangesNewestDocument() throws Exception {
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        String topic = "test.posted-numbers-" + UUID.randomUUID();
        platform.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        Properties p = platform.kafkaClientProperties();
        p.put("acks", "all");
        p.put("linger.ms", "20");
        AvroKafkaSerializer ser = new AvroKafkaSerializer();
        ser.configure(EventSerdes.config(platform.registryUrl()), false);
        int history = 3_000;
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p, new StringSerializer(), (Serializer) ser)) {
            // a long history of partition 3's range to two receivers, then a few files of partition 4's range
            for (int i = 1; i <= history; i++) {
                String receiver = i % 2 == 0 ? "UDC" : "ESP";
                producer.send(new ProducerRecord<>(topic, receiver, doc(receiver, 300_000_000L + i,
                        "PNTEST03" + String.format("%010d", i))));
            }
            for (int i = 1; i <= 10; i++) {
                producer.send(new ProducerRecord<>(topic, "UDC", doc("UDC", 400_000_000L + i,
                        "PNTEST04" + String.format("%010d", i))));
            }
            producer.flush();
        }
        KafkaPostedNumbers reader = new KafkaPostedNumbers(platform.kafkaClientProperties(), platform.registryUrl(), topic);
        PostedNumbers.Last last = reader.of(3, "PNTEST03");
        assertEquals(300_000_000L + history, last.controlNumbers().values().stream().mapToLong(Long::longValue).max()
                .orElseThrow(), "the newest ISA13 of the range");
        assertEquals(history + KafkaPostedNumbers.REPORT_IDS_SKIPPED, last.reportSequence());
        assertEquals(KafkaPostedNumbers.FIRST_WINDOW, reader.recordsRead(),
                "the first window from the end holds the range's newest document: nothing older is read");

        PostedNumbers.Last none = reader.of(5, "PNTEST05");
        assertTrue(none.controlNumbers().isEmpty());
        assertEquals(0, none.reportSequence());
        assertEquals(history + 10, reader.recordsRead(), "a range never posted is looked for down to the beginning");
    }

    private static DocumentPosted doc(String receiver, long isa13, String reportId) {
        ReportRef ref = ReportRef.newBuilder().setServiceAccount("A1").setPeriodStart(LocalDate.of(2026, 1, 1))
                .setPeriodEnd(LocalDate.of(2026, 1, 31)).setReportId(reportId).setPurpose(ReportPurpose.ORIGINAL)
                .setCancelledReportId(null).setMeterIds(List.of("M1")).build();
        return DocumentPosted.newBuilder().setFileId("F" + isa13 + receiver).setReceiverPartyId(receiver)
                .setKind(MailboxFileKind.EDI_867).setFileName("test-" + isa13 + ".x12").setInterchangeControlNumber(isa13)
                .setCreatedAt(Instant.now()).setSha256("0".repeat(64)).setContent(ByteBuffer.wrap(new byte[]{1}))
                .setReports(List.of(ref)).setChunk(1).setChunks(1).build();
    }
}
