package energy.mdma.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import energy.mdma.platform.broker.TopicDefinition;
import energy.mdma.platform.broker.backup.Backup;
import energy.mdma.platform.broker.backup.BackupException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backup, incremental backup, wipe, restore, compare, on the real broker and registry: every record of every
 * backed-up partition (key, value bytes, headers, timestamp, partition, order; aborted transactions stay out), the
 * registry's schema ids, the consumer groups' positions (a group goes on with what it had not read, and only that),
 * the data files byte for byte, secrets not copied; a damaged file makes verify and restore fail naming it; a
 * restore into a stack that is not empty is refused.
 */
@ExtendWith(MdmaPlatformExtension.class)
class BackupRestoreTest {

    private static final String DOCS = "mdma.edi.documents";
    private static final String PARTIES = "mdma.parties";
    private static final String INTERVALS = "mdma.readings.intervals";
    /** Like a Kafka Streams app's changelog (mdma-* topics are not in topics.csv and are backed up too). */
    private static final String CHANGELOG = "mdma-backuptest-store-changelog";
    private static final String GROUP = "mdma-backuptest";
    private static final String MID_GROUP = "mdma-backuptest-mid";
    private static final String SECRET = "not-for-the-backup-7f3a9c";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Clock CLOCK = Clock.system(ZoneOffset.UTC);

    private final Random random = new Random(14);

