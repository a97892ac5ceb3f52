package energy.mdma.platform.broker.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import energy.mdma.platform.broker.BrokerSecurity;
import energy.mdma.platform.broker.TopicDefinition;
import energy.mdma.platform.broker.TopicDefinitions;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./mdma backup DEST}, {@code ./mdma restore SRC}, {@code ./mdma backup --verify SRC}: a consistent,
 * self-checking, incremental backup of what the MDMA cannot derive, and its restore into an empty stack.
 *
 * <p>What: every record of the topics of {@code deploy/topics.csv} (but the registry's journal: {@link #REGISTRY_TOPIC_PREFIX}) and of the Kafka Streams apps' own topics
 * ({@code mdma-*}: changelogs, repartition topics), with the consumer groups' committed offsets, so that after a
 * restore vee and edi find their state and their input positions as they were (nothing evaluated or posted again,
 * the control numbers go on); the schema registry's export (every schema with its global and content ids, which the
 * Avro bytes carry); the data files under {@code $MDMA_HOME/ingest} (raw uploads, reports). TLS material and
 * passwords are named in the manifest, never copied.
 *
 * <p>How: DEST holds numbered increments {@code increment-0001}, {@code increment-0002}, ... Each has
 * {@code manifest.txt} ({@link Manifest}: the SHA-256 of every file of the increment, the offsets it covers) and
 * {@code manifest.sha256}; an increment is written as {@code increment-N.partial} and renamed when complete. The
 * consistency point is taken at the start: the end offsets read_committed (last stable offsets) of every partition,
 * between two readings of the consumer groups' offsets that must agree (else retried; the manifest says
 * {@code consistent no} when they never did). The first increment reads each partition from its log start, the next
 * ones from the previous increment's end: only what is new. A file is stored once (by its SHA-256).
 *
 * <p>Restore: checks every checksum first (a damaged file is named, nothing is written), refuses a stack that is not
 * empty (unless forced: then the backed-up topics and groups are deleted first; the registry must be empty), imports
 * the registry export (ids preserved), creates missing topics with their configs, writes every partition's records
 * in order to the same partition (an idempotent producer, no transactions: only committed records were backed up),
 * translates each group's committed offset (the next record it reads) to the new offset of that record, and copies
 * the files back byte for byte.
 */
public final class Backup {

    /** Topics of the Kafka Streams apps (vee, edi: application ids mdma-vee..., mdma-edi...). */
    static final String STREAMS_TOPIC_PREFIX = "mdma-";
    /**
     * The schema registry's journal (mdma.registry.journal: its newest record is the whole registry as its export). Not
     * copied as a topic: the backup takes the registry's export (registry.zip, the same content with every id), and the
     * restore imports it into the registry, which records it in its journal again.
     */
    static final String REGISTRY_TOPIC_PREFIX = "mdma.registry.";
    /** Directories of $MDMA_HOME whose files are data (copied); their subdirectories named {@link #SKIPPED} are not. */
    static final List<String> DATA_DIRS = List.of("ingest");
    static final Set<String> SKIPPED = Set.of("ingest/tmp");
    /** Files and directories of $MDMA_HOME named by reference only (secrets, TLS material). */
    static final List<String> REFERENCES = List.of("security", "tls", "operator-password", "operator-initial-password");

    private static final Pattern INCREMENT = Pattern.compile("increment-(\\d{4,})");
    private static final Duration POLL = Duration.ofMillis(200);

    /** Where a backup reads from or a restore writes to. */
    public record Stack(Properties kafka, String registryUrl, String registryUsername, String registryPassword, Path home,
            List<String> topicsOfDefinitions) {
    }

    /** What a backup or restore did. */
    public record Result(int increment, long records, long bytes, int files, long millis, boolean consistent) {
    }

    private final Stack stack;
    private final PrintStream log;
    private final Duration timeout;

