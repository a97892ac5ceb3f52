package energy.mdma.edi.topology;

import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.kafka.StreamsMeters;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Not a test: the CPU that Micrometer's Kafka binder ({@link KafkaStreamsMetrics}) costs edi. Quarkus binds it to
 * the edi's {@code KafkaStreams} with a refresh every 60 s: each refresh reads all of Kafka's metrics (the Streams
 * client's and those of its consumers, producer and admin client) and, when the set of metric names changed since the
 * last one (new tasks, stores, partitions or topics), goes through all of them again.
 *
 * <p>It starts edi's topology on the test platform's broker ({@link EdiOnBroker}: topics with the partition counts of
 * deploy/topics.csv, exactly-once), feeds the acceptance sample until both receivers' summaries are posted (so that
 * the per-task, per-store, per-topic and per-partition metrics exist), then, per variant, alternating, {@code rounds}
 * times: binds the binder to a new registry as the service has it (a composite registry holding a Prometheus registry),
 * which is the first scan (every meter registered), then runs {@code scans} full scans (the binder's scan when the
 * set of metric names changed: its memory of the last set is emptied first) and {@code scans} scans of an unchanged
 * set. Prints the CPU and bytes allocated per bind and per scan, the Kafka metrics and the meters registered.
 *
 * Then a Prometheus scrape (what {@code /q/metrics} renders) several times: its CPU and size.
 *
 * <p>Variants ({@code -Dvariants=quarkus,service}): {@code quarkus}, the binder as Quarkus 3.33.2 binds it (no
 * filter); {@code service}, with the services' filter ({@link StreamsMeters#PER_INSTANCE_ONLY}). How often the scan
 * runs is the refresh interval's ({@link StreamsMeters#REFRESH}; Quarkus' 60 s), not measured here.
 *
 * <pre>
 * ./mdma benchmark KafkaMetricsBenchmark [-Drounds=3] [-Dscans=5] [-Dvariants=quarkus]
 * </pre>
 */
