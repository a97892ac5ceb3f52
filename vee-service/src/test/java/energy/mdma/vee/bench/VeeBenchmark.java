package energy.mdma.vee.bench;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.events.RawUnit;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.Uom;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.KafkaClientSecurity;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.vee.engine.ChannelEvaluator;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.ReceivedIntervals;
import energy.mdma.vee.model.VeeParameterCatalog;
import energy.mdma.vee.model.VeeParameters;
import energy.mdma.vee.topology.VeeTopology;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.logging.Level;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Throughput of the VEE hop, in interval reads per second: (a) the engine alone on synthetic channel-days
 * held in memory; (b) the Kafka Streams topology, exactly-once, on a real local KRaft broker with the
 * schema registry (test-support's in-process platform, or a running one: -Dbootstrap=... -Dregistry=...).
 *
 * <p>Synthetic data: {@code meters} one-channel 15-minute meters x {@code days} local days from
 * 2025-10-01 (crossing the fall-back day), read dates every 30 days, every 10th meter with a 1-hour gap
 * (LIN), every 25th with a 10-hour gap (HIST), every 50th with a spike.
 *
 * <p>Run: {@code mvn -o -pl vee-service test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test} then {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * energy.mdma.vee.bench.VeeBenchmark} with {@code -Dmeters=2000 -Ddays=50 -Dmode=engine|broker|both
 * -Dthreads=1}; {@code -Dmode=driver} runs the topology in TopologyTestDriver on a simulated wall clock (no broker),
 * {@code -Dmode=all} every mode.
 */
public final class VeeBenchmark {
    static final LocalDate START = LocalDate.of(2025, 10, 1);
    static final int IM = 15;

    final int meters = Integer.getInteger("meters", 2000);
    final int days = Integer.getInteger("days", 50);
    final Map<String, TreeMap<LocalDate, ReceivedIntervals.DayBlock>> data = new HashMap<>();
    final List<LocalDate> readDates = new ArrayList<>();
    long intervals;

    public static void main(String[] args) throws Exception {
        // as in the service (Quarkus: INFO): without this, JBoss LogManager's default lets TRACE through and Kafka
        // formats every record (StampedRecord/ProducerRecord.toString), which dominated earlier measurements
        org.jboss.logmanager.LogContext.getSystemLogContext().getLogger("")
                .setLevel(Level.parse(System.getProperty("logLevel", "INFO")));
        VeeBenchmark b = new VeeBenchmark();
        b.generate();
        String mode = System.getProperty("mode", "both");
        System.out.printf("synthetic: %d meters x %d days = %d channel-days, %d interval reads%n", b.meters, b.days,
                (long) b.meters * b.days, b.intervals);
        if (mode.equals("engine") || mode.equals("both") || mode.equals("all")) {
            b.engineOnly();
        }
        if (mode.equals("driver") || mode.equals("all")) {
            b.throughDriver();
        }
        if (mode.equals("broker") || mode.equals("both") || mode.equals("all")) {
            b.throughBroker();
        }
        System.exit(0);
    }

    static String meterId(int m) {
        return String.format("B%06d", m);
    }

    void generate() {
        for (LocalDate r = START; !r.isAfter(START.plusDays(days + 30)); r = r.plusDays(30)) {
            readDates.add(r);
        }
        for (int m = 0; m < meters; m++) {
            TreeMap<LocalDate, ReceivedIntervals.DayBlock> channel = new TreeMap<>();
            for (int d = 0; d < days; d++) {
                LocalDate day = START.plusDays(d);
                int n = LocalGrid.intervalsPerDay(day, IM);
                ReceivedIntervals.DayBlock b = ReceivedIntervals.DayBlock.empty(day, n);
                for (int k = 0; k < n; k++) {
                    // 0.1 .. 0.6 kWh with a daily shape, raw scale 6
                    b.values()[k] = 100_000 + ((m * 7919L + k * 104_729L + d * 13L) % 500_000);
                    b.present()[k] = true;
                }
                if (m % 10 == 3 && d == 5) {
                    gap(b, 40, 4);
                }
                if (m % 25 == 7 && d == 20) {
                    gap(b, 30, 40);
                }
                if (m % 50 == 11 && d == 33) {
                    b.values()[50] = 9_000_000;
                }
                channel.put(day, b);
                intervals += b.firstPresent() < 0 ? 0 : count(b);
            }
            data.put(meterId(m), channel);
        }
    }

    private static void gap(ReceivedIntervals.DayBlock b, int from, int n) {
        for (int k = from; k < from + n; k++) {
            b.present()[k] = false;
        }
    }

    private static int count(ReceivedIntervals.DayBlock b) {
        int c = 0;
        for (boolean p : b.present()) {
            c += p ? 1 : 0;
        }
        return c;
    }

    static ChannelConfig config(String meterId) {
        return new ChannelConfig(meterId, 1, Uom.KWH, RawUnit.UNIT,
                BigDecimal.ONE, 0, new BigDecimal("1.5"), IM, 5);
    }

    /** (a) every channel's 50 days arrive: windowed evaluation of the changed days, as the topology does. */
    void engineOnly() {
        VeeParameters p = VeeParameterCatalog.defaultsOnly().forMeterClass(null);
        Instant now = START.plusDays(days + 40).atStartOfDay(LocalGrid.ZONE).toInstant();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long results = 0;
            long checksum = 0;
            for (Map.Entry<String, TreeMap<LocalDate, ReceivedIntervals.DayBlock>> e : data.entrySet()) {
                TreeMap<LocalDate, ReceivedIntervals.DayBlock> days = e.getValue();
                ReceivedIntervals all = ReceivedIntervals.wrap(IM, days);
                ChannelEvaluator.Windowed w = ChannelEvaluator.evaluateChanged(config(e.getKey()), readDates,
                        days::get, all.firstReceived(), all.lastReceived(), List.of(), p, now, days.firstKey(),
                        days.lastKey());
                for (EvaluatedPeriod r : w.results()) {
                    results++;
                    checksum += r.total() == null ? 0 : r.total().unscaledValue().longValue();
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("engine only, round %d: %d channel-periods in %.2f s = %,.0f interval reads/s; %.2f s CPU = "
                    + "%,.0f interval reads per CPU-second (checksum %d)%n", round, results, s, intervals / s, cpu,
                    intervals / cpu, checksum);
        }
        // one day arriving per channel, as in daily operation: the window covers the periods that day affects
        // (three rounds: the first one also compiles this path)
        LocalDate last = START.plusDays(days - 1);
        Instant morning = last.plusDays(1).atTime(3, 0).atZone(LocalGrid.ZONE).toInstant();
        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long n = 0;
            for (Map.Entry<String, TreeMap<LocalDate, ReceivedIntervals.DayBlock>> e : data.entrySet()) {
                TreeMap<LocalDate, ReceivedIntervals.DayBlock> days = e.getValue();
                ReceivedIntervals all = ReceivedIntervals.wrap(IM, days);
                n += ChannelEvaluator.evaluateChanged(config(e.getKey()), readDates, days::get, all.firstReceived(),
                        all.lastReceived(), List.of(), p, morning, last, last).results().size();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("engine only, one new day per channel, round %d: %d channels in %.2f s = %,.0f channel-day "
                    + "arrivals/s (%,.0f interval reads/s of new data), %.2f s CPU = %,.0f per CPU-second, %d periods "
                    + "re-evaluated%n", round, data.size(), s, data.size() / s, data.size() * 96 / s, cpu,
                    data.size() / cpu, n);
        }
    }

    /** (b) through the topology on a real broker, exactly-once. */
    void throughBroker() throws Exception {
        String bootstrap = System.getProperty("bootstrap");
        String registry = System.getProperty("registry");
        // the clients' credentials: the test platform's super user, or on another broker (-Dbootstrap) the principal
        // of MDMA_KAFKA_USERNAME / MDMA_KAFKA_PASSWORD (KafkaClientSecurity)
        Properties security = new Properties();
        if (bootstrap == null) {
            MdmaTestPlatform platform = MdmaTestPlatform.get();
            bootstrap = platform.bootstrapServers();
            registry = platform.registryUrl();
            security.putAll(platform.kafkaClientProperties());
        } else {
            security.putAll(KafkaClientSecurity.fromEnvironment("vee"));
        }
        SerdeFactory serdes = SerdeFactory.registry(registry);
        Properties pp = new Properties();
        pp.putAll(security);
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        pp.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        pp.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        String runId = Long.toString(System.currentTimeMillis(), 36);
        String cycle = "BENCH" + runId;
        long t0 = System.nanoTime();
        long blocks = 0;
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(pp, new StringSerializer(),
                objectSerializer(serdes))) {
            for (LocalDate r : readDates) {
                producer.send(new ProducerRecord<>(Topics.SCHEDULES, cycle + ":" + r,
                        ScheduledReadDate.newBuilder().setReadCycle(cycle).setReadDate(r).build()));
            }
            for (String meterId : data.keySet()) {
                producer.send(new ProducerRecord<>(Topics.METERS, meterId, meter(meterId, cycle)));
                producer.send(new ProducerRecord<>(Topics.CHANNELS, Topics.channelKey(meterId, 1), channel(meterId)));
            }
            producer.flush();
            long seq = 0;
            for (Map.Entry<String, TreeMap<LocalDate, ReceivedIntervals.DayBlock>> e : data.entrySet()) {
                for (ReceivedIntervals.DayBlock b : e.getValue().values()) {
                    for (IntervalBlock block : blocks(e.getKey(), b, "bench-" + runId, seq)) {
                        producer.send(new ProducerRecord<>(Topics.INTERVALS, Topics.channelKey(e.getKey(), 1), block));
                        seq++;
                    }
                }
            }
            producer.flush();
            blocks = seq;
        }
        double produced = (System.nanoTime() - t0) / 1e9;
        System.out.printf("produced the input (registry serdes) in %.1f s = %,.0f interval reads/s%n", produced,
                intervals / produced);

        String appId = "mdma-vee-bench-" + runId;
        Path state = Files.createTempDirectory("vee-bench-state-");
        Properties sp = new Properties();
        sp.putAll(security);
        sp.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        sp.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        sp.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        sp.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        sp.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.getInteger("threads", 1));
        // as in the service's application.properties (-Dtuned=false: the settings before the tuning, for comparison)
        boolean tuned = Boolean.parseBoolean(System.getProperty("tuned", "true"));
        sp.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.getInteger("commitMs", tuned ? 1000 : 500));
        sp.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        sp.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 16 * 1024 * 1024);
        sp.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        sp.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        if (tuned) {
            sp.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 10);
            sp.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
            sp.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 8 * 1024 * 1024);
            sp.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, 5000);
            sp.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 32L * 1024 * 1024);
        }
        sp.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        VeeTopology.Settings settings = settings(1000);
        Duration every = settings.evaluateEvery();

        Properties cp = new Properties();
        cp.putAll(security);
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + runId);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Properties ap = new Properties();
        ap.putAll(security);
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, byte[]> results = new KafkaConsumer<>(cp, new StringDeserializer(),
                new ByteArrayDeserializer()); Admin admin = Admin.create(ap)) {
            results.subscribe(List.of(Topics.CHANNEL_PERIODS));
            while (results.assignment().isEmpty()) {
                results.poll(Duration.ofMillis(100));
            }
            results.seekToEnd(results.assignment());
            results.assignment().forEach(results::position);
            Set<TopicPartition> inputs = admin.describeTopics(List.of(Topics.INTERVALS)).allTopicNames().get()
                    .get(Topics.INTERVALS).partitions().stream()
                    .map(i -> new TopicPartition(Topics.INTERVALS, i.partition())).collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = new HashMap<>();
            ListOffsetsResult lo = admin.listOffsets(inputs.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())));
            for (TopicPartition tp : inputs) {
                ends.put(tp, lo.partitionResult(tp).get().offset());
            }
            KafkaStreams streams = new KafkaStreams(VeeTopology.build(serdes, VeeParameterCatalog.defaultsOnly(),
                    settings), sp);
            long start = System.nanoTime();
            streams.start();
            long count = 0;
            long lastResultAt = start;
            long consumedAt = 0;
            Map<String, byte[]> latest = new HashMap<>();
            while (true) {
                for (ConsumerRecord<String, byte[]> r : results.poll(Duration.ofMillis(200))) {
                    count++;
                    lastResultAt = System.nanoTime();
                    latest.put(r.key() + "@" + r.partition(), r.value());
                }
                if (consumedAt == 0) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                            .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    boolean all = true;
                    for (TopicPartition tp : inputs) {
                        OffsetAndMetadata o = committed.get(tp);
                        all &= ends.get(tp) == 0 || o != null && o.offset() >= ends.get(tp);
                    }
                    if (all) {
                        consumedAt = System.nanoTime();
                        System.out.printf("input consumed and committed after %.1f s%n", (consumedAt - start) / 1e9);
                    }
                }
                // done: input consumed and no new result for the settle-quiet time and 3 evaluation rounds
                if (consumedAt != 0 && System.nanoTime() - Math.max(lastResultAt, consumedAt)
                        > settleQuiet(settings).toNanos() + 3 * every.toNanos() + 2_000_000_000L) {
                    break;
                }
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
                    System.out.println("timeout");
                    break;
                }
            }
            // CPU time of the stream threads: robust against other load on the machine (wall time is not)
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpu = 0;
            for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (ti != null && ti.getThreadName().contains("StreamThread")) {
                    cpu += Math.max(0, mx.getThreadCpuTime(ti.getThreadId()));
                }
            }
            System.out.printf("stream thread CPU time: %.1f s = %,.0f interval reads per CPU-second, %.1f us per input "
                    + "block (%d blocks)%n", cpu / 1e9, intervals / (cpu / 1e9), cpu / 1e3 / blocks, blocks);
            double s = (lastResultAt - start) / 1e9;
            System.out.printf("through the broker (exactly_once_v2, %s stream thread(s), 6 partitions): %d result "
                    + "versions (%.2f per meter), last at %.1f s after start = %,.0f interval reads/s (%,.0f channel-days/s)%n",
                    sp.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG), count, count / (double) meters, s, intervals / s,
                    meters * (double) days / s);
            streams.close(Duration.ofSeconds(30));
        }
    }

    /** One block per run of received intervals of a channel-day (a gap splits the day), as ingest publishes them. */
    static List<IntervalBlock> blocks(String meterId, ReceivedIntervals.DayBlock b, String sourceId, long seq) {
        List<IntervalBlock> out = new ArrayList<>();
        int k = 0;
        int n = b.values().length;
        while (k < n) {
            if (!b.present()[k]) {
                k++;
                continue;
            }
            int s = k;
            List<Long> values = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();
            while (k < n && b.present()[k]) {
                values.add(b.values()[k]);
                statuses.add(0);
                k++;
            }
            out.add(IntervalBlock.newBuilder().setMeterId(meterId).setChannel(1).setIntervalMinutes(IM)
                    .setFirstIntervalEnd(LocalGrid.endOf(b.day(), s, IM)).setValueScale(6)
                    .setValues(values).setStatuses(statuses)
                    .setSource(Source.newBuilder().setType(SourceType.CSV).setId(sourceId)
                            .setSequence(seq + out.size()).setReceivedAt(Instant.now()).build())
                    .build());
        }
        return out;
    }

    static MeterEvent meter(String meterId, String cycle) {
        return MeterEvent.newBuilder().setServiceAccount("SA" + meterId).setUdcId("UDC").setEspId("ESP1")
                .setCustomerName("Bench").setMeterId(meterId).setReadCycle(cycle).setIntervalMinutes(IM).setDials(5)
                .setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(15).setScale(1).build()).build();
    }

    static ChannelEvent channel(String meterId) {
        return ChannelEvent.newBuilder().setMeterId(meterId).setChannel(1).setUom(Uom.KWH).setRawUnit(RawUnit.UNIT)
                .setPulseMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build())
                .setMaxPulsesPerInterval(0).build();
    }

    /** The topology's settings for the driver and broker runs (-DevaluateEveryMs, -DsettleQuietMs, -DsettleMaxMs). */
    static VeeTopology.Settings settings(long defaultEveryMs) {
        VeeTopology.Settings d = new VeeTopology.Settings(Duration.ofMillis(Long.getLong("evaluateEveryMs", defaultEveryMs)));
        if (System.getProperty("settleQuietMs") == null && System.getProperty("settleMaxMs") == null) {
            return d; // (also runs against the classes of a version without settling, for before/after figures)
        }
        return d.withSettle(Duration.ofMillis(Long.getLong("settleQuietMs", d.settleQuiet().toMillis())),
                Duration.ofMillis(Long.getLong("settleMaxMs", d.settleMax().toMillis())));
    }

    /** The settle-quiet time of the settings (zero for a version without settling). */
    static Duration settleQuiet(VeeTopology.Settings s) {
        try {
            return s.settleQuiet();
        } catch (NoSuchMethodError e) {
            return Duration.ZERO;
        }
    }

    /**
     * (c) the topology in TopologyTestDriver (RocksDB state stores, binary serdes, no broker), on a simulated wall
     * clock: the backlog arrives day after day for all meters at {@code -Drate} channel-days per simulated second
     * (default 2000) while the punctuations run; then, the next night, one new day per channel. Prints the CPU time
     * of storing the input and of the punctuations (the evaluations), and how many versions were published per
     * channel-period, and how many COMPLETE versions were replaced by a later one within the run (interim versions).
     */
    void throughDriver() throws Exception {
        SerdeFactory serdes = SerdeFactory.binary();
        Path shm = Path.of("/dev/shm");
        Path state = Files.isWritable(shm) ? Files.createTempDirectory(shm, "vee-bench-") : Files.createTempDirectory("vee-bench-");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "vee-bench-driver");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 32L * 1024 * 1024);
        LocalDate lastDay = START.plusDays(days - 1);
        // the backlog is caught up on the morning after its last day (the trailing period is not due yet)
        Instant clock = lastDay.plusDays(1).atTime(6, 0).atZone(LocalGrid.ZONE).toInstant();
        int rate = Integer.getInteger("rate", 2000);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String cycle = "BENCH";
        try (TopologyTestDriver driver = new TopologyTestDriver(
                VeeTopology.build(serdes, VeeParameterCatalog.defaultsOnly(), settings(2000)), p, clock)) {
            var keys = new StringSerializer();
            var meters = driver.createInputTopic(Topics.METERS, keys, serdes.serde(MeterEvent.class).serializer());
            var channels = driver.createInputTopic(Topics.CHANNELS, keys, serdes.serde(ChannelEvent.class).serializer());
            var schedules = driver.createInputTopic(Topics.SCHEDULES, keys, serdes.serde(ScheduledReadDate.class).serializer());
            var in = driver.createInputTopic(Topics.INTERVALS, keys, serdes.serde(IntervalBlock.class).serializer());
            var out = driver.createOutputTopic(Topics.CHANNEL_PERIODS, new StringDeserializer(),
                    serdes.serde(ChannelPeriodResult.class).deserializer());
            for (LocalDate r : readDates) {
                schedules.pipeInput(cycle + ":" + r, ScheduledReadDate.newBuilder().setReadCycle(cycle).setReadDate(r).build());
            }
            for (String meterId : data.keySet()) {
                meters.pipeInput(meterId, meter(meterId, cycle));
                channels.pipeInput(Topics.channelKey(meterId, 1), channel(meterId));
            }
            Tally backlog = new Tally();
            var alloc = (com.sun.management.ThreadMXBean) mx;
            long storeCpu = 0;
            long storeAlloc = 0;
            long evalCpu = 0;
            long sent = 0;
            long seq = 0;
            Instant wall = clock;
            int chunk = Math.max(1, rate / 10); // 100 ms of simulated time
            List<String> ids = new ArrayList<>(new TreeSet<>(data.keySet()));
            for (int d = 0; d < days; d++) {
                LocalDate day = START.plusDays(d);
                for (String meterId : ids) {
                    List<IntervalBlock> dayBlocks = blocks(meterId, data.get(meterId).get(day), "bench", seq);
                    long c0 = mx.getCurrentThreadCpuTime();
                    long a0 = alloc.getCurrentThreadAllocatedBytes();
                    for (IntervalBlock b : dayBlocks) {
                        in.pipeInput(Topics.channelKey(meterId, 1), b);
                        seq++;
                    }
                    storeAlloc += alloc.getCurrentThreadAllocatedBytes() - a0;
                    storeCpu += mx.getCurrentThreadCpuTime() - c0;
                    if (++sent % chunk == 0) {
                        long c1 = mx.getCurrentThreadCpuTime();
                        driver.advanceWallClockTime(Duration.ofMillis(100));
                        wall = wall.plusMillis(100);
                        evalCpu += mx.getCurrentThreadCpuTime() - c1;
                        backlog.add(out.readValuesToList());
                    }
                }
            }
            double arrival = sent / (double) rate;
            // then the backlog settles: the wall clock goes on, a second at a time, for 5 minutes
            for (int i = 0; i < 300; i++) {
                long c1 = mx.getCurrentThreadCpuTime();
                driver.advanceWallClockTime(Duration.ofSeconds(1));
                evalCpu += mx.getCurrentThreadCpuTime() - c1;
                backlog.add(out.readValuesToList());
            }
            wall = wall.plusSeconds(300);
            System.out.printf("driver, backlog: %d channel-days arriving over %.0f s of wall clock (%d/s): store %.2f s CPU, "
                    + "punctuations %.2f s CPU = %,.0f interval reads per evaluation CPU-second; %s%n", sent, arrival,
                    rate, storeCpu / 1e9, evalCpu / 1e9, intervals / (evalCpu / 1e9), backlog);
            // per input block (TopologyTestDriver commits after every record: the store figure includes that commit)
            System.out.printf("driver, backlog, per block (%d blocks): store %.1f us CPU and %,.0f bytes allocated, "
                    + "punctuations %.1f us CPU%n", seq, storeCpu / 1e3 / seq, storeAlloc / (double) seq,
                    evalCpu / 1e3 / seq);

            // the next nights, before the estimation deadline (02:00): one new day per channel (-Dnights, default 3)
            int nights = Integer.getInteger("nights", 3);
            long[] nightly = new long[nights];
            for (int night = 1; night <= nights; night++) {
                LocalDate next = lastDay.plusDays(night);
                Instant at = next.plusDays(1).atTime(1, 0).atZone(LocalGrid.ZONE).toInstant();
                driver.advanceWallClockTime(Duration.between(wall, at));
                wall = at;
                out.readValuesToList();
                long store1 = 0;
                for (int m = 0; m < ids.size(); m++) {
                    String meterId = ids.get(m);
                    long c0 = mx.getCurrentThreadCpuTime();
                    for (IntervalBlock block : blocks(meterId, dayBlock(meterId, m, next), "bench-" + next, seq)) {
                        in.pipeInput(Topics.channelKey(meterId, 1), block);
                        seq++;
                    }
                    store1 += mx.getCurrentThreadCpuTime() - c0;
                }
                long c2 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < 60; i++) {
                    driver.advanceWallClockTime(Duration.ofSeconds(1));
                }
                wall = wall.plusSeconds(60);
                long eval1 = mx.getCurrentThreadCpuTime() - c2;
                nightly[night - 1] = eval1;
                Tally daily = new Tally(out.readValuesToList());
                System.out.printf("driver, night %d, one new day per channel: store %.2f s CPU, punctuations %.2f s CPU "
                        + "= %,.0f channel-day evaluations per CPU-second; %s%n", night, store1 / 1e9, eval1 / 1e9,
                        ids.size() / (eval1 / 1e9), daily);
            }
            Arrays.sort(nightly);
            System.out.printf("driver, nights: punctuation CPU per channel-day arrival: min %.0f us, median %.0f us%n",
                    nightly[0] / 1e3 / ids.size(), nightly[nights / 2] / 1e3 / ids.size());
        }
    }

    /** The synthetic day of meter m (as {@link #generate} makes them, without gaps). */
    static ReceivedIntervals.DayBlock dayBlock(String meterId, int m, LocalDate day) {
        int d = (int) (day.toEpochDay() - START.toEpochDay());
        int n = LocalGrid.intervalsPerDay(day, IM);
        ReceivedIntervals.DayBlock b = ReceivedIntervals.DayBlock.empty(day, n);
        for (int k = 0; k < n; k++) {
            b.values()[k] = 100_000 + ((m * 7919L + k * 104_729L + d * 13L) % 500_000);
            b.present()[k] = true;
        }
        return b;
    }

    /** Versions published: per channel-period, and COMPLETE versions that a later version of the run replaced. */
    static final class Tally {
        int versions;
        final Map<String, List<PeriodState>> byKey = new HashMap<>();
        final Map<String, Integer> byState = new TreeMap<>();

        Tally() {
        }

        Tally(List<ChannelPeriodResult> results) {
            add(results);
        }

        /** Counts the results read so far (read them often: a backlog's versions need not all be held at once). */
        Tally add(List<ChannelPeriodResult> results) {
            for (ChannelPeriodResult r : results) {
                byKey.computeIfAbsent(r.getMeterId() + ":" + r.getChannel() + ":" + r.getPeriodEnd(),
                        k -> new ArrayList<>()).add(r.getState());
                byState.merge(r.getState().name(), 1, Integer::sum);
                versions++;
            }
            return this;
        }

        @Override
        public String toString() {
            int interim = 0;
            for (List<PeriodState> l : byKey.values()) {
                for (int i = 0; i < l.size() - 1; i++) {
                    interim += l.get(i) == PeriodState.COMPLETE ? 1 : 0;
                }
            }
            int channelPeriods = byKey.size();
            return String.format("%d versions of %d channel-periods (%.2f per channel-period, by state %s), %d COMPLETE "
                    + "versions replaced later", versions, channelPeriods,
                    channelPeriods == 0 ? 0.0 : versions / (double) channelPeriods, byState, interim);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serializer<Object> objectSerializer(SerdeFactory serdes) {
        Map<Class<?>, Serializer> byType = new HashMap<>();
        return (topic, data) -> {
            Serializer s = byType.computeIfAbsent(data.getClass(),
                    c -> serdes.serde((Class) c).serializer());
            return s.serialize(topic, data);
        };
    }

}