    public Backup(Stack stack, PrintStream log, Duration timeout) {
        this.stack = stack;
        this.log = log;
        this.timeout = timeout;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // backup

    /** Writes the next increment into {@code dest} (the first one when dest is empty or missing). */
    public Result backup(Path dest, Clock clock) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Files.createDirectories(dest);
        try (Stream<Path> s = Files.list(dest)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".partial")).toList()) {
                log("removing the unfinished increment " + p + " of an earlier backup that did not complete");
                deleteTree(p);
            }
        }
        List<Path> increments = increments(dest);
        Manifest previous = null;
        String previousSha = "-";
        Map<String, Integer> blobIncrement = new HashMap<>();
        if (!increments.isEmpty()) {
            // the earlier increments' manifests must be intact: the new one continues from them
            for (Path inc : increments) {
                Manifest m = readChecked(inc);
                m.blobs.forEach(b -> blobIncrement.put(b.sha256(), m.increment));
                previous = m;
            }
            previousSha = sha256(increments.get(increments.size() - 1).resolve(Manifest.FILE));
        }
        int number = previous == null ? 1 : previous.increment + 1;
        Path partial = dest.resolve(incrementName(number) + ".partial");
        Files.createDirectories(partial);

        Manifest m = new Manifest();
        m.increment = number;
        m.created = clock.instant();
        m.previous = previousSha;
        long records = 0;
        try (Admin admin = admin()) {
            List<String> topics = topicsToBackUp(admin);
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(ms(), TimeUnit.MILLISECONDS);
            Map<String, Map<String, String>> configs = topicConfigs(admin, topics);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                TopicDescription d = described.get(t);
                m.topics.add(new Manifest.Topic(t, d.partitions().size(), configs.get(t)));
                d.partitions().forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
            }
            // the consistency point: end offsets between two agreeing readings of the groups' offsets
            Map<String, Map<TopicPartition, OffsetAndMetadata>> groups = null;
            Map<TopicPartition, Long> ends = null;
            Map<TopicPartition, Long> starts = null;
            boolean consistent = false;
            for (int attempt = 1; attempt <= 20 && !consistent; attempt++) {
                Map<String, Map<TopicPartition, OffsetAndMetadata>> before = groupOffsets(admin, new HashSet<>(topics));
                ends = offsets(admin, partitions, OffsetSpec.latest());
                starts = offsets(admin, partitions, OffsetSpec.earliest());
                Map<String, Map<TopicPartition, OffsetAndMetadata>> after = groupOffsets(admin, new HashSet<>(topics));
                consistent = before.equals(after);
                groups = before;
            }
            m.consistent = consistent;
            if (!consistent) {
                log("WARNING: the consumer groups' offsets moved during each of 20 readings: the backup's groups are those read"
                        + " before its end offsets, and a restore may evaluate the last inputs again. For an exact point,"
                        + " stop the services while the backup takes its end offsets (./mdma stop ingest vee edi delivery)");
            }
            groups.forEach((g, offs) -> offs.forEach((tp, o) -> m.groups.add(new Manifest.Group(g, tp.topic(), tp.partition(), o.offset(),
                    o.metadata() == null ? "" : o.metadata()))));
            Map<String, Manifest.End> previousEnds = previous == null ? Map.of() : previous.endsByPartition();
            Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
            for (TopicPartition tp : partitions) {
                long end = ends.get(tp);
                long logStart = starts.get(tp);
                Manifest.End before = previousEnds.get(tp.topic() + "\t" + tp.partition());
                long from = before == null ? logStart : before.end();
                if (before != null && end < before.end()) {
                    throw new BackupException("partition " + tp + " ends at offset " + end + ", before where the previous"
                            + " increment ended (" + before.end() + "): the topic was deleted and created again since."
                            + " Take a full backup into a new, empty directory");
                }
                if (from < logStart) {
                    log("WARNING: " + tp + ": offsets " + from + ".." + (logStart - 1) + " were deleted (retention) before"
                            + " this backup read them");
                    from = logStart;
                }
                if (from < end) {
                    ranges.put(tp, new long[] {from, end});
                }
                m.ends.add(new Manifest.End(tp.topic(), tp.partition(), end, logStart));
            }
            records = copyPartitions(ranges, partial, m);
                } catch (ExecutionException | TimeoutException e) {
            throw new BackupException("the broker did not answer the backup (" + e + "); is it running? (./mdma status)", e);
        }
        m.registry = exportRegistry(partial.resolve("registry.zip"));
        int files = backUpFiles(m, previous, blobIncrement, partial);
        references(m);
        long bytes = writeManifest(m, partial);
        Path done = dest.resolve(incrementName(number));
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        log(String.format("backup increment %d in %s: %d records of %d partitions, %d new files, %d bytes, %d ms%s", number, done,
                records, m.ends.size(), m.blobs.size(), bytes, millis, m.consistent ? "" : " (groups not at one point: see the warning)"));
        return new Result(number, records, bytes, files, millis, m.consistent);
    }

    /**
     * Copies the records of offsets [from, end) of every partition, all partitions fetched at once; a partition's
     * segment file is closed (and listed in the manifest) as soon as its end is reached.
     */
    private long copyPartitions(Map<TopicPartition, long[]> ranges, Path dir, Manifest m) throws IOException {
        if (ranges.isEmpty()) {
            return 0;
        }
        long records = 0;
        Map<TopicPartition, SegmentFile.Writer> writers = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(ranges.keySet());
            ranges.forEach((tp, r) -> consumer.seek(tp, r[0]));
            Set<TopicPartition> open = new HashSet<>(ranges.keySet());
            long idleSince = System.nanoTime();
            while (!open.isEmpty()) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
                if (!polled.isEmpty()) {
                    idleSince = System.nanoTime();
                }
                for (TopicPartition tp : polled.partitions()) {
                    long end = ranges.get(tp)[1];
                    for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
                        if (r.offset() >= end) {
                            break;
                        }
                        SegmentFile.Writer w = writers.get(tp);
                        if (w == null) {
                            w = new SegmentFile.Writer(dir.resolve(segmentFile(tp)));
                            writers.put(tp, w);
                        }
                        w.write(r.offset(), r.timestamp(), r.key(), r.value(), r.headers());
                    }
                }
                List<TopicPartition> done = new ArrayList<>();
                for (TopicPartition tp : open) {
                    if (consumer.position(tp) >= ranges.get(tp)[1]) {
                        done.add(tp);
                    }
                }
                if (!done.isEmpty()) {
                    consumer.pause(done);
                    for (TopicPartition tp : done) {
                        open.remove(tp);
                        SegmentFile.Writer w = writers.remove(tp);
                        if (w != null) {
                            w.close();
                            long[] r = ranges.get(tp);
                            m.segments.add(new Manifest.Segment(tp.topic(), tp.partition(), r[0], r[1], w.records(), segmentFile(tp),
                                    w.sha256(), w.bytes()));
                            records += w.records();
                        }
                    }
                    idleSince = System.nanoTime();
                }
                if (System.nanoTime() - idleSince > timeout.toNanos()) {
                    TopicPartition tp = open.iterator().next();
                    throw new BackupException("reading " + tp + " stopped at offset " + consumer.position(tp) + " of "
                            + ranges.get(tp)[1] + " for " + timeout.toSeconds() + " s (and " + (open.size() - 1)
                            + " other partitions); is the broker well? (./mdma logs broker)");
                }
            }
        } finally {
            for (SegmentFile.Writer w : writers.values()) {
                w.close();
            }
        }
        return records;
    }

    private static String segmentFile(TopicPartition tp) {
        return "topics/" + tp.topic() + "/" + tp.partition() + ".seg";
    }

    private List<String> topicsToBackUp(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get(ms(), TimeUnit.MILLISECONDS);
        TreeSet<String> out = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (String t : stack.topicsOfDefinitions()) {
            if (t.startsWith(REGISTRY_TOPIC_PREFIX)) {
                continue;
            }
            if (existing.contains(t)) {
                out.add(t);
            } else {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            log("WARNING: topics of deploy/topics.csv missing on the broker, not in the backup: " + missing);
        }
        existing.stream().filter(t -> t.startsWith(STREAMS_TOPIC_PREFIX)).forEach(out::add);
        return new ArrayList<>(out);
    }

    private Map<String, Map<String, String>> topicConfigs(Admin admin, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> all = admin.describeConfigs(resources).all().get(ms(), TimeUnit.MILLISECONDS);
        Map<String, Map<String, String>> out = new HashMap<>();
        all.forEach((r, c) -> {
            Map<String, String> own = new TreeMap<>();
            for (ConfigEntry e : c.entries()) {
                if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && e.value() != null && !e.isSensitive()) {
                    own.put(e.name(), e.value());
                }
            }
            out.put(r.name(), own);
        });
        return out;
    }

    /** Committed offsets of every consumer group, on the given topics. */
    private Map<String, Map<TopicPartition, OffsetAndMetadata>> groupOffsets(Admin admin, Set<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Collection<GroupListing> listings = admin.listGroups().all().get(ms(), TimeUnit.MILLISECONDS);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> out = new TreeMap<>();
        for (GroupListing g : listings) {
            GroupType type = g.type().orElse(GroupType.CLASSIC);
            if (type != GroupType.CLASSIC && type != GroupType.CONSUMER) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(g.groupId())
                    .partitionsToOffsetAndMetadata().get(ms(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> own = new TreeMap<>(Backup::compare);
            offsets.forEach((tp, o) -> {
                if (o != null && topics.contains(tp.topic())) {
                    // the leader epoch is the source cluster's: not kept
                    own.put(tp, new OffsetAndMetadata(o.offset(), o.metadata()));
                }
            });
            if (!own.isEmpty()) {
                out.put(g.groupId(), own);
            }
        }
        return out;
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int c = a.topic().compareTo(b.topic());
        return c != 0 ? c : Integer.compare(a.partition(), b.partition());
    }

    private Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(ms(), TimeUnit.MILLISECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private Manifest.Checked exportRegistry(Path file) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/admin/export"))
                .timeout(timeout).header("Accept", "application/zip").GET().build();
        HttpResponse<Path> response = http().send(request, HttpResponse.BodyHandlers.ofFile(file));
        if (response.statusCode() != 200) {
            throw new BackupException("the schema registry's export (" + request.uri() + ") answered HTTP " + response.statusCode()
                    + ": is the registry running? (./mdma status, ./mdma logs registry)");
        }
        return new Manifest.Checked("registry.zip", sha256(file), Files.size(file));
    }

    /** Copies the data files that are new or changed since the previous increment; lists them all. */
    private int backUpFiles(Manifest m, Manifest previous, Map<String, Integer> blobIncrement, Path partial) throws IOException {
        Map<String, Manifest.DataFile> before = previous == null ? Map.of() : previous.filesByPath();
        Path home = stack.home();
        int copied = 0;
        for (String dir : DATA_DIRS) {
            Path root = home.resolve(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> found = new ArrayList<>();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return SKIPPED.contains(rel(home, d)) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        found.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // gone meanwhile (a temporary file)
                    }
                    throw e;
                }
            });
            found.sort(null);
            for (Path f : found) {
                String rel = rel(home, f);
                long size;
                long mtime;
                try {
                    size = Files.size(f);
                    mtime = Files.getLastModifiedTime(f).toMillis();
                } catch (NoSuchFileException e) {
                    continue;
                }
                Manifest.DataFile old = before.get(rel);
                if (old != null && old.size() == size && old.mtimeMillis() == mtime) {
                    m.files.add(old);
                    continue;
                }
                Path tmp = partial.resolve("files/.copy");
                Files.createDirectories(tmp.getParent());
                String sha;
                try (InputStream in = Files.newInputStream(f)) {
                    sha = copyHashing(in, tmp);
                } catch (NoSuchFileException e) {
                    continue;
                }
                long copiedSize = Files.size(tmp);
                Integer holder = blobIncrement.get(sha);
                if (holder == null) {
                    Files.move(tmp, partial.resolve("files/" + sha), StandardCopyOption.REPLACE_EXISTING);
                    m.blobs.add(new Manifest.Checked("files/" + sha, sha, copiedSize));
                    blobIncrement.put(sha, m.increment);
                    holder = m.increment;
                    copied++;
                } else {
                    Files.delete(tmp);
                }
                m.files.add(new Manifest.DataFile(rel, sha, copiedSize, mtime, holder));
            }
        }
        return copied;
    }

    /** Secret and TLS material: named with what it is, never copied; a certificate's SHA-256 (public) is noted. */
    private void references(Manifest m) throws IOException {
        Path home = stack.home();
        for (String name : REFERENCES) {
            Path p = home.resolve(name);
            List<Path> found = new ArrayList<>();
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).sorted().forEach(found::add);
                }
            } else if (Files.isRegularFile(p)) {
                found.add(p);
            }
            for (Path f : found) {
                String fn = f.getFileName().toString();
                boolean certificate = fn.endsWith(".pem") || fn.endsWith(".crt");
                m.references.add(new Manifest.Reference(rel(home, f), certificate ? "certificate" : "secret",
                        certificate ? "sha256=" + sha256(f) : "not copied: keep it in your secret store"));
            }
        }
    }

    private long writeManifest(Manifest m, Path dir) throws IOException {
        Path file = dir.resolve(Manifest.FILE);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            m.write(w);
        }
        Files.writeString(dir.resolve(Manifest.CHECKSUM_FILE), sha256(file) + "  " + Manifest.FILE + "\n", StandardCharsets.UTF_8);
        long bytes = Files.size(file);
        for (Manifest.Segment s : m.segments) {
            bytes += s.bytes();
        }
        for (Manifest.Checked b : m.blobs) {
            bytes += b.bytes();
        }
        return bytes + m.registry.bytes();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // verify

    /**
     * Checks every increment of a backup: each manifest against its checksum, each file against the manifest (size,
     * SHA-256), each increment continuing the previous one. Throws {@link BackupException} naming the first bad file.
     *
     * @return the manifests, oldest first
     */
    public static List<Manifest> verify(Path src, PrintStream log) throws IOException {
        List<Path> increments = increments(src);
        if (increments.isEmpty()) {
            throw new BackupException("no backup in " + src + " (no increment-NNNN directory with a manifest): check the path");
        }
        List<Manifest> out = new ArrayList<>();
        Manifest previous = null;
        Map<String, Path> blobs = new HashMap<>();
        long bytes = 0;
        for (Path inc : increments) {
            Manifest m = readChecked(inc);
            if (m.increment != out.size() + 1) {
                throw new BackupException("backup " + src + ": " + inc.getFileName() + " is increment " + m.increment + ", expected "
                        + (out.size() + 1) + ": an increment is missing; restore from another copy of the backup");
            }
            if (previous != null && !m.previous.equals(sha256(increments.get(out.size() - 1).resolve(Manifest.FILE)))) {
                throw new BackupException("backup " + src + ": " + inc.getFileName() + " does not continue the increment before it"
                        + " (its 'previous' checksum differs): the increments come from different backups");
            }
            Map<String, Manifest.End> ends = previous == null ? Map.of() : previous.endsByPartition();
            for (Manifest.Segment s : m.segments) {
                Manifest.End e = ends.get(s.topic() + "\t" + s.partition());
                if (e != null && s.from() < e.end()) {
                    throw new BackupException("backup " + src + ": " + inc.resolve(s.file()) + " starts at offset " + s.from()
                            + ", inside the previous increment (which ends at " + e.end() + "): the manifest is inconsistent");
                }
                bytes += check(inc.resolve(s.file()), s.sha256(), s.bytes());
            }
            bytes += check(inc.resolve(m.registry.file()), m.registry.sha256(), m.registry.bytes());
            for (Manifest.Checked b : m.blobs) {
                bytes += check(inc.resolve(b.file()), b.sha256(), b.bytes());
                blobs.put(b.sha256(), inc.resolve(b.file()));
            }
            for (Manifest.DataFile f : m.files) {
                if (!blobs.containsKey(f.sha256())) {
                    throw new BackupException("backup " + src + ": the bytes of " + f.path() + " (SHA-256 " + f.sha256() + ") should be in"
                            + " increment " + f.increment() + " but are not: the backup is incomplete");
                }
            }
            out.add(m);
            previous = m;
        }
        if (log != null) {
            log.printf("backup %s verified: %d increments, %d bytes, every checksum matches%n", src, out.size(), bytes);
        }
        return out;
    }

    private static long check(Path file, String sha, long bytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BackupException("backup file " + file + " is missing; restore from another copy of the backup");
        }
        long size = Files.size(file);
        String actual = sha256(file);
        if (size != bytes || !actual.equals(sha)) {
            throw new BackupException("backup file " + file + " is damaged: " + size + " bytes, SHA-256 " + actual + "; the manifest"
                    + " says " + bytes + " bytes, SHA-256 " + sha + ". Restore from another copy of the backup");
        }
        return size;
    }

    private static Manifest readChecked(Path inc) throws IOException {
        Path file = inc.resolve(Manifest.FILE);
        Path sum = inc.resolve(Manifest.CHECKSUM_FILE);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(sum)) {
            throw new BackupException("backup increment " + inc + " has no " + Manifest.FILE + " or " + Manifest.CHECKSUM_FILE
                    + ": it is incomplete or damaged; restore from another copy of the backup");
        }
        String expected = Files.readString(sum, StandardCharsets.UTF_8).strip().split("\\s+")[0];
        String actual = sha256(file);
        if (!expected.equals(actual)) {
            throw new BackupException("backup file " + file + " is damaged: SHA-256 " + actual + ", " + sum.getFileName()
                    + " says " + expected + ". Restore from another copy of the backup");
        }
        return Manifest.read(file);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // restore

    /**
     * Restores a backup (every increment) into this stack, which must be empty: no records in the backed-up topics,
     * no such consumer groups, no schemas in the registry, no different data files. With {@code force}, the backed-up
     * topics and groups that exist are deleted first and data files overwritten (the registry must still be empty).
     */
    public Result restore(Path src, boolean force) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<Manifest> manifests = verify(src, log);
        List<Path> dirs = increments(src);
        Manifest last = manifests.get(manifests.size() - 1);
        long records = 0;
        try (Admin admin = admin()) {
            checkEmpty(admin, last, force);
            importRegistry(dirs.get(dirs.size() - 1).resolve(last.registry.file()));
            createTopics(admin, last);
            // the groups' committed offsets (next record to read) per partition, translated while the records are written
            Map<TopicPartition, TreeMap<Long, List<Manifest.Group>>> wanted = new HashMap<>();
            for (Manifest.Group g : last.groups) {
                wanted.computeIfAbsent(new TopicPartition(g.topic(), g.partition()), k -> new TreeMap<>())
                        .computeIfAbsent(g.offset(), k -> new ArrayList<>()).add(g);
            }
            Map<String, Map<TopicPartition, OffsetAndMetadata>> translated = new TreeMap<>();
            // all partitions in one stream of sends (flushed once at the end); the producer keeps each partition's order
            Map<TopicPartition, Map<Long, Future<RecordMetadata>>> at = new HashMap<>();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                for (Manifest.End end : last.ends) {
                    TopicPartition tp = new TopicPartition(end.topic(), end.partition());
                    TreeMap<Long, List<Manifest.Group>> offsets = new TreeMap<>(wanted.getOrDefault(tp, new TreeMap<>()));
                    for (int i = 0; i < manifests.size(); i++) {
                        for (Manifest.Segment s : manifests.get(i).segments) {
                            if (!s.topic().equals(tp.topic()) || s.partition() != tp.partition()) {
                                continue;
                            }
                            try (SegmentFile.Reader r = new SegmentFile.Reader(dirs.get(i).resolve(s.file()))) {
                                SegmentFile.Entry e;
                                while ((e = r.next()) != null) {
                                    Future<RecordMetadata> f = producer.send(new ProducerRecord<>(tp.topic(), tp.partition(),
                                            e.timestamp(), e.key(), e.value(), e.headers()), (md, ex) -> {
                                                if (ex != null) {
                                                    failure.compareAndSet(null, failed(tp, ex));
                                                }
                                            });
                                    // every committed offset up to this record's source offset: this record is the next to read
                                    while (!offsets.isEmpty() && offsets.firstKey() <= e.offset()) {
                                        at.computeIfAbsent(tp, k -> new HashMap<>()).put(offsets.pollFirstEntry().getKey(), f);
                                    }
                                    records++;
                                    if (failure.get() != null) {
                                        throw failure.get();
                                    }
                                }
                            }
                        }
                    }
                }
                producer.flush();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            for (Map.Entry<TopicPartition, TreeMap<Long, List<Manifest.Group>>> byTp : wanted.entrySet()) {
                TopicPartition tp = byTp.getKey();
                long newEnd = -1;
                for (Map.Entry<Long, List<Manifest.Group>> w : byTp.getValue().entrySet()) {
                    Future<RecordMetadata> f = at.getOrDefault(tp, Map.of()).get(w.getKey());
                    if (f == null && newEnd < 0) {
                        // past the last record: the end of the partition as restored
                        newEnd = endOffset(admin, tp);
                    }
                    long mapped = f == null ? newEnd : get(f, tp).offset();
                    for (Manifest.Group g : w.getValue()) {
                        translated.computeIfAbsent(g.group(), k -> new HashMap<>()).put(tp, new OffsetAndMetadata(mapped, g.metadata()));
                    }
                }
            }
            for (Map.Entry<String, Map<TopicPartition, OffsetAndMetadata>> g : translated.entrySet()) {
                admin.alterConsumerGroupOffsets(g.getKey(), g.getValue()).all().get(ms(), TimeUnit.MILLISECONDS);
            }
            log("consumer groups restored: " + translated.keySet());
        } catch (ExecutionException | TimeoutException e) {
            throw new BackupException("the broker did not take the restore (" + e + "); is it running? (./mdma status)", e);
        }
        int files = restoreFiles(src, dirs, last);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        log(String.format("restored %s (%d increments) in %d ms: %d records of %d partitions, %d files, the registry's %s",
                src, manifests.size(), millis, records, last.ends.size(), files, last.registry.file()));
        if (!last.references.isEmpty()) {
            log("not in the backup (by reference; put them in place from your secret store if the new stack must keep them):");
            for (Manifest.Reference r : last.references) {
                log("  " + r.path() + "  " + r.kind() + "  " + r.detail());
            }
        }
        return new Result(last.increment, records, 0, files, millis, last.consistent);
    }

    private static BackupException failed(TopicPartition tp, Exception e) {
        return new BackupException("writing the records of " + tp + " failed: " + e + "; nothing was committed for the groups."
                + " Reset the stack (./mdma reset) and restore again", e);
    }

    private RecordMetadata get(Future<RecordMetadata> f, TopicPartition tp) throws InterruptedException {
        try {
            return f.get(ms(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw failed(tp, e);
        }
    }

    private long endOffset(Admin admin, TopicPartition tp) throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(ms(), TimeUnit.MILLISECONDS).get(tp).offset();
    }

    private void checkEmpty(Admin admin, Manifest last, boolean force)
            throws ExecutionException, InterruptedException, TimeoutException, IOException {
        long artifacts = registryArtifacts();
        if (artifacts > 0) {
            throw new BackupException("the schema registry " + stack.registryUrl() + " already holds " + artifacts + " schemas: a restore"
                    + " needs an empty registry to give the schemas back their ids. Start from an empty stack (./mdma reset, then"
                    + " ./mdma restore SRC, which starts only the broker and the registry)");
        }
        Set<String> existing = admin.listTopics().names().get(ms(), TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        for (Manifest.Topic t : last.topics) {
            if (existing.contains(t.name())) {
                int n = admin.describeTopics(List.of(t.name())).allTopicNames().get(ms(), TimeUnit.MILLISECONDS).get(t.name()).partitions().size();
                for (int p = 0; p < n; p++) {
                    partitions.add(new TopicPartition(t.name(), p));
                }
            }
        }
        Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
        Set<String> nonEmpty = ends.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getKey().topic())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> backedUpGroups = last.groups.stream().map(Manifest.Group::group).collect(Collectors.toSet());
        Set<String> groups = admin.listGroups().all().get(ms(), TimeUnit.MILLISECONDS).stream().map(GroupListing::groupId)
                .filter(backedUpGroups::contains).collect(Collectors.toCollection(TreeSet::new));
        List<String> files = new ArrayList<>();
        for (Manifest.DataFile f : last.files) {
            Path target = stack.home().resolve(f.path());
            if (Files.exists(target) && !sha256(target).equals(f.sha256())) {
                files.add(f.path());
            }
        }
        if (nonEmpty.isEmpty() && groups.isEmpty() && files.isEmpty()) {
            return;
        }
        String what = (nonEmpty.isEmpty() ? "" : "topics with records " + nonEmpty + "; ")
                + (groups.isEmpty() ? "" : "consumer groups " + groups + "; ")
                + (files.isEmpty() ? "" : files.size() + " different files under " + stack.home() + " (e.g. " + files.get(0) + "); ");
        if (!force) {
            throw new BackupException("the stack is not empty: " + what + "a restore goes into an empty stack. Stop the services and"
                    + " start from an empty one (./mdma reset, then ./mdma restore SRC), or pass --force to delete these topics"
                    + " and groups and overwrite the files");
        }
        log("--force: deleting " + what.replaceAll("; $", ""));
        if (!groups.isEmpty()) {
            admin.deleteConsumerGroups(groups).all().get(ms(), TimeUnit.MILLISECONDS);
        }
        if (!nonEmpty.isEmpty()) {
            admin.deleteTopics(nonEmpty).all().get(ms(), TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (admin.listTopics().names().get(ms(), TimeUnit.MILLISECONDS).stream().anyMatch(nonEmpty::contains)) {
                if (System.nanoTime() > deadline) {
                    throw new BackupException("the topics " + nonEmpty + " were not deleted within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        }
    }

    private void createTopics(Admin admin, Manifest last) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> existing = new HashMap<>();
        Set<String> names = admin.listTopics().names().get(ms(), TimeUnit.MILLISECONDS);
        List<String> present = last.topics.stream().map(Manifest.Topic::name).filter(names::contains).toList();
        if (!present.isEmpty()) {
            existing.putAll(admin.describeTopics(present).allTopicNames().get(ms(), TimeUnit.MILLISECONDS));
        }
        List<NewTopic> create = new ArrayList<>();
        for (Manifest.Topic t : last.topics) {
            TopicDescription d = existing.get(t.name());
            if (d == null) {
                create.add(new NewTopic(t.name(), java.util.Optional.of(t.partitions()), java.util.Optional.empty()).configs(t.configs()));
            } else if (d.partitions().size() != t.partitions()) {
                throw new BackupException("topic " + t.name() + " has " + d.partitions().size() + " partitions here and " + t.partitions()
                        + " in the backup: records keep their partition, so the counts must agree. Align deploy/topics.csv with"
                        + " the backup, ./mdma reset, and restore again");
            }
        }
        if (!create.isEmpty()) {
            admin.createTopics(create).all().get(ms(), TimeUnit.MILLISECONDS);
            // every new partition with a leader before the records go (else the producer retries, with warnings)
            List<String> names2 = create.stream().map(NewTopic::name).toList();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!allLed(admin, names2)) {
                if (System.nanoTime() > deadline) {
                    throw new BackupException("the topics created for the restore have no leader after " + timeout.toSeconds()
                            + " s: is the broker well? (./mdma logs broker)");
                }
                Thread.sleep(100);
            }
            log("created " + create.size() + " topics of the backup (Kafka Streams' own topics, or topics no longer in"
                    + " deploy/topics.csv)");
        }
    }

    /**
     * Whether every partition of the topics has a leader. A topic the broker does not know yet counts as not led: the
     * controller has created it, but the broker answering may not have its metadata yet (it comes a moment later).
     */
    private boolean allLed(Admin admin, List<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return admin.describeTopics(topics).allTopicNames().get(ms(), TimeUnit.MILLISECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private int restoreFiles(Path src, List<Path> dirs, Manifest last) throws IOException {
        int n = 0;
        for (Manifest.DataFile f : last.files) {
            Path target = stack.home().resolve(f.path()).normalize();
            if (!target.startsWith(stack.home())) {
                throw new BackupException("the backup names a file outside $MDMA_HOME: " + f.path() + "; it is not a backup of this tool");
            }
            if (Files.exists(target) && sha256(target).equals(f.sha256())) {
                continue;
            }
            Path blob = dirs.get(f.increment() - 1).resolve("files/" + f.sha256());
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".restoring");
            String sha;
            try (InputStream in = Files.newInputStream(blob)) {
                sha = copyHashing(in, tmp);
            }
            if (!sha.equals(f.sha256())) {
                Files.deleteIfExists(tmp);
                throw new BackupException("backup file " + blob + " changed while it was restored (SHA-256 " + sha + ", expected "
                        + f.sha256() + "); check the storage and restore again");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.fromMillis(f.mtimeMillis()));
            n++;
        }
        return n;
    }

    private long registryArtifacts() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/search/artifacts?limit=1"))
                .timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new BackupException("the schema registry (" + request.uri() + ") answered HTTP " + response.statusCode()
                    + ": is it running? (./mdma status, ./mdma logs registry)");
        }
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(response.body());
        if (!m.find()) {
            throw new BackupException("the schema registry's artifact search answered without a count: " + response.body());
        }
        return Long.parseLong(m.group(1));
    }

    private void importRegistry(Path zip) throws IOException, InterruptedException {
        if (stack.registryPassword() == null || stack.registryPassword().isEmpty()) {
            throw new BackupException("no password of the registry's writer account (MDMA_REGISTRY_PASSWORD): the import of the"
                    + " schemas needs it; ./mdma restore passes the one of $MDMA_HOME/security/registry.password");
        }
        String basic = Base64.getEncoder().encodeToString((stack.registryUsername() + ":" + stack.registryPassword())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/admin/import"))
                .timeout(timeout.multipliedBy(4))
                .header("Content-Type", "application/zip")
                .header("Authorization", "Basic " + basic)
                .header("X-Registry-Preserve-GlobalId", "true")
                .header("X-Registry-Preserve-ContentId", "true")
                .POST(HttpRequest.BodyPublishers.ofFile(zip)).build();
        HttpResponse<String> response = http().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new BackupException("the schema registry refused the import of " + zip + ": HTTP " + response.statusCode() + " "
                    + response.body() + (response.statusCode() == 401 ? " (wrong writer password: MDMA_REGISTRY_PASSWORD)" : ""));
        }
        log("registry: schemas imported with their ids from " + zip);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // clients, files

    private Admin admin() {
        Properties p = new Properties();
        p.putAll(stack.kafka());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(ms()));
        return Admin.create(p);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.putAll(stack.kafka());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mdma-backup");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.putAll(stack.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        // 867 documents travel with their bytes: up to 16 MiB (deploy/topics.csv)
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(17 * 1024 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(64 * 1024 * 1024));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(ms(), 120_000)));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mdma-restore");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    private long ms() {
        return timeout.toMillis();
    }

    private void log(String line) {
        if (log != null) {
            log.println(line);
        }
    }

    static String incrementName(int n) {
        return String.format("increment-%04d", n);
    }

    /** The complete increments of a backup directory (with a manifest), in order. */
    static List<Path> increments(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeMap<Integer, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                Matcher m = INCREMENT.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p)) {
                    out.put(Integer.parseInt(m.group(1)), p);
                }
            });
        }
        return new ArrayList<>(out.values());
    }

    private static String rel(Path home, Path p) {
        return home.relativize(p).toString().replace('\\', '/');
    }

    /**
     * A new SHA-256 digest: the backup's checksum (manifest, segments, files). The broker does not depend on schemas'
     * Sha256: ./mdma builds it on its own (-f platform/broker/pom.xml), with nothing installed.
     */
    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The digest so far in lower-case hex, as the manifest writes it (the digest is reset). */
    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest d = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), d)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return hex(d);
    }

    private static String copyHashing(InputStream in, Path target) throws IOException {
        MessageDigest d = sha256Digest();
        try (InputStream din = new DigestInputStream(in, d); OutputStream out = Files.newOutputStream(target)) {
            din.transferTo(out);
        }
        return hex(d);
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // command line

    /**
     * {@code Backup backup|restore|verify --bootstrap-server H:P --security-dir DIR --registry-url URL --home DIR
     * [--topics-file deploy/topics.csv] [--timeout S] [--force] PATH}; the registry's writer account from
     * MDMA_REGISTRY_USERNAME / MDMA_REGISTRY_PASSWORD (restore only). Exit 0 done, 1 failed (the message says why), 2 usage.
     */
    public static void main(String[] args) {
        String usage = "usage: Backup backup|restore|verify [--bootstrap-server H:P --security-dir DIR --registry-url URL"
                + " --home MDMA_HOME --topics-file FILE --timeout S --force] PATH";
        // the Kafka clients' INFO lines are noise here (slf4j-simple, if present)
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        if (args.length < 2) {
            System.err.println(usage);
            System.exit(2);
        }
        String command = args[0];
        String bootstrap = "localhost:9092";
        Path security = null;
        String registry = "http://localhost:8081/apis/registry/v2";
        Path home = null;
        Path topicsFile = null;
        int timeout = 60;
        boolean force = false;
        Path path = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-server" -> bootstrap = args[++i];
                case "--security-dir" -> security = Path.of(args[++i]);
                case "--registry-url" -> registry = args[++i];
                case "--home" -> home = Path.of(args[++i]);
                case "--topics-file" -> topicsFile = Path.of(args[++i]);
                case "--timeout" -> timeout = Integer.parseInt(args[++i]);
                case "--force" -> force = true;
                default -> {
                    if (args[i].startsWith("--") || path != null) {
                        System.err.println("unknown argument: " + args[i] + "; " + usage);
                        System.exit(2);
                    }
                    path = Path.of(args[i]);
                }
            }
        }
        if (path == null) {
            System.err.println(usage);
            System.exit(2);
        }
        try {
            if (command.equals("verify")) {
                verify(path.toAbsolutePath(), System.out);
                return;
            }
            if (security == null || home == null) {
                System.err.println("--security-dir and --home are required; " + usage);
                System.exit(2);
            }
            BrokerSecurity.Settings settings = BrokerSecurity.load(security);
            List<String> topics = (topicsFile != null ? TopicDefinitions.load(topicsFile) : TopicDefinitions.load()).stream()
                    .map(TopicDefinition::name).toList();
            String user = System.getenv().getOrDefault("MDMA_REGISTRY_USERNAME", "schema-writer");
            Stack stack = new Stack(BrokerSecurity.adminClient(settings, bootstrap), registry, user,
                    System.getenv("MDMA_REGISTRY_PASSWORD"), home.toAbsolutePath(), topics);
            Backup b = new Backup(stack, System.out, Duration.ofSeconds(timeout));
            switch (command) {
                case "backup" -> b.backup(path.toAbsolutePath(), Clock.systemUTC());
                case "restore" -> b.restore(path.toAbsolutePath(), force);
                default -> {
                    System.err.println(usage);
                    System.exit(2);
                }
            }
        } catch (BackupException e) {
            System.err.println("mdma: " + e.getMessage());
            System.exit(1);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("mdma: " + command + " failed: " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("mdma: " + command + " failed: " + e);
            System.exit(1);
        }
        System.exit(0);
    }
}
