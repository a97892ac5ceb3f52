package energy.mdma.ingest.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import energy.mdma.events.FileReceived;
import energy.mdma.events.Sha256;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.files.FileReport;
import energy.mdma.ingest.files.FileStore;
import energy.mdma.ingest.files.IngestService;
import energy.mdma.ingest.kafka.EventPublisher;
import energy.mdma.ingest.kafka.MasterDataStore;
import energy.mdma.ingest.kafka.PublishedFiles;
import energy.mdma.ingest.parse.FileLayout;
import energy.mdma.ingest.parse.IngestParser;
import energy.mdma.kafka.EventDeserializer;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.party.model.PartyDirectoryView;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file's report is idempotent with its Kafka commit (issue 14): the service stops after the commit but before the
 * report is saved; the sender uploads the same bytes again; nothing is published again and the report is the one of
 * the committed transaction. And the other way: a transaction that was aborted leaves no report, and the retry
 * publishes the file.
 */
class ReportCommitRetryTest {
    static final List<String> PUBLISHED_TOPICS = List.of(Topics.PARTIES, Topics.FILES_RECEIVED);

    @TempDir
    Path home;

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aRetryAfterACrashBetweenCommitAndReportPublishesNothingAgain() throws Exception {
        Properties kafka = TestKafka.platform().kafkaClientProperties("ingest");
        String registry = TestKafka.platform().registryUrl();
        Supplier<Serializer<Object>> values = () -> {
            AvroKafkaSerializer s = new AvroKafkaSerializer();
            s.configure(EventSerdes.config(registry), false);
            return (Serializer<Object>) s;
        };
        FileStore store = new FileStore(home, new ObjectMapper().findAndRegisterModules());
        try (MasterDataStore masterData = new MasterDataStore(kafka, new EventDeserializer(registry),
                new PartyDirectoryView()).start();
             EventPublisher publisher = new EventPublisher(kafka, values, "mdma-ingest-retry-test-" + new Random().nextInt(1_000_000), 1)) {
            assertTrue(masterData.awaitReady(Duration.ofSeconds(60)));
            IngestService service = new IngestService(store, publisher, masterData,
                    new IngestParser(masterData, Clock.systemUTC()), Clock.systemUTC(),
                    PublishedFiles.kafka(kafka, () -> new EventDeserializer(registry), Duration.ofSeconds(30)));

            // committed, then the service stops before saving the report
            byte[] file = partiesFile();
            FileReport first = service.ingest(FileLayout.PARTIES, "parties.csv", "SCE", new ByteArrayInputStream(file));
            assertEquals(FileReport.COMPLETED, first.status());
            crashBetweenCommitAndReport(store, first);
            assertTrue(store.report(first.fileId()).isEmpty());
            long before = TestKafka.endOffsets(PUBLISHED_TOPICS);

            FileReport retry = service.ingest(FileLayout.PARTIES, "parties.csv", "SCE", new ByteArrayInputStream(file));
            assertEquals(before, TestKafka.endOffsets(PUBLISHED_TOPICS), "nothing published again");
            assertTrue(retry.duplicate());
            assertEquals(first.rowsAccepted(), retry.rowsAccepted());
            assertEquals(FileReport.COMPLETED, retry.status());
            assertTrue(store.report(first.fileId()).isPresent(), "the report is saved now");
            assertTrue(store.pending(first.fileId()).isEmpty());

            // the other way: its transaction was aborted, so the retry publishes the file
            byte[] other = partiesFile();
            String otherId = store.idFor(Sha256.hex(other));
            try (EventPublisher.Tx tx = publisher.begin()) {
                RecordMetadata at = tx.sendAndLocate(Topics.FILES_RECEIVED, otherId, FileReceived.newBuilder(
                        (FileReceived) TestKafka.readAll(Topics.FILES_RECEIVED).stream()
                                .filter(r -> first.fileId().equals(r.key())).findFirst().orElseThrow().value())
                        .setFileId(otherId).build());
                store.savePending(new FileStore.Pending(first, at.partition(), at.offset()));
                tx.abort();
            }
            long beforeOther = TestKafka.endOffsets(List.of(Topics.PARTIES));
            FileReport published = service.ingest(FileLayout.PARTIES, "parties.csv", "SCE", new ByteArrayInputStream(other));
            assertFalse(published.duplicate());
            assertEquals(otherId, published.fileId());
            assertTrue(TestKafka.endOffsets(List.of(Topics.PARTIES)) > beforeOther, "an aborted file is published on retry");
            assertTrue(store.pending(otherId).isEmpty());
        }
    }

    /** The state a crash after the commit leaves: the note with where its FileReceived lies, no report. */
    private void crashBetweenCommitAndReport(FileStore store, FileReport report) throws Exception {
        ConsumerRecord<String, Object> received = TestKafka.readAll(Topics.FILES_RECEIVED).stream()
                .filter(r -> report.fileId().equals(r.key())).reduce((a, b) -> b).orElseThrow();
        store.savePending(new FileStore.Pending(report, received.partition(), received.offset()));
        Files.delete(home.resolve("reports").resolve(report.fileId() + ".json"));
    }

    private static byte[] partiesFile() {
        Random r = new Random();
        StringBuilder id = new StringBuilder("RT");
        for (int i = 0; i < 10; i++) {
            id.append((char) ('A' + r.nextInt(26)));
        }
        return ("party_id,role,name,duns\n" + id + ",ESP,Retry test,958214165\n").getBytes(StandardCharsets.UTF_8);
    }
}
