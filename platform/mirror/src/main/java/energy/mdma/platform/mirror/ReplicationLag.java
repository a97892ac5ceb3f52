package energy.mdma.platform.mirror;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import energy.mdma.platform.broker.BrokerSecurity;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far the second site is behind: per topic, the committed records on the primary that are not (yet) on the
 * second site. Records are counted (read_committed), not offsets: transaction markers take offsets on the primary
 * that MirrorMaker does not copy, so offsets of the two sites differ for the same records.
 *
 * <pre>
 *   ReplicationLag status   --primary H:P --dr H:P --security-dir DIR
 *       live lag of every replicated topic (the second site is counted first, so a busy topic shows at most its lag)
 *   ReplicationLag snapshot --dr H:P --security-dir DIR --file F
 *       the second site's end offsets now (at failover, before services write there) into F
 *   ReplicationLag compare  --primary H:P --dr H:P --security-dir DIR --file F
 *       the records of the primary missing on the second site as it was at the snapshot: "lost N, duplicated M"
 * </pre>
 * With both sites identical a topic's lag is 0; a record on the second site that the primary does not have counts as
 * duplicated (MirrorMaker without exactly-once may copy a record twice).
 */
public final class ReplicationLag {

    /**
     * Count of one topic on both sites. A Kafka Streams repartition topic is purged on the primary by its app
     * (deleteRecords once consumed) while the copies stay on the second site: more records there are not duplicates.
     */
    public record TopicLag(String topic, long primary, long dr) {
        public long missing() {
            return Math.max(0, primary - dr);
        }

        public long extra() {
            return purgedByStreams() ? 0 : Math.max(0, dr - primary);
        }

        public boolean purgedByStreams() {
            return topic.endsWith("-repartition");
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ReplicationLag() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        String mode = args[0];
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        if (!o.containsKey("--security-dir")) {
            usage();
        }
        BrokerSecurity.Settings security = BrokerSecurity.load(Path.of(o.get("--security-dir")));
        Pattern topics = Pattern.compile(o.getOrDefault("--topics", MirrorSettings.TOPICS_REGEX));
        PrintStream out = System.out;
        switch (mode) {
            // status: live lag; compare: the second site as the failover snapshot saw it, the records lost
            case "status", "compare" -> {
                Map<TopicPartition, Long> snapshot = mode.equals("compare") ? readSnapshot(Path.of(required(o, "--file"))) : null;
                Properties dr = BrokerSecurity.adminClient(security, required(o, "--dr"));
                Properties primary = BrokerSecurity.adminClient(security, required(o, "--primary"));
                Set<String> names = topics(primary, topics);
                Map<TopicPartition, Long> drCounts = count(dr, names, snapshot);
                Map<TopicPartition, Long> primaryCounts = count(primary, names, null);
                print(byTopic(primaryCounts, drCounts), out, snapshot == null ? "lag" : "lost");
            }
            case "snapshot" -> {
                Properties dr = BrokerSecurity.adminClient(security, required(o, "--dr"));
                Map<TopicPartition, Long> ends = endOffsets(dr, topics(dr, topics));
                List<String> lines = new ArrayList<>();
                lines.add("# end offsets of the second site at " + Instant.now() + ": topic,partition,offset");
                ends.forEach((tp, end) -> lines.add(tp.topic() + "," + tp.partition() + "," + end));
                Files.write(Path.of(required(o, "--file")), lines, StandardCharsets.UTF_8);
                out.println("snapshot: end offsets of " + ends.size() + " partitions on " + o.get("--dr") + " in " + o.get("--file"));
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: ReplicationLag status --primary H:P --dr H:P --security-dir DIR [--topics REGEX]\n"
                + "       ReplicationLag snapshot --dr H:P --security-dir DIR --file F\n"
                + "       ReplicationLag compare --primary H:P --dr H:P --security-dir DIR --file F");
        System.exit(2);
    }

    private static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null || v.isBlank()) {
            System.err.println("ReplicationLag: " + name + " is missing");
            usage();
        }
        return v;
    }

