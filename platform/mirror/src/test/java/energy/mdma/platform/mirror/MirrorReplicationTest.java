package energy.mdma.platform.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import energy.mdma.platform.broker.BrokerSecurity;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.connect.mirror.MirrorMaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real KRaft clusters (secured as the local stack's, without TLS) and Kafka's MirrorMaker 2 in this JVM with the
 * second site's configuration ({@link MirrorSettings}): a transactional topic arrives under the same name with the
 * committed records only, in order; a Streams changelog arrives with its configs; a consumer group's offsets are
 * synced; {@link ReplicationLag} counts 0 missing once MM2 caught up and counts what the second site misses.
 */
class MirrorReplicationTest {

    private static final String DOCUMENTS = "mdma.edi.documents";
    private static final String CHANGELOG = "mdma-edi-numbering-store-changelog";
    private static final String GROUP = "mdma-edi-test";
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static Path work;
    private static BrokerSecurity.Settings security;
    private static KafkaClusterTestKit primary;
    private static KafkaClusterTestKit dr;
    private static MirrorMaker mirror;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("mdma-mirror-test-");
        security = new BrokerSecurity.Settings("admin-" + System.nanoTime(), null, null, null);
        primary = MdmaTestPlatform.startBroker(work.resolve("primary"), security);
        dr = MdmaTestPlatform.startBroker(work.resolve("dr"), security);
    }

    @AfterAll
    static void stop() throws Exception {
        if (mirror != null) {
            mirror.stop();
        }
        if (dr != null) {
            dr.close();
        }
        if (primary != null) {
            primary.close();
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void replicatesCommittedRecordsUnderTheSameNamesWithConfigsAndGroupOffsets() throws Exception {
        Properties p = client(primary);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(DOCUMENTS, 2, (short) 1).configs(Map.of("max.message.bytes", "16777216")),
                    new NewTopic(CHANGELOG, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic("unrelated.topic", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        // committed, aborted, committed: the second site must get the committed ones only
        List<String> committed = new ArrayList<>();
        try (KafkaProducer<String, String> producer = transactionalProducer(p)) {
            producer.initTransactions();
            for (int txn = 0; txn < 3; txn++) {
                producer.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    String value = "txn" + txn + "-" + i;
                    producer.send(new ProducerRecord<>(DOCUMENTS, 0, "k" + i, value));
                    if (txn != 1) {
                        committed.add(value);
                    }
                }
                if (txn == 1) {
                    producer.abortTransaction();
                } else {
                    producer.commitTransaction();
                }
            }
        }
        Properties large = new Properties();
        large.putAll(p);
        large.put("max.request.size", Integer.toString(4 * 1024 * 1024));
        large.put("compression.type", "zstd");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(large, new StringSerializer(), new StringSerializer())) {
            // a document over 1 MiB once decompressed (as edi's largest 867s): MM2 must copy it, not die on it
            producer.send(new ProducerRecord<>(DOCUMENTS, 1, "large", "ISA*".repeat(400_000)));
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>(CHANGELOG, "store-key-" + i, "v" + i));
                producer.send(new ProducerRecord<>(DOCUMENTS, 1, "p1-" + i, "p1-" + i));
            }
            producer.send(new ProducerRecord<>("unrelated.topic", "x", "y"));
            producer.flush();
        }
        // a service's group has read the whole of partition 0 on the primary (and stopped: inactive groups are synced)
        List<String> readOnPrimary = consumeAll(p, DOCUMENTS, 0, GROUP);
        assertEquals(committed, readOnPrimary, "the primary itself (read_committed)");

        int restPort = freePort();
        mirror = new MirrorMaker(MirrorSettings.config(primary.bootstrapServers(), dr.bootstrapServers(), security, 1, restPort, 1),
                List.of(MirrorSettings.DR));
        mirror.start();

        Properties d = client(dr);
        // identity names; committed records only, in order
        Poll.until("all committed records of " + DOCUMENTS + " on the second site", WAIT, () -> {
            try {
                return countOn(d, DOCUMENTS) == committed.size() + 5;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(committed, consumeAll(d, DOCUMENTS, 0, null), "partition 0 on the second site: same records, same order, nothing aborted");
        Poll.until("the changelog on the second site", WAIT, () -> {
            try {
                return countOn(d, CHANGELOG) == 4;
            } catch (Exception e) {
                return false;
            }
        });
        try (Admin admin = Admin.create(d)) {
            Set<String> names = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            assertTrue(!names.contains("unrelated.topic"), "only MDMA topics are replicated: " + names);
            assertTrue(names.stream().noneMatch(n -> n.startsWith("primary.")  && !n.endsWith(".internal")),
                    "identity names, no 'primary.' prefix: " + names);
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, CHANGELOG)))
                    .all().get(60, TimeUnit.SECONDS).values().iterator().next();
            assertEquals("compact", config.get("cleanup.policy").value(), "topic config synced");
            assertEquals(2, admin.describeTopics(List.of(DOCUMENTS)).allTopicNames().get(60, TimeUnit.SECONDS)
                    .get(DOCUMENTS).partitions().size(), "same partitions");
            // exactly-once source: MM2's source task writes to the second site in transactions
            List<String> transactions = admin.listTransactions().all().get(60, TimeUnit.SECONDS).stream()
                    .map(t -> t.transactionalId()).toList();
            assertTrue(transactions.stream().anyMatch(t -> t.contains("MirrorSourceConnector")),
                    "MM2's source task is transactional on the second site: " + transactions);
        }
        // the group's offset translated: on the second site it resumes after what it had read, nothing read twice
        TopicPartition p0 = new TopicPartition(DOCUMENTS, 0);
        Poll.until("the group's offsets synced to the second site", WAIT, () -> {
            try (Admin admin = Admin.create(d)) {
                OffsetAndMetadata o = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                        .get(60, TimeUnit.SECONDS).get(p0);
                return o != null && o.offset() > 0;
            } catch (Exception e) {
                return false;
            }
        });
        List<String> reread = consumeAll(d, DOCUMENTS, 0, GROUP);
        assertTrue(reread.size() <= committed.size(), "resumes within the partition");
        System.out.println("[mirror-test] the group re-reads " + reread.size() + " of " + committed.size()
                + " records of partition 0 on the second site after offset translation");

        // the lag tool: nothing missing now
        Set<String> names = ReplicationLag.topics(p, java.util.regex.Pattern.compile(MirrorSettings.TOPICS_REGEX));
        Poll.until("lag 0", WAIT, () -> {
            try {
                return ReplicationLag.byTopic(ReplicationLag.count(p, names, null), ReplicationLag.count(d, names, null))
                        .stream().allMatch(l -> l.missing() == 0 && l.extra() == 0);
            } catch (Exception e) {
                return false;
            }
        });

        // a failover snapshot taken now, then records the second site never gets (MM2 stopped): counted as lost
        Map<TopicPartition, Long> snapshot = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(withIsolation(d), new StringDeserializer(), new StringDeserializer())) {
            snapshot.putAll(c.endOffsets(List.of(p0, new TopicPartition(DOCUMENTS, 1), new TopicPartition(CHANGELOG, 0))));
        }
        mirror.stop();
        mirror = null;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(DOCUMENTS, 1, "late-" + i, "late-" + i));
            }
            producer.flush();
        }
        List<ReplicationLag.TopicLag> lags = ReplicationLag.byTopic(ReplicationLag.count(p, names, null),
                ReplicationLag.count(d, names, snapshot));
        assertEquals(3, lags.stream().mapToLong(ReplicationLag.TopicLag::missing).sum(), "lost at failover: " + lags);
    }

    private static long countOn(Properties client, String topic) throws Exception {
        return ReplicationLag.count(client, Set.of(topic), null).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every record of one partition (from the group's committed offset if {@code group} has one), committing at the end. */
    private static List<String> consumeAll(Properties client, String topic, int partition, String group) {
        Properties c = withIsolation(client);
        if (group != null) {
            c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            if (group == null) {
                consumer.seekToBeginning(List.of(tp));
            }
            Poll.until(tp + " read to offset " + end, WAIT, () -> {
                if (consumer.position(tp) < end) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        out.add(r.value());
                    }
                }
                return consumer.position(tp);
            }, position -> position >= end);
            if (group != null) {
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(consumer.position(tp))));
            }
        }
        return out;
    }

    private static Properties withIsolation(Properties client) {
        Properties c = new Properties();
        c.putAll(client);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return c;
    }

    private static KafkaProducer<String, String> transactionalProducer(Properties client) {
        Properties c = new Properties();
        c.putAll(client);
        c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "mdma-edi-test-txn");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(c, new StringSerializer(), new StringSerializer());
    }

    private static Properties client(KafkaClusterTestKit cluster) {
        return BrokerSecurity.adminClient(security, cluster.bootstrapServers());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
