package energy.mdma.edi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import energy.mdma.platform.broker.TopicDefinition;
import energy.mdma.platform.broker.backup.Backup;
import energy.mdma.testsupport.MdmaPlatformExtension;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backup and restore (platform/broker's Backup, ./mdma backup / restore) of a Kafka Streams app like edi (exactly-once, state in a changelog, a control number that never repeats), backed up
 * while it runs, the stack wiped (topics, groups, registry, the app's local state), restored, the app started again
 * from nothing local: it posts nothing again for what it had posted, its control numbers go on, and new input is
 * posted. Without the groups' offsets it would post every input again; without its changelog it would start the
 * control numbers at 1 again.
 */
@ExtendWith(MdmaPlatformExtension.class)
class BackupRestoreStreamsTest {

    private static final String APP = "mdma-edi-backuptest";
    private static final String IN = "mdma.vee.channel-periods";
    private static final String OUT = "mdma.edi.documents";
    private static final String CONTROL = "\u0000control-number";

    /**
     * The test writes plain strings into mdma.vee.channel-periods and mdma.edi.documents: emptied afterwards, so that
     * the next test classes on this platform (KafkaPostedNumbersTest, EdiOnBrokerTest) read only Avro events there.
     */
    @AfterEach
    void leaveTheTopicsEmpty(MdmaTestPlatform platform) throws Exception {
        platform.resetTopics();
        wipeAppAndGroups(platform);
    }

    @Test
    void aRestoredStreamsAppPostsNothingAgainAndGoesOn(MdmaTestPlatform platform) throws Exception {
        platform.resetTopics();
        wipeAppAndGroups(platform);
        Path work = Files.createTempDirectory(platform.workDir(), "backup-streams-");
        Path dest = work.resolve("offsite");
        List<String> topics = platform.topics().stream().map(TopicDefinition::name).toList();

        KafkaStreams app1 = start(platform, work.resolve("state-1"));
        try {
            send(platform, "A", "B");
            awaitPosted(platform, "B");
            // backed up while the app runs (idle)
            Backup.Result r = new Backup(new Backup.Stack(platform.kafkaClientProperties(), platform.registryUrl(),
                    platform.registryUsername(), platform.registryPassword(), Files.createDirectories(work.resolve("home")), topics),
                    System.out, Duration.ofSeconds(60)).backup(dest, Clock.system(ZoneOffset.UTC));
            assertTrue(r.consistent());
            String manifest = Files.readString(dest.resolve("increment-0001/manifest.txt"));
            assertTrue(manifest.contains("\n" + "segment\t" + APP + "-posted-changelog\t0\t"), "the app's changelog is in the backup");
            assertTrue(manifest.contains("\ngroup\t" + APP + "\t" + IN + "\t0\t"), "the app's input position is in the backup");
        } finally {
            stop(app1);
        }
        assertEquals(Map.of("A", "A|ISA13=1", "B", "B|ISA13=2"), posted(platform));

        // wipe everything, and a new registry
        platform.resetTopics();
        wipeAppAndGroups(platform);
        try (MdmaTestPlatform.EmptyRegistry registry2 = MdmaTestPlatform.startEmptyRegistry(
                Files.createDirectories(work.resolve("registry2")))) {
            new Backup(new Backup.Stack(platform.kafkaClientProperties(), registry2.url(), registry2.writerUsername(),
                    registry2.writerPassword(), Files.createDirectories(work.resolve("home2")), topics),
                    System.out, Duration.ofSeconds(60)).restore(dest, false);
        }

        // the app, started on an empty state directory: B again (a new version of it) and C are new input
        KafkaStreams app2 = start(platform, work.resolve("state-2"));
        try {
            send(platform, "B", "C");
            awaitPosted(platform, "C");
        } finally {
            stop(app2);
        }
        List<String> all = postedInOrder(platform);
        assertEquals(List.of("A|ISA13=1", "B|ISA13=2", "B|ISA13=3", "C|ISA13=4"), all.stream().sorted().toList(),
                "posted before the backup, and after the restore only what was new, control numbers going on");
    }

    private static KafkaStreams start(MdmaTestPlatform platform, Path stateDir) throws Exception {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("posted"), Serdes.String(), Serdes.Long()));
        b.stream(IN, Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Processor<String, String, String, String>() {
                    private KeyValueStore<String, Long> store;
                    private ProcessorContext<String, String> context;

                    @Override
                    public void init(ProcessorContext<String, String> context) {
                        this.context = context;
                        this.store = context.getStateStore("posted");
                    }

                    @Override
                    public void process(Record<String, String> record) {
                        // every input is a new version to post, with the next control number
                        Long last = store.get(CONTROL);
                        long next = last == null ? 1 : last + 1;
                        store.put(CONTROL, next);
                        context.forward(record.withValue(record.key() + "|ISA13=" + next));
                    }
                }, "posted")
                .to(OUT, Produced.with(Serdes.String(), Serdes.String()));
        Properties p = platform.kafkaClientProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        KafkaStreams app = new KafkaStreams(b.build(), p);
        app.start();
        Poll.until("the Streams app RUNNING", Duration.ofSeconds(60), () -> app.state() == KafkaStreams.State.RUNNING);
        return app;
    }

    /** Closes the app and leaves its group (Kafka Streams stays a member until its session times out otherwise). */
    @SuppressWarnings("deprecation")
    private static void stop(KafkaStreams app) {
        app.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)));
    }

    private static void send(MdmaTestPlatform platform, String... keys) throws Exception {
        Properties p = platform.kafkaClientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String k : keys) {
                // one partition: one task, one control number sequence
                producer.send(new ProducerRecord<>(IN, 0, k, "period of " + k)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitPosted(MdmaTestPlatform platform, String key) throws Exception {
        Poll.until(key + " posted", Duration.ofSeconds(60),
                () -> postedInOrder(platform).stream().anyMatch(v -> v.startsWith(key + "|")));
    }

    private static Map<String, String> posted(MdmaTestPlatform platform) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String v : postedInOrder(platform)) {
            out.put(v.substring(0, v.indexOf('|')), v);
        }
        return out;
    }

    /** Every committed record of the output topic (read to its end). */
    private static List<String> postedInOrder(MdmaTestPlatform platform) throws Exception {
        Properties p = platform.kafkaClientProperties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> out = new ArrayList<>();
        try (Admin admin = platform.admin();
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                parts.add(new TopicPartition(OUT, i));
            }
            Map<TopicPartition, OffsetSpec> spec = parts.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            var ends = admin.listOffsets(spec, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                    org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp).offset())) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition())).offset()) {
                        out.add(r.value());
                    }
                }
            }
        }
        return out;
    }

    private static void wipeAppAndGroups(MdmaTestPlatform platform) throws Exception {
        try (Admin admin = platform.admin()) {
            Set<String> groups = admin.listGroups().all().get(30, TimeUnit.SECONDS).stream().map(g -> g.groupId())
                    .collect(Collectors.toSet());
            MdmaTestPlatform.deleteGroupsWhenEmpty(admin, groups, Duration.ofSeconds(60));
            MdmaTestPlatform.deleteTopicsStartingWith(admin, "mdma-", Duration.ofSeconds(60));
        }
    }
}