    /** Per-topic table and the total line ("lag N" or "lost N, duplicated M"). */
    static void print(List<TopicLag> lags, PrintStream out, String word) {
        out.printf("%-60s %12s %12s %10s%n", "TOPIC", "PRIMARY", "DR", word.toUpperCase());
        long missing = 0;
        long extra = 0;
        for (TopicLag l : lags) {
            out.printf("%-60s %12d %12d %10s%n", l.topic(), l.primary(), l.dr(),
                    l.extra() > 0 ? "+" + l.extra() : Long.toString(l.missing()) + (l.purgedByStreams() ? " (purged)" : ""));
            missing += l.missing();
            extra += l.extra();
        }
        out.println(word + " " + missing + ", duplicated " + extra + " (records; " + lags.size() + " topics"
                + "; Streams repartition topics are purged on the primary as they are consumed, not on the second site)");
    }

    /** The replicated topics of a cluster (names matching {@code include}). */
    public static Set<String> topics(Properties client, Pattern include) throws Exception {
        try (Admin admin = Admin.create(client)) {
            Set<String> names = new TreeSet<>();
            for (String t : admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                if (include.matcher(t).matches()) {
                    names.add(t);
                }
            }
            return names;
        }
    }

    /** Sums partition counts per topic; a topic missing on one side counts 0 there. */
    public static List<TopicLag> byTopic(Map<TopicPartition, Long> primary, Map<TopicPartition, Long> dr) {
        Map<String, long[]> sums = new TreeMap<>();
        primary.forEach((tp, n) -> sums.computeIfAbsent(tp.topic(), k -> new long[2])[0] += n);
        dr.forEach((tp, n) -> sums.computeIfAbsent(tp.topic(), k -> new long[2])[1] += n);
        List<TopicLag> out = new ArrayList<>();
        sums.forEach((t, s) -> out.add(new TopicLag(t, s[0], s[1])));
        return out;
    }

    /** read_committed end offsets (last stable offsets) of every partition of {@code topics} that exist there. */
    static Map<TopicPartition, Long> endOffsets(Properties client, Set<String> topics) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(client)) {
            return consumer.endOffsets(partitions(client, topics), TIMEOUT);
        }
    }

    /**
     * Committed records per partition of {@code topics} (those that exist on that cluster), from the beginning up to
     * the end offset now, or up to {@code until}'s offset for the partitions it names (a partition it does not name
     * counts 0: it did not exist then).
     */
    public static Map<TopicPartition, Long> count(Properties client, Set<String> topics, Map<TopicPartition, Long> until)
            throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(client)) {
            List<TopicPartition> partitions = partitions(client, topics);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, TIMEOUT));
            if (until != null) {
                for (TopicPartition tp : partitions) {
                    ends.put(tp, Math.min(ends.get(tp), until.getOrDefault(tp, 0L)));
                }
            }
            Map<TopicPartition, Long> counts = new HashMap<>();
            List<TopicPartition> open = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                counts.put(tp, 0L);
                if (ends.get(tp) > 0) {
                    open.add(tp);
                }
            }
            consumer.assign(open);
            consumer.seekToBeginning(open);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!open.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (TopicPartition tp : records.partitions()) {
                    long end = ends.get(tp);
                    long n = records.records(tp).stream().filter(r -> r.offset() < end).count();
                    counts.merge(tp, n, Long::sum);
                }
                List<TopicPartition> done = new ArrayList<>();
                for (TopicPartition tp : open) {
                    if (consumer.position(tp) >= ends.get(tp)) {
                        done.add(tp);
                    }
                }
                if (!done.isEmpty()) {
                    open.removeAll(done);
                    consumer.assign(open);
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("counting the records of " + client.getProperty("bootstrap.servers")
                            + " took over " + TIMEOUT.toSeconds() + " s; not done: " + open);
                }
            }
            return counts;
        }
    }

    private static List<TopicPartition> partitions(Properties client, Set<String> topics)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try (Admin admin = Admin.create(client)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<String> present = topics.stream().filter(existing::contains).toList();
            List<TopicPartition> out = new ArrayList<>();
            for (TopicDescription d : admin.describeTopics(present).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values()) {
                d.partitions().forEach(p -> out.add(new TopicPartition(d.name(), p.partition())));
            }
            return out;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mdma-replication-lag");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static Map<TopicPartition, Long> readSnapshot(Path file) throws IOException {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            out.put(new TopicPartition(f[0], Integer.parseInt(f[1])), Long.parseLong(f[2]));
        }
        return out;
    }
}
