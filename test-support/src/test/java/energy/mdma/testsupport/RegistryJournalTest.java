package energy.mdma.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry keeps its schemas in Kafka (platform/registry KafkaJournal, issue 14 point 4): each write is in the
 * journal topic before it is answered; a new registry process on the same journal (a restart, or the second site that
 * MirrorMaker 2 feeds) serves the same schemas under the same ids, a deleted one stays deleted and new ids go on above
 * every id ever given (the newest deleted too);
 * without the broker it is not ready and its API answers 503 (never an empty registry), and it recovers when the broker
 * returns; an old H2 registry beside an empty journal stops the start with what to do. Each registry here has a journal
 * topic of its own (mdma.registry.test-*, principal registry as on the stack).
 */
@ExtendWith(MdmaPlatformExtension.class)
class RegistryJournalTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration READY = Duration.ofSeconds(90);

    @Test
    void schemasSurviveTheProcessWithTheirIds(MdmaTestPlatform platform, @TempDir Path dir) throws Exception {
        String topic = newJournal(platform);
        long kept;
        long dropped;
        long kept2;
        long newest;
        RegistryProcess first = RegistryProcess.start(dir, journal(platform, topic, platform.bootstrapServers(), null));
        try {
            first.awaitReady(READY);
            String url = url(first);
            assertEquals(0, journalEnd(platform, topic), "a new registry writes nothing");
            kept = register(url, first.writerPassword(), "journal-kept", schema("v1"), true);
            // recorded before the answer: the journal holds it now
            assertEquals(1, journalEnd(platform, topic));
            dropped = register(url, first.writerPassword(), "journal-dropped", schema("v1"), true);
            kept2 = register(url, first.writerPassword(), "journal-kept", schema("v2"), false);
            delete(url, first.writerPassword(), "journal-dropped");
            // the newest id deleted: after the restart it must not be handed out again
            newest = register(url, first.writerPassword(), "journal-newest", schema("v1"), true);
            delete(url, first.writerPassword(), "journal-newest");
            assertEquals(6, journalEnd(platform, topic));
            // a write that changes nothing (the same schema again, if it exists) records nothing
            HttpResponse<String> same = send(write(url, first.writerPassword(), "/groups/default/artifacts?ifExists=RETURN",
                    "journal-kept").POST(HttpRequest.BodyPublishers.ofString(schema("v2"))).build());
            assertEquals(200, same.statusCode(), same.body());
            assertEquals(6, journalEnd(platform, topic));
        } finally {
            first.stop();
        }
        assertTrue(kept < dropped && dropped < kept2 && kept2 < newest);

        RegistryProcess second = RegistryProcess.start(dir, journal(platform, topic, platform.bootstrapServers(), null));
        try {
            second.awaitReady(READY);
            String url = url(second);
            assertTrue(get(url + "/ids/globalIds/" + kept).contains("\"v1\""));
            assertTrue(get(url + "/ids/globalIds/" + kept2).contains("\"v2\""));
            assertEquals(404, send(HttpRequest.newBuilder(URI.create(url + "/ids/globalIds/" + dropped)).GET().build()).statusCode(),
                    "the deleted schema stays deleted");
            assertEquals(404, send(HttpRequest.newBuilder(URI.create(url + "/ids/globalIds/" + newest)).GET().build()).statusCode());
            long next = register(url, second.writerPassword(), "journal-after", schema("v1"), true);
            assertTrue(next > newest, "a new id after the restart: " + next + ", the newest (deleted) was " + newest);
        } finally {
            second.stop();
        }
    }

    /**
     * The second site's journal is a copy MirrorMaker 2 writes in transactions (exactly-once): it ends with a commit
     * marker, which takes an offset and is no record. The registry there must still find the newest record.
     */
    @Test
    void aJournalCopiedInTransactionsLoads(MdmaTestPlatform platform, @TempDir Path dir) throws Exception {
        String topic = newJournal(platform);
        long kept;
        long kept2;
        RegistryProcess first = RegistryProcess.start(dir, journal(platform, topic, platform.bootstrapServers(), null));
        try {
            first.awaitReady(READY);
            kept = register(url(first), first.writerPassword(), "journal-copied", schema("v1"), true);
            kept2 = register(url(first), first.writerPassword(), "journal-copied", schema("v2"), false);
        } finally {
            first.stop();
        }
        String copy = newJournal(platform);
        Properties cp = platform.kafkaClientProperties();
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "journal-copy-" + UUID.randomUUID());
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Properties pp = platform.kafkaClientProperties();
        pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "journal-copy-" + UUID.randomUUID());
        int copied = 0;
        try (KafkaConsumer<byte[], byte[]> in = new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> out = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
            out.initTransactions();
            in.assign(List.of(new TopicPartition(topic, 0)));
            in.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            long end = journalEnd(platform, topic);
            while (in.position(new TopicPartition(topic, 0)) < end) {
                for (ConsumerRecord<byte[], byte[]> r : in.poll(Duration.ofMillis(500))) {
                    out.beginTransaction(); // one transaction per record: a commit marker after each, as MM2's batches
                    out.send(new ProducerRecord<>(copy, 0, r.timestamp(), r.key(), r.value(), r.headers()));
                    out.commitTransaction();
                    copied++;
                }
            }
        }
        assertEquals(2, copied);
        assertTrue(journalEnd(platform, copy) > copied, "the copy's offsets include its commit markers");
        RegistryProcess second = RegistryProcess.start(dir, journal(platform, copy, platform.bootstrapServers(), null));
        try {
            second.awaitReady(READY);
            assertTrue(get(url(second) + "/ids/globalIds/" + kept).contains("\"v1\""));
            assertTrue(get(url(second) + "/ids/globalIds/" + kept2).contains("\"v2\""));
        } finally {
            second.stop();
        }
    }

    @Test
    void notReadyWithoutTheBrokerAndRecoversWhenItReturns(MdmaTestPlatform platform, @TempDir Path dir) throws Exception {
        String topic = newJournal(platform);
        String[] hostPort = platform.bootstrapServers().split(",")[0].split(":");
        long id;
        RegistryProcess writer = RegistryProcess.start(dir, journal(platform, topic, platform.bootstrapServers(), null));
        try {
            writer.awaitReady(READY);
            id = register(url(writer), writer.writerPassword(), "journal-away", schema("v1"), true);
        } finally {
            writer.stop();
        }
        try (TcpSwitch broker = new TcpSwitch(hostPort[0], Integer.parseInt(hostPort[1]), false)) {
            RegistryProcess registry = RegistryProcess.start(dir,
                    journal(platform, topic, "localhost:" + broker.port(), null));
            try {
                String health = "http://localhost:" + registry.port() + "/health/ready";
                // not ready, saying why, and the API refuses rather than answering from an empty registry
                String down = pollUntil(health, 503, "cannot load the schemas from Kafka");
                assertTrue(down.contains(topic), down);
                HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(url(registry) + "/ids/globalIds/" + id)).GET().build());
                assertEquals(503, read.statusCode(), read.body());
                assertTrue(read.body().contains("not ready"), read.body());
                broker.on();
                registry.awaitReady(READY);
                assertTrue(get(url(registry) + "/ids/globalIds/" + id).contains("\"v1\""));
            } finally {
                registry.stop();
            }
        }
    }

    @Test
    void anOldH2RegistryBesideAnEmptyJournalStopsTheStart(MdmaTestPlatform platform, @TempDir Path dir) throws Exception {
        String topic = newJournal(platform);
        Path legacy = Files.writeString(dir.resolve("db.mv.db"), "an H2 database of the old registry");
        RegistryProcess registry = RegistryProcess.start(dir, journal(platform, topic, platform.bootstrapServers(), legacy.toString()));
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> registry.awaitReady(READY));
            assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
            assertTrue(e.getMessage().contains(legacy.toString()) && e.getMessage().contains("./mdma reset")
                    && e.getMessage().contains("./mdma restore"), e.getMessage());
        } finally {
            registry.stop();
        }
        // the same file beside a journal that holds the registry: the journal is the truth, the start goes on
        RegistryProcess writer = RegistryProcess.start(dir, journal(platform, topic, platform.bootstrapServers(), null));
        try {
            writer.awaitReady(READY);
            register(url(writer), writer.writerPassword(), "journal-legacy", schema("v1"), true);
        } finally {
            writer.stop();
        }
        RegistryProcess again = RegistryProcess.start(dir, journal(platform, topic, platform.bootstrapServers(), legacy.toString()));
        try {
            again.awaitReady(READY);
        } finally {
            again.stop();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static RegistryProcess.Journal journal(MdmaTestPlatform platform, String topic, String bootstrap, String legacy) {
        return new RegistryProcess.Journal(bootstrap, MdmaTestPlatform.PROTOCOL, MdmaTestPlatform.REGISTRY_PRINCIPAL,
                platform.kafkaPassword(MdmaTestPlatform.REGISTRY_PRINCIPAL), topic, legacy);
    }

    /** A journal topic of its own, configured as deploy/topics.csv configures mdma.registry.journal. */
    private static String newJournal(MdmaTestPlatform platform) throws Exception {
        String topic = "mdma.registry.test-" + UUID.randomUUID();
        try (Admin admin = platform.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static long journalEnd(MdmaTestPlatform platform, String topic) throws Exception {
        TopicPartition p = new TopicPartition(topic, 0);
        try (Admin admin = platform.admin()) {
            return admin.listOffsets(Map.of(p, OffsetSpec.latest())).partitionResult(p).get(30, TimeUnit.SECONDS).offset();
        }
    }

    private static String url(RegistryProcess registry) {
        return "http://localhost:" + registry.port() + "/apis/registry/v2";
    }

    /** Polls {@code url} until it answers {@code status} with a body containing {@code text}; returns the body. */
    private static String pollUntil(String url, int status, String text) {
        return Poll.until(url + " answering " + status + " with '" + text + "'", Duration.ofSeconds(60), () -> {
            try {
                HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                        .GET().build());
                return new Answer(r.statusCode(), r.body());
            } catch (java.io.IOException e) {
                return new Answer(-1, e.toString());
            }
        }, a -> a.status() == status && a.body().contains(text)).body();
    }

    /** An HTTP answer, or (status -1) why there was none. */
    private record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static String schema(String doc) {
        return "{\"type\":\"record\",\"name\":\"Journal\",\"namespace\":\"energy.mdma.test\",\"doc\":\"" + doc
                + "\",\"fields\":[{\"name\":\"value\",\"type\":\"long\"}" + (doc.equals("v2")
                        ? ",{\"name\":\"unit\",\"type\":\"string\",\"default\":\"kWh\"}" : "") + "]}";
    }

    private static HttpRequest.Builder write(String url, String password, String path, String artifact) {
        String auth = "Basic " + Base64.getEncoder().encodeToString((RegistryProcess.WRITER_USER + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url + path)).header("X-Registry-ArtifactId", artifact)
                .header("X-Registry-ArtifactType", "AVRO").header("Content-Type", "application/json").header("Authorization", auth);
    }

    private static long register(String url, String password, String artifact, String schema, boolean create) throws Exception {
        String path = create ? "/groups/default/artifacts" : "/groups/default/artifacts/" + artifact + "/versions";
        HttpResponse<String> r = send(write(url, password, path, artifact).POST(HttpRequest.BodyPublishers.ofString(schema)).build());
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = Pattern.compile("\"globalId\"\\s*:\\s*(\\d+)").matcher(r.body());
        assertTrue(m.find(), r.body());
        return Long.parseLong(m.group(1));
    }

    private static void delete(String url, String password, String artifact) throws Exception {
        HttpResponse<String> r = send(write(url, password, "/groups/default/artifacts/" + artifact, artifact).DELETE().build());
        assertEquals(204, r.statusCode(), r.body());
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