public final class KafkaMetricsBenchmark {

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    record Variant(String name, Function<MeterRegistry, MeterRegistry> registry) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 3);
        int scans = Integer.getInteger("scans", 5);
        List<String> wanted = List.of(System.getProperty("variants", "quarkus,service").split(","));
        Map<String, Variant> all = new TreeMap<>();
        all.put("quarkus", new Variant("quarkus", r -> r));
        all.put("service", new Variant("service", r -> {
            r.config().meterFilter(StreamsMeters.PER_INSTANCE_ONLY);
            return r;
        }));
        List<Variant> variants = wanted.stream().map(all::get).toList();

        MdmaTestPlatform platform = MdmaTestPlatform.get();
        SampleResults sample = SampleResults.load();
        publish(platform, sample);
        Path state = Files.createTempDirectory("edi-metrics-bench");
        String appId = "mdma-edi-bench-" + UUID.randomUUID();
        try (KafkaStreams streams = EdiOnBroker.start(platform, appId, state)) {
            awaitSummaries(platform);
            Map<MetricName, ?> metrics = streams.metrics();
            System.out.printf("Kafka metrics: %d (%s)%n", metrics.size(), metrics.keySet().stream()
                    .collect(Collectors.groupingBy(MetricName::group, TreeMap::new, Collectors.counting())));
            ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor();
            for (int round = 1; round <= rounds; round++) {
                for (Variant v : variants) {
                    measure(round, v, streams, idle, scans);
                }
            }
            idle.shutdownNow();
        }
        System.exit(0);
    }

    private static void measure(int round, Variant variant, KafkaStreams streams, ScheduledExecutorService idle,
                                int scans) throws Exception {
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        composite.add(prometheus);
        MeterRegistry registry = variant.registry().apply(composite);
        // the refresh is never run by the scheduler: the scans below are called one by one
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, Tags.empty(), idle, Duration.ofDays(1));
        Class<?> kafkaMetrics = KafkaStreamsMetrics.class.getSuperclass();
        Method scan = kafkaMetrics.getDeclaredMethod("checkAndBindMetrics", MeterRegistry.class);
        scan.setAccessible(true);
        Field lastNames = kafkaMetrics.getDeclaredField("currentMeters");
        lastNames.setAccessible(true);

        long[] at = now();
        binder.bindTo(registry);
        long[] bind = since(at);
        int meters = registry.getMeters().size();

        at = now();
        for (int i = 0; i < scans; i++) {
            lastNames.set(binder, new HashSet<MetricName>());
            scan.invoke(binder, registry);
        }
        long[] changed = since(at);

        at = now();
        for (int i = 0; i < scans; i++) {
            scan.invoke(binder, registry);
        }
        long[] unchanged = since(at);
        int exposed = 0;
        at = now();
        for (int i = 0; i < scans; i++) {
            exposed = prometheus.scrape().length();
        }
        long[] scrape = since(at);
        System.out.printf("round %d %-8s Kafka metrics %5d, meters %4d (kafka %4d), page %7d chars | bind %7.1f ms"
                        + " %7.1f MB | full scan %7.1f ms %7.1f MB | unchanged scan %5.2f ms %5.2f MB | scrape %6.1f ms %6.1f MB%n",
                round, variant.name(), streams.metrics().size(), meters,
                registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("kafka.")).count(), exposed,
                bind[0] / 1e6, bind[1] / 1e6, changed[0] / 1e6 / scans, changed[1] / 1e6 / scans,
                unchanged[0] / 1e6 / scans, unchanged[1] / 1e6 / scans, scrape[0] / 1e6 / scans, scrape[1] / 1e6 / scans);
        if (round == 1) {
            Map<String, Long> perName = registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName)
                    .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
            System.out.println("  meters of the same name, most first: " + perName.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        }
        binder.close();
        composite.close();
    }

    private static long[] now() {
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) THREADS;
        return new long[] {t.getCurrentThreadCpuTime(), t.getCurrentThreadAllocatedBytes()};
    }

    private static long[] since(long[] start) {
        long[] end = now();
        return new long[] {end[0] - start[0], end[1] - start[1]};
    }

    private static void publish(MdmaTestPlatform platform, SampleResults sample) throws Exception {
        List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();
        sample.parties.forEach(x -> records.add(new ProducerRecord<>(Topics.PARTIES, x.getPartyId(), x)));
        sample.meters.forEach(x -> records.add(new ProducerRecord<>(Topics.METERS, x.getMeterId(), x)));
        sample.channels.forEach(x -> records.add(new ProducerRecord<>(Topics.CHANNELS,
                Topics.channelKey(x.getMeterId(), x.getChannel()), x)));
        sample.results.forEach(x -> records.add(new ProducerRecord<>(Topics.CHANNEL_PERIODS, x.getServiceAccount(), x)));
        Properties p = platform.kafkaClientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        Serializer<SpecificRecord> values = EventSerdes.<SpecificRecord>valueSerde(platform.registryUrl()).serializer();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(p, new StringSerializer(), values)) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    /** Until a summary is posted for every receiver of the sample: all of edi's stages have run. */
    private static void awaitSummaries(MdmaTestPlatform platform) {
        Properties c = platform.kafkaClientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "edi-metrics-bench-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.putAll(EventSerdes.config(platform.registryUrl()));
        java.util.Set<String> summaries = new HashSet<>();
        java.util.Set<String> receivers = new HashSet<>();
        try (KafkaConsumer<String, DocumentPosted> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                EventSerdes.<DocumentPosted>valueSerde(platform.registryUrl()).deserializer())) {
            consumer.subscribe(List.of(Topics.EDI_DOCUMENTS));
            Poll.until("both receivers' summaries", Duration.ofSeconds(240), () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    receivers.add(r.value().getReceiverPartyId());
                    if (r.value().getKind() == MailboxFileKind.SUMMARY) {
                        summaries.add(r.value().getReceiverPartyId());
                    }
                });
                return !receivers.isEmpty() && summaries.containsAll(receivers);
            });
        }
    }
}
