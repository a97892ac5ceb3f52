package energy.mdma.delivery.kafka;

import energy.mdma.delivery.TestLog;
import energy.mdma.delivery.app.KafkaSupport;
import energy.mdma.delivery.archive.StoredArchiveIndex;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.delivery.mailbox.StoredMailboxStore;
import energy.mdma.delivery.store.ViewStore;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.CompactedTopicReplay;
import energy.mdma.kafka.EventDeserializer;
import energy.mdma.testsupport.MdmaTestPlatform;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * CPU and allocation per record of the views' replay on the test broker ({@link MdmaTestPlatform}): the stored
 * mailbox views (mdma.edi.documents and mdma.mailbox.events into a fresh {@link ViewStore}, checkpointed by
 * {@link StoreCheckpoints}) read from the beginning until caught up, as at a service's first start. The topics get
 * {@code -Dsmall=20000} small records (acknowledgements) and {@code -Ddocs=20} documents of {@code -DdocBytes=2000000}
 * bytes (867-like text, zstd-compressed by the producer as edi-service's are) first. Each round
 * replays once with the service's consumer settings ({@link KafkaSupport#replay}) and once with
 * {@code -DreferencePollRecords=4} records a poll (2 MiB a partition, 8 MiB a fetch: the former settings),
 * alternating, {@code -Drounds=3} rounds. Prints the replay thread's CPU ns and bytes allocated per record read,
 * and the heap's peak after a full collection before each run (the documents' share of a poll).
 *
 * <p>Run: {@code ./mdma benchmark ViewsReplayBenchmark}.
 */
public final class ViewsReplayBenchmark {

    public static void main(String[] args) throws Exception {
        int small = Integer.getInteger("small", 20_000);
        int docs = Integer.getInteger("docs", 20);
        int docBytes = Integer.getInteger("docBytes", 2_000_000);
        int rounds = Integer.getInteger("rounds", 3);
        int referencePollRecords = Integer.getInteger("referencePollRecords", 4);
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        String party = "VB" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Instant at = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        try (KafkaProducer<String, Object> p = producer(platform)) {
            for (int i = 0; i < docs; i++) {
                p.send(new ProducerRecord<>(Topics.EDI_DOCUMENTS, party, document(party, i, at, docBytes)));
                for (int j = 0; j < small / Math.max(1, docs); j++) {
                    p.send(new ProducerRecord<>(Topics.MAILBOX_EVENTS, party,
                            ViewsRestartTest.ack(party, i * 100_000 + j, at.plusSeconds(j))));
                }
            }
            p.flush();
        }
        System.out.printf("written: %d documents of %d bytes, %d small records%n", docs, docBytes, small);
        for (int round = 0; round < rounds; round++) {
            run(platform, "reference (" + referencePollRecords + " records a poll)", referencePollRecords);
            run(platform, "service settings", 0);
        }
        System.exit(0); // the platform's broker and registry threads would keep the program alive
    }

    private static void run(MdmaTestPlatform platform, String label, int referencePollRecords) throws Exception {
        Path dir = Files.createTempDirectory("views-bench");
        Path files = dir.resolve("files");
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        try (ViewStore db = ViewStore.open(dir.resolve("store"))) {
            FilesystemContentStore content = new FilesystemContentStore(files);
            MailboxStore store = new StoredMailboxStore(db, content, MailboxEventSink.NONE, Clock.systemUTC());
            MailboxProjection projection = new MailboxProjection(store, content, new StoredArchiveIndex(db), null,
                    e -> {
                    }, Clock.systemUTC(), Period.parse("P3Y90D"), ProjectionState.stored(db));
            StoreCheckpoints cp = new StoreCheckpoints(db, Set.of(Topics.EDI_DOCUMENTS, Topics.MAILBOX_EVENTS),
                    Set.of(), () -> Instant.now().minus(Duration.ofDays(2)), projection::openChunks, files);
            String name = "views-bench-" + UUID.randomUUID().toString().substring(0, 6);
            List<String> topics = List.of(Topics.EDI_DOCUMENTS, Topics.MAILBOX_EVENTS);
            CompactedTopicReplay.RecordHandler handler = rec -> projection.handle(rec, cp.fresh(rec));
            Properties connection = platform.kafkaClientProperties("delivery");
            CompactedTopicReplay replay;
            if (referencePollRecords > 0) {
                Properties p = new Properties();
                p.putAll(connection);
                p.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
                p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, referencePollRecords);
                p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 * 1024 * 1024);
                p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
                String registry = platform.registryUrl();
                replay = CompactedTopicReplay.ofRecords(name, p, topics, () -> new EventDeserializer(registry), handler)
                        .restartingOnFailure();
            } else {
                replay = KafkaSupport.replay(name, connection, platform.registryUrl(), name, topics, handler);
            }
            try (CompactedTopicReplay r = replay.checkpointedBy(cp).start()) {
                if (!r.syncNow(Duration.ofMinutes(10))) {
                    throw new IllegalStateException("not caught up: " + r.lastError());
                }
                Thread t = Thread.getAllStackTraces().keySet().stream()
                        .filter(x -> x.getName().equals("mdma-replay-" + name)).findFirst().orElseThrow();
                com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long cpu = mx.getThreadCpuTime(t.getId());
                long alloc = mx.getThreadAllocatedBytes(t.getId());
                long read = r.readSinceStart();
                long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(m -> m.getType() == java.lang.management.MemoryType.HEAP)
                        .mapToLong(m -> m.getPeakUsage().getUsed()).sum();
                System.out.printf("%-34s records %7d  cpu %7.0f ns/record  alloc %7.0f B/record  heap peak (sum of"
                        + " pools) %4d MiB%n", label, read, (double) cpu / read, (double) alloc / read, peak >> 20);
            }
        }
    }

    /** As {@link TestLog#producer}, with edi-service's compression and record size (its documents are zstd on the log). */
    private static KafkaProducer<String, Object> producer(MdmaTestPlatform platform) {
        java.util.Map<String, Object> c = new java.util.HashMap<>(energy.mdma.kafka.EventSerdes.config(platform.registryUrl()));
        platform.kafkaClientProperties().forEach((k, v) -> c.put(String.valueOf(k), v));
        c.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        c.put(org.apache.kafka.clients.producer.ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        c.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        io.apicurio.registry.serde.avro.AvroKafkaSerializer<Object> values = new io.apicurio.registry.serde.avro.AvroKafkaSerializer<>();
        values.configure(c, false);
        return new KafkaProducer<>(c, new org.apache.kafka.common.serialization.StringSerializer(), values);
    }

    /** An 867-like document of about {@code bytes} bytes: X12 segments, compressible as the real ones. */
    private static DocumentPosted document(String party, int i, Instant at, int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 64);
        int n = 0;
        while (sb.length() < bytes) {
            sb.append("QTY*QD*").append(1000 + (n * 7919) % 9000).append(".").append(n % 100).append("*KH~DTM*582****RD8*2026")
                    .append(String.format("%04d", n % 1231)).append("~");
            n++;
        }
        byte[] content = sb.toString().getBytes(StandardCharsets.UTF_8);
        DocumentPosted d = ViewsRestartTest.doc(party, i, at);
        d.setContent(ByteBuffer.wrap(content));
        d.setSha256(energy.mdma.events.Sha256.hex(content));
        return d;
    }
}
