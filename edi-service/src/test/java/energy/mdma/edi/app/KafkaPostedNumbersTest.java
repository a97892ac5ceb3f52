package energy.mdma.edi.app;

import energy.mdma.edi.topology.PostedNumbers;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.kafka.EventSerdes;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaTestPlatform;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
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
        assertEquals(900, last.reportSequence(), "the largest report counter with this partition's prefix");
        assertFalse(new KafkaPostedNumbers(platform.kafkaClientProperties("edi"), platform.registryUrl())
                .of(8, "PNTEST08").controlNumbers().isEmpty());
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