    @Test
    void backupIncrementWipeRestoreCompare(MdmaTestPlatform platform) throws Exception {
        platform.resetTopics();
        try (Admin admin = platform.admin()) {
            deleteGroups(admin);
            deleteStreamsTopics(admin);
            admin.createTopics(List.of(new NewTopic(CHANGELOG, 2, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Path work = Files.createTempDirectory(platform.workDir(), "backup-test-");
        Path home = Files.createDirectories(work.resolve("home"));
        Path dest = work.resolve("offsite");
        List<String> topics = platform.topics().stream().map(TopicDefinition::name).toList();
        PrintStream log = System.out;

        // schemas: two versions of one artifact; their global ids travel in the Avro bytes
        String artifact = "backup-test-reading";
        // a schema registered and deleted first: the ids kept are not those a fresh registry would hand out anyway
        long dropped = register(platform.registryUrl(), platform.registryPassword(), "backup-test-dropped", schema("v1"), true);
        delete(platform.registryUrl(), platform.registryPassword(), "backup-test-dropped");
        long id1 = register(platform.registryUrl(), platform.registryPassword(), artifact, schema("v1"), true);
        long id2 = register(platform.registryUrl(), platform.registryPassword(), artifact, schema("v2"), false);
        assertTrue(id1 > dropped && id2 > id1, dropped + " " + id1 + " " + id2);

        // data files: raw uploads and a report; ingest/tmp is not data; secrets and TLS are named only
        byte[] upload = randomBytes(100_000);
        Files.createDirectories(home.resolve("ingest/files"));
        Files.createDirectories(home.resolve("ingest/reports"));
        Files.createDirectories(home.resolve("ingest/tmp"));
        Files.write(home.resolve("ingest/files/" + sha256Hex(upload)), upload);
        Files.writeString(home.resolve("ingest/reports/r1.json"), "{\"rows\":3}");
        Files.writeString(home.resolve("ingest/tmp/upload-in-progress"), "partial");
        Files.createDirectories(home.resolve("security"));
        Files.writeString(home.resolve("security/admin.password"), SECRET);
        Files.createDirectories(home.resolve("tls"));
        Files.writeString(home.resolve("tls/ingest.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

        // records: plain, compacted with a tombstone, transactional with an aborted transaction, changelog + offsets
        try (KafkaProducer<byte[], byte[]> plain = producer(platform, null);
                KafkaProducer<byte[], byte[]> tx = producer(platform, "mdma-edi-backup-test")) {
            tx.initTransactions();
            for (int i = 0; i < 60; i++) {
                plain.send(record(INTERVALS, i % 6, Instant.parse("2025-10-01T07:00:00Z").plusSeconds(900L * i), "m" + i,
                        avroLike(id1, 200), List.of(new RecordHeader("source", bytes("headend"))))).get();
            }
            for (int i = 0; i < 5; i++) {
                plain.send(record(PARTIES, 0, Instant.now(CLOCK), "p" + i, bytes("party " + i), List.of())).get();
            }
            plain.send(record(PARTIES, 0, Instant.now(CLOCK), "p1", bytes("party 1, renamed"), List.of())).get();
            plain.send(record(PARTIES, 0, Instant.now(CLOCK), "p2", null, List.of())).get();
            documents(tx, 10, id2, true);
            documents(tx, 5, id2, false); // aborted: not data
            documents(tx, 10, id2, true);
            tx.beginTransaction();
            tx.send(record(CHANGELOG, 0, Instant.now(CLOCK), "s1", bytes("state 1"), List.of()));
            tx.send(record(CHANGELOG, 1, Instant.now(CLOCK), "s2", bytes("state 2"), List.of()));
            tx.commitTransaction();
        }
        // the group has read every document so far (its position stands after a transaction marker)
        consumeAll(platform, GROUP, 20);
        // a second group stands in the middle of partition 0
        long mid;
        try (Admin admin = platform.admin()) {
            List<Long> offsets = offsetsOf(platform, new TopicPartition(DOCS, 0));
            assertTrue(offsets.size() >= 3, "documents in partition 0: " + offsets);
            mid = offsets.get(2);
            admin.alterConsumerGroupOffsets(MID_GROUP, Map.of(new TopicPartition(DOCS, 0), new OffsetAndMetadata(mid, "partition-time-1764806400000")))
                    .all().get(30, TimeUnit.SECONDS);
        }

        Backup source = new Backup(new Backup.Stack(platform.kafkaClientProperties(), platform.registryUrl(),
                platform.registryUsername(), platform.registryPassword(), home, topics), log, TIMEOUT);
        Backup.Result first = source.backup(dest, CLOCK);
        assertEquals(1, first.increment());
        assertEquals(60 + 5 + 2 + 20 + 2, first.records(), "records of the first backup (the aborted ones are not data)");
        assertTrue(first.consistent());

        // more after the first backup: documents the group has not read, a new upload; then the incremental backup
        try (KafkaProducer<byte[], byte[]> tx = producer(platform, "mdma-edi-backup-test")) {
            tx.initTransactions();
            documents(tx, 7, id2, true);
            documents(tx, 3, id2, false);
        }
        byte[] upload2 = randomBytes(50_000);
        Files.write(home.resolve("ingest/files/" + sha256Hex(upload2)), upload2);
        Backup.Result second = source.backup(dest, CLOCK);
        assertEquals(2, second.increment());
        assertEquals(7, second.records(), "the second increment holds only what is new");
        String manifest2 = Files.readString(dest.resolve("increment-0002/manifest.txt"));
        assertEquals(1, Pattern.compile("(?m)^blob\t").matcher(manifest2).results().count(), "only the new upload is copied again");
        assertFalse(Files.exists(dest.resolve("increment-0002/topics/" + INTERVALS)), "no new intervals, no segment");

        // what must come back
        Map<TopicPartition, List<Rec>> before = snapshot(platform, topics);
        assertEquals(27, before.entrySet().stream().filter(e -> e.getKey().topic().equals(DOCS)).mapToInt(e -> e.getValue().size()).sum());
        String schema1 = get(platform.registryUrl() + "/ids/globalIds/" + id1);
        String schema2 = get(platform.registryUrl() + "/ids/globalIds/" + id2);

        // nothing secret in the backup
        try (Stream<Path> files = Files.walk(dest)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(SECRET), "secret copied into " + f);
            }
        }
        assertTrue(manifest2.contains("reference\tsecurity/admin.password\tsecret"), manifest2);
        assertTrue(manifest2.contains("reference\ttls/ingest.crt\tcertificate\tsha256="), manifest2);

        // wipe: empty topics, no groups, a new registry, a new home
        platform.resetTopics();
        try (Admin admin = platform.admin()) {
            deleteGroups(admin);
            deleteStreamsTopics(admin);
        }
        Path home2 = Files.createDirectories(work.resolve("home2"));
        RegistryProcess registry2 = RegistryProcess.start(Files.createDirectories(work.resolve("registry2")));
        try {
            registry2.awaitReady(Duration.ofSeconds(90));
            String registry2Url = "http://localhost:" + registry2.port() + "/apis/registry/v2";
            Backup target = new Backup(new Backup.Stack(platform.kafkaClientProperties(), registry2Url, RegistryProcess.WRITER_USER,
                    registry2.writerPassword(), home2, topics), log, TIMEOUT);

            // a damaged file: verify and restore name it, and nothing is written
            Path segment = dest.resolve("increment-0002/topics/" + DOCS);
            Path damaged;
            try (Stream<Path> s = Files.list(segment)) {
                damaged = s.sorted().findFirst().orElseThrow();
            }
            byte[] original = Files.readAllBytes(damaged);
            byte[] flipped = original.clone();
            flipped[flipped.length / 2] ^= 0x01;
            Files.write(damaged, flipped);
            BackupException bad = assertThrows(BackupException.class, () -> Backup.verify(dest, log));
            assertTrue(bad.getMessage().contains(damaged.toString()), bad.getMessage());
            bad = assertThrows(BackupException.class, () -> target.restore(dest, false));
            assertTrue(bad.getMessage().contains(damaged.toString()), bad.getMessage());
            assertEquals(0, countArtifacts(registry2Url), "nothing restored from a damaged backup");
            Files.write(damaged, original);
            Backup.verify(dest, log);

            Backup.Result restored = target.restore(dest, false);
            assertEquals(first.records() + second.records(), restored.records());

            // every record, in order, in its partition
            Map<TopicPartition, List<Rec>> after = snapshot(platform, topics);
            assertEquals(before.keySet(), after.keySet());
            for (TopicPartition tp : before.keySet()) {
                List<Rec> a = before.get(tp);
                List<Rec> b = after.get(tp);
                assertEquals(a.size(), b.size(), "records of " + tp);
                for (int i = 0; i < a.size(); i++) {
                    assertTrue(a.get(i).sameAs(b.get(i)), tp + " record " + i + ": " + a.get(i) + " vs " + b.get(i));
                }
            }
            // the schemas with their ids
            assertEquals(schema1, get(registry2Url + "/ids/globalIds/" + id1));
            assertEquals(schema2, get(registry2Url + "/ids/globalIds/" + id2));
            assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(registry2Url + "/ids/globalIds/" + dropped)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "the deleted schema's id stays free");
            // a schema registered after the restore gets a new id, not one of the restored ones
            long next = register(registry2Url, registry2.writerPassword(), "backup-test-after", schema("v1"), true);
            assertTrue(next > id2, "id after the restore: " + next + ", restored up to " + id2);
            // the files byte for byte; tmp and secrets not
            assertArrayEquals(upload, Files.readAllBytes(home2.resolve("ingest/files/" + sha256Hex(upload))));
            assertArrayEquals(upload2, Files.readAllBytes(home2.resolve("ingest/files/" + sha256Hex(upload2))));
            assertEquals("{\"rows\":3}", Files.readString(home2.resolve("ingest/reports/r1.json")));
            assertFalse(Files.exists(home2.resolve("ingest/tmp/upload-in-progress")));
            assertFalse(Files.exists(home2.resolve("security")));

            // the mid group stands before the same record as before
            try (Admin admin = platform.admin()) {
                TopicPartition p0 = new TopicPartition(DOCS, 0);
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(MID_GROUP).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS).get(p0);
                assertEquals("partition-time-1764806400000", committed.metadata(), "the commit's metadata (Kafka Streams' partition time)");
                long translated = committed.offset();
                List<Rec> fromSource = before.get(p0).stream().filter(r -> r.offset >= mid).toList();
                List<Rec> fromTarget = after.get(p0).stream().filter(r -> r.offset >= translated).toList();
                assertEquals(fromSource.size(), fromTarget.size());
                for (int i = 0; i < fromSource.size(); i++) {
                    assertTrue(fromSource.get(i).sameAs(fromTarget.get(i)));
                }
            }

            // processing goes on: the group reads what it had not read before the backup and what is new, nothing again
            try (KafkaProducer<byte[], byte[]> plain = producer(platform, null)) {
                plain.send(record(DOCS, 1, Instant.now(CLOCK), "after-restore", bytes("new document"), List.of())).get();
            }
            List<ConsumerRecord<byte[], byte[]>> read = consumeAll(platform, GROUP, 8);
            Set<String> keys = read.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
            assertTrue(keys.contains("after-restore"), keys.toString());
            assertTrue(keys.stream().allMatch(k -> k.equals("after-restore") || k.startsWith("doc-7-")),
                    "the group read again what it had read before the backup: " + keys);

            // a second restore finds the stack not empty
            bad = assertThrows(BackupException.class, () -> target.restore(dest, false));
            assertTrue(bad.getMessage().contains("already holds"), bad.getMessage());

            // with an empty registry but records and groups in the stack: refused, unless forced (topics and groups
            // of the backup deleted first); then the stack is the backup's again
            try (MdmaTestPlatform.EmptyRegistry registry3 = MdmaTestPlatform.startEmptyRegistry(
                    Files.createDirectories(work.resolve("registry3")))) {
                Backup again = new Backup(new Backup.Stack(platform.kafkaClientProperties(), registry3.url(),
                        registry3.writerUsername(), registry3.writerPassword(), home2, topics), log, TIMEOUT);
                BackupException notEmpty = assertThrows(BackupException.class, () -> again.restore(dest, false));
                assertTrue(notEmpty.getMessage().contains("the stack is not empty") && notEmpty.getMessage().contains(DOCS)
                        && notEmpty.getMessage().contains(GROUP), notEmpty.getMessage());
                again.restore(dest, true);
                Map<TopicPartition, List<Rec>> forced = snapshot(platform, topics);
                assertEquals(before.keySet(), forced.keySet());
                for (TopicPartition tp : before.keySet()) {
                    List<Rec> a = before.get(tp);
                    List<Rec> b = forced.get(tp);
                    assertEquals(a.size(), b.size(), "records of " + tp + " after the forced restore");
                    for (int i = 0; i < a.size(); i++) {
                        assertTrue(a.get(i).sameAs(b.get(i)), tp + " record " + i + " after the forced restore");
                    }
                }
            }
        } finally {
            registry2.stop();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** A record as compared: everything but its offset (which a restore cannot keep: transaction markers hold offsets). */
    private record Rec(long offset, long timestamp, String key, String value, String headers) {
        boolean sameAs(Rec o) {
            return timestamp == o.timestamp && key.equals(o.key) && value.equals(o.value) && headers.equals(o.headers);
        }
    }

    private static Map<TopicPartition, List<Rec>> snapshot(MdmaTestPlatform platform, List<String> topics) throws Exception {
        Map<TopicPartition, List<Rec>> out = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        List<String> all = new ArrayList<>(topics);
        all.add(CHANGELOG);
        try (Admin admin = platform.admin(); KafkaConsumer<byte[], byte[]> consumer = consumer(platform, null)) {
            for (var d : admin.describeTopics(all).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                for (var p : d.partitions()) {
                    TopicPartition tp = new TopicPartition(d.name(), p.partition());
                    long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS).get(tp).offset();
                    List<Rec> recs = new ArrayList<>();
                    consumer.assign(List.of(tp));
                    consumer.seekToBeginning(List.of(tp));
                    while (consumer.position(tp) < end) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200)).records(tp)) {
                            StringBuilder h = new StringBuilder();
                            for (Header x : r.headers()) {
                                h.append(x.key()).append('=').append(hex(x.value())).append(';');
                            }
                            recs.add(new Rec(r.offset(), r.timestamp(), hex(r.key()), hex(r.value()), h.toString()));
                        }
                    }
                    if (!recs.isEmpty()) {
                        out.put(tp, recs);
                    }
                }
            }
        }
        return out;
    }

    private static String hex(byte[] b) {
        return b == null ? "null" : HexFormat.of().formatHex(b);
    }

    private static List<Long> offsetsOf(MdmaTestPlatform platform, TopicPartition tp) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Admin admin = platform.admin(); KafkaConsumer<byte[], byte[]> consumer = consumer(platform, null)) {
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS).get(tp).offset();
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            while (consumer.position(tp) < end) {
                consumer.poll(Duration.ofMillis(200)).records(tp).forEach(r -> out.add(r.offset()));
            }
        }
        return out;
    }

    /** Reads with the group until it has {@code expected} documents, commits, and returns them. */
    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(MdmaTestPlatform platform, String group, int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(platform, group)) {
            consumer.subscribe(List.of(DOCS));
            Poll.until(expected + " documents read by the group " + group, Duration.ofSeconds(60), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size();
            }, read -> read >= expected);
            consumer.commitSync();
        }
        assertEquals(expected, out.size(), "documents the group read");
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(MdmaTestPlatform platform, String group) {
        Properties p = platform.kafkaClientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<byte[], byte[]> producer(MdmaTestPlatform platform, String transactionalId) {
        Properties p = platform.kafkaClientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private int batch;

    private void documents(KafkaProducer<byte[], byte[]> tx, int n, long schemaId, boolean commit) {
        int b = commit ? ++batch : -1;
        tx.beginTransaction();
        for (int i = 0; i < n; i++) {
            tx.send(record(DOCS, i % 3, Instant.now(CLOCK), "doc-" + (commit ? n : "aborted") + "-" + b + "-" + i,
                    avroLike(schemaId, 300 + i), List.of(new RecordHeader("mdma-sha256", randomBytes(32)))));
        }
        if (commit) {
            tx.commitTransaction();
        } else {
            tx.abortTransaction();
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int partition, Instant ts, String key, byte[] value,
            List<Header> headers) {
        return new ProducerRecord<>(topic, partition, ts.toEpochMilli(), bytes(key), value, new ArrayList<>(headers));
    }

    /** Apicurio's wire form: magic byte, 8-byte global id, then the Avro body. */
    private byte[] avroLike(long schemaId, int size) {
        byte[] b = randomBytes(size);
        b[0] = 0;
        for (int i = 0; i < 8; i++) {
            b[1 + i] = (byte) (schemaId >>> (56 - 8 * i));
        }
        return b;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256Hex(byte[] b) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** The Kafka Streams apps' topics (mdma-*: this test's changelog, those other tests of this JVM leave). */
    private static void deleteStreamsTopics(Admin admin) throws Exception {
        MdmaTestPlatform.deleteTopicsStartingWith(admin, "mdma-", Duration.ofSeconds(60));
    }

    /** Every group: an empty stack has none (other tests of this JVM leave theirs). */
    private static void deleteGroups(Admin admin) throws Exception {
        Set<String> existing = admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
                .map(g -> g.groupId()).collect(Collectors.toSet());
        MdmaTestPlatform.deleteGroupsWhenEmpty(admin, existing, Duration.ofSeconds(60));
    }

    private static String schema(String doc) {
        return "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"energy.mdma.test\",\"doc\":\"" + doc
                + "\",\"fields\":[{\"name\":\"value\",\"type\":\"long\"}" + (doc.equals("v2")
                        ? ",{\"name\":\"unit\",\"type\":\"string\",\"default\":\"kWh\"}" : "") + "]}";
    }

    private static long register(String registryUrl, String password, String artifact, String schema, boolean create) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((RegistryProcess.WRITER_USER + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = create
                ? HttpRequest.newBuilder(URI.create(registryUrl + "/groups/default/artifacts"))
                        .header("X-Registry-ArtifactId", artifact).header("X-Registry-ArtifactType", "AVRO")
                : HttpRequest.newBuilder(URI.create(registryUrl + "/groups/default/artifacts/" + artifact + "/versions"));
        HttpResponse<String> r = HTTP.send(b.header("Content-Type", "application/json").header("Authorization", auth)
                .POST(HttpRequest.BodyPublishers.ofString(schema)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = Pattern.compile("\"globalId\"\\s*:\\s*(\\d+)").matcher(r.body());
        assertTrue(m.find(), r.body());
        return Long.parseLong(m.group(1));
    }

    private static void delete(String registryUrl, String password, String artifact) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((RegistryProcess.WRITER_USER + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(registryUrl + "/groups/default/artifacts/" + artifact))
                .header("Authorization", auth).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode(), r.body());
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        assertNotNull(r.body());
        return r.body();
    }

    private static long countArtifacts(String registryUrl) throws Exception {
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(get(registryUrl + "/search/artifacts?limit=1"));
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }
}
