package energy.mdma.ingest.bench;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.Uom;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.kafka.HeadEndStreams;
import energy.mdma.ingest.kafka.HeadEndTopology;
import energy.mdma.ingest.kafka.MasterDataStore;
import energy.mdma.ingest.parse.HeadEndChecks;
import energy.mdma.kafka.EventDeserializer;
import energy.mdma.kafka.EventTopics;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.testsupport.MdmaTestPlatform;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Throughput and CPU of the head-end path alone, not a test: {@code bench.meters} meters (default 1,000) x
 * {@code bench.days} days (default 50) of IntervalBlocks (one per meter and day, 96 intervals at scale 6, as
 * {@code ./mdma bench} sends them) are published to mdma.headend.readings of the in-process broker and registry
 * ({@code MdmaTestPlatform}), then the head-end path (HeadEndStreams, principal ingest) starts and is timed until the
 * last block is readable, committed, on mdma.readings.intervals. Prints blocks/s, interval reads/s and the CPU seconds
 * of the head-end path's own threads (named after its application id: the stream thread and its producer), per
 * million interval reads.
 *
 * <p>Run: {@code ./mvnw -o -q -pl ingest-service -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test}, then {@code java -cp
 * ingest-service/target/test-classes:ingest-service/target/classes:$(cat /tmp/cp.txt)
 * energy.mdma.ingest.bench.HeadEndBenchmark}.
 */
public final class HeadEndBenchmark {
    private HeadEndBenchmark() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        int meters = Integer.getInteger("bench.meters", 1_000);
        int days = Integer.getInteger("bench.days", 50);
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        String registry = platform.registryUrl();
        AvroKafkaSerializer ser = new AvroKafkaSerializer();
        ser.configure(EventSerdes.config(registry), false);
        Serializer<Object> values = (Serializer<Object>) ser;

        Properties admin = platform.kafkaClientProperties();
        Properties p = new Properties();
        p.putAll(admin);
        p.put("linger.ms", "10");
        p.put("batch.size", Integer.toString(256 * 1024));
        p.put("compression.type", "lz4");
        Instant day0 = Instant.parse("2025-01-01T08:15:00Z");
        long t0 = System.nanoTime();
        try (KafkaProducer<String, Object> prod = new KafkaProducer<>(p, new StringSerializer(), values)) {
            for (int m = 0; m < meters; m++) {
                String id = meter(m);
                prod.send(new ProducerRecord<>(Topics.METERS, id, new MeterEvent(id, "SA" + m, "SCE", "ESP1", "Bench",
                        "01", 15, 5, new DecimalValue(1L, 0), "residential", "bench")));
                prod.send(new ProducerRecord<>(Topics.CHANNELS, Topics.channelKey(id, 1), new ChannelEvent(id, 1,
                        Uom.KWH, RawUnit.UNIT, new DecimalValue(1L, 0), 1_000_000L, "bench")));
            }
            for (int d = 0; d < days; d++) {
                Instant first = day0.plus(Duration.ofDays(d));
                for (int m = 0; m < meters; m++) {
                    List<Long> v = new ArrayList<>(96);
                    List<Integer> s = new ArrayList<>(96);
                    for (int k = 0; k < 96; k++) {
                        v.add(100_000L + (m * 31L + d * 7L + k) % 500_000L);
                        s.add(0);
                    }
                    String id = meter(m);
                    prod.send(new ProducerRecord<>(Topics.HEADEND_READINGS, Topics.channelKey(id, 1),
                            new IntervalBlock(id, 1, 15, first, 6, v, s, new Source(SourceType.HEADEND, "bench",
                                    (long) d * meters + m, first), "bench", (long) d * meters + m)));
                }
            }
            prod.flush();
        }
        long blocks = (long) meters * days;
        System.out.printf("published %,d blocks (%,d interval reads) in %.1f s%n", blocks, blocks * 96,
                (System.nanoTime() - t0) / 1e9);

        Properties ingest = platform.kafkaClientProperties("ingest");
        Properties c = new Properties();
        c.putAll(admin);
        c.put("isolation.level", "read_committed");
        c.put("client.id", "bench-counter");
        c.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<byte[], byte[]> counter = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             MasterDataStore masterData = new MasterDataStore(ingest, new EventDeserializer(registry),
                     new PartyDirectoryView()).start()) {
            if (!masterData.awaitReady(Duration.ofSeconds(120))) {
                throw new IllegalStateException("the master data did not load in 120 s");
            }
            Clock clock = Clock.systemUTC();
            HeadEndTopology.Counts counts = new HeadEndTopology.Counts();
            long cpu0 = headEndCpuNanos();
            long start = System.nanoTime();
            try (HeadEndStreams headEnd = new HeadEndStreams(HeadEndTopology.build(new EventDeserializer(registry),
                    new EventTopics(SerdeFactory.registry(registry)), new HeadEndChecks(masterData, clock), clock, counts), HeadEndStreams.config(ingest,
                    Files.createTempDirectory("headend-bench").toString(), "bench"), masterData, counts).start()) {
                counter.assign(counter.partitionsFor(Topics.INTERVALS).stream()
                        .map(pi -> new TopicPartition(pi.topic(), pi.partition())).toList());
                long out = 0;
                while (out < blocks) {
                    out += counter.poll(Duration.ofMillis(200)).count(); // committed blocks only (read_committed)
                    if (headEnd.failure().isPresent()) {
                        throw new IllegalStateException("the head-end path failed", headEnd.failure().get());
                    }
                    if (System.nanoTime() - start > 600_000_000_000L) {
                        throw new IllegalStateException("only " + out + " of " + blocks + " blocks in 600 s");
                    }
                }
                double secs = (System.nanoTime() - start) / 1e9;
                double cpu = (headEndCpuNanos() - cpu0) / 1e9;
                System.out.printf("head-end path: %,d blocks in %.1f s: %,.0f blocks/s, %,.0f interval reads/s; CPU of"
                        + " its threads %.1f s (%.2f s per million interval reads); rejected %d%n", blocks, secs,
                        blocks / secs, blocks * 96 / secs, cpu, cpu / (blocks * 96 / 1e6), counts.rejected().get());
            }
        }
        System.exit(0);
    }

    private static String meter(int m) {
        return String.format("HB%06d", m);
    }

    /** CPU time of the live threads whose names carry the head-end application id. */
    private static long headEndCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains(HeadEndStreams.APPLICATION_ID)) {
                long c = mx.getThreadCpuTime(t.getThreadId());
                sum += Math.max(0, c);
            }
        }
        return sum;
    }
}
