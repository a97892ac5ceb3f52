package energy.mdma.ingest.bench;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.Uom;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.kafka.HeadEndStreams;
import energy.mdma.ingest.kafka.HeadEndTopology;
import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MeterInfo;
import energy.mdma.ingest.parse.HeadEndChecks;
import energy.mdma.ingest.parse.InMemoryMasterData;
import energy.mdma.kafka.EventDeserializer;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.kafka.EventSerializer;
import energy.mdma.kafka.EventTopics;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.testsupport.MdmaTestPlatform;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Not a test: the head-end path's own work per block - read, check, write the forwarded record - without a broker:
 * the topology of {@link HeadEndTopology} on TopologyTestDriver with the registry's serdes (the in-process registry of
 * {@code MdmaTestPlatform}), {@code bench.meters} meters (default 1,000) x {@code bench.days} days (default 10) of
 * IntervalBlocks (96 intervals at scale 6, written by the events' serializer as {@code ./mdma bench} sends them) piped
 * through {@code bench.rounds} times (default 12). Prints, per round after 4 warm-up rounds, the CPU microseconds and
 * the bytes allocated by the thread per block, then the median.
 *
 * <p>Run: {@code ./mdma benchmark HeadEndProcessorBenchmark [-Dbench.rounds=N]}.
 */
public final class HeadEndProcessorBenchmark {
    private HeadEndProcessorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int meters = Integer.getInteger("bench.meters", 1_000);
        int days = Integer.getInteger("bench.days", 10);
        int rounds = Integer.getInteger("bench.rounds", 12);
        String registry = MdmaTestPlatform.get().registryUrl();

        InMemoryMasterData md = new InMemoryMasterData();
        EventSerializer<IntervalBlock> ser = new EventSerializer<>();
        ser.configure(EventSerdes.config(registry), false);
        Instant day0 = Instant.parse("2025-01-01T08:15:00Z");
        List<byte[]> blocks = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int m = 0; m < meters; m++) {
            String id = String.format("HB%06d", m);
            md.put(new MeterInfo(id, "SA" + m, "SCE", "01", 15)).put(new ChannelInfo(id, 1, Uom.KWH, RawUnit.UNIT));
        }
        for (int d = 0; d < days; d++) {
            Instant first = day0.plus(Duration.ofDays(d));
            for (int m = 0; m < meters; m++) {
                String id = String.format("HB%06d", m);
                List<Long> v = new ArrayList<>(96);
                List<Integer> s = new ArrayList<>(96);
                for (int k = 0; k < 96; k++) {
                    v.add(100_000L + (m * 31L + d * 7L + k) % 500_000L);
                    s.add(0);
                }
                keys.add(Topics.channelKey(id, 1));
                blocks.add(ser.serialize(Topics.HEADEND_READINGS, new IntervalBlock(id, 1, 15, first, 6, v, s,
                        new Source(SourceType.HEADEND, "bench", (long) d * meters + m, first), "bench",
                        (long) d * meters + m)));
            }
        }

        Clock clock = Clock.systemUTC();
        HeadEndTopology.Counts counts = new HeadEndTopology.Counts();
        Properties config = HeadEndStreams.config(new Properties(), "unused", "bench");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        double[] cpu = new double[rounds];
        double[] alloc = new double[rounds];
        try (TopologyTestDriver driver = new TopologyTestDriver(HeadEndTopology.build(new EventDeserializer(registry),
                new EventTopics(SerdeFactory.registry(registry)), new HeadEndChecks(md, clock), clock, counts), config)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(Topics.HEADEND_READINGS,
                    new StringSerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic(Topics.INTERVALS,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            for (int round = -4; round < rounds; round++) {
                long c0 = threads.getThreadCpuTime(thread);
                long a0 = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < blocks.size(); i++) {
                    in.pipeInput(keys.get(i), blocks.get(i), day0);
                    if (i % 1_000 == 999) {
                        out.readRecordsToList(); // the driver keeps what is forwarded until read
                    }
                }
                out.readRecordsToList();
                if (round >= 0) {
                    cpu[round] = (threads.getThreadCpuTime(thread) - c0) / 1e3 / blocks.size();
                    alloc[round] = (threads.getThreadAllocatedBytes(thread) - a0) / (double) blocks.size();
                    System.out.printf("round %2d: %6.2f us CPU, %,8.0f bytes allocated per block%n", round, cpu[round],
                            alloc[round]);
                }
            }
        }
        if (counts.rejected().get() != 0) {
            throw new IllegalStateException(counts.rejected().get() + " blocks rejected");
        }
        Arrays.sort(cpu);
        Arrays.sort(alloc);
        System.out.printf("head-end processor, %,d blocks of 96 x %d rounds: median %.2f us CPU (best %.2f), %,.0f bytes"
                + " allocated per block%n", blocks.size(), rounds, cpu[rounds / 2], cpu[0], alloc[rounds / 2]);
        System.exit(0);
    }
}
