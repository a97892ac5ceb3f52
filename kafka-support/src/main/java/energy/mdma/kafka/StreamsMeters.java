package energy.mdma.kafka;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.util.NamedThreadFactory;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Kafka meters of a Kafka Streams service (vee, edi) at {@code /q/metrics}: Micrometer's
 * {@link KafkaStreamsMetrics}, bound by the service instead of Quarkus' Kafka binder
 * ({@code quarkus.micrometer.binder.kafka.enabled=false}), which offers neither setting below.
 *
 * <p>The binder looks for new Kafka metrics every {@link #REFRESH}. Whenever the set of metric names changed since
 * the last look (new tasks, stores, topics, partitions, connections), it goes through all of the client's metrics -
 * in edi under load about 7,200, 5,600 of them per state store (81 for each of its 69 store instances) - and compares
 * each with every meter of the same name: edi-service's KafkaMetricsBenchmark measured 205 MB allocated per look and
 * 90-750 ms of CPU (compiled or not). Quarkus' binder looks every minute; in a profile of {@code ./mdma bench} that
 * thread had 6.7% of edi's samples. A {@link MeterFilter} does not make the look cheaper (a denied metric is still
 * compared), so the look runs every {@link #REFRESH} instead, and {@link #PER_INSTANCE_ONLY} keeps the registry and
 * the Prometheus page to the meters of the client, its threads and tasks.
 */
public final class StreamsMeters implements AutoCloseable {

    /**
     * How often the binder looks for new Kafka metrics. What deploy/cluster/README.md promises (the threads' process
     * rate and commit latency, the state updater's restores) exists when the service binds, before Kafka Streams
     * starts; a task's meters, created when it is assigned, and those of a replaced stream thread come at the next
     * look.
     */
    public static final Duration REFRESH = Duration.ofMinutes(5);

    /** Tag keys of the meters per topic, partition, broker, processor or cache; a store's is {@code <type>.state.id}. */
    private static final Set<String> PER_PART_TAGS = Set.of("topic", "partition", "node.id", "processor.node.id",
            "record.cache.id");

    /**
     * Denies the Kafka meters per store, processor node, topic, partition, broker connection and record cache (in the
     * benchmark 7,111 meters become 563, the Prometheus page 1.76 MB becomes 0.15 MB and a scrape 26-70 ms and 11 MB
     * become 2-5 ms and 1.1 MB); keeps the meters of the Streams client, its threads, state updater and tasks, and the
     * client-level ones of its consumers, producer and admin client.
     */
    public static final MeterFilter PER_INSTANCE_ONLY = MeterFilter.deny(StreamsMeters::perPart);

    private final ScheduledExecutorService refresh;
    private final KafkaStreamsMetrics binder;

    private StreamsMeters(ScheduledExecutorService refresh, KafkaStreamsMetrics binder) {
        this.refresh = refresh;
        this.binder = binder;
    }

    /**
     * Binds the metrics of {@code streams} to {@code registry} (whose filters should include
     * {@link #PER_INSTANCE_ONLY}); {@link #close()} it when the service stops.
     */
    public static StreamsMeters bind(KafkaStreams streams, MeterRegistry registry) {
        ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(
                new NamedThreadFactory("micrometer-kafka-metrics"));
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, Tags.empty(), refresh, REFRESH);
        StreamsMeters meters = new StreamsMeters(refresh, binder);
        try {
            binder.bindTo(registry);
        } catch (RuntimeException e) {
            meters.close();
            throw e;
        }
        return meters;
    }

    /**
     * A service's binding, for its CDI wiring (kafka-support is no bean archive): {@link #bind} when Quarkus creates
     * the Kafka Streams client (once; an event of another client later changes nothing), {@link #close} at shutdown.
     */
    public static final class Binding {
        private StreamsMeters meters;

        public synchronized void bind(KafkaStreams streams, MeterRegistry registry) {
            if (meters == null) {
                meters = StreamsMeters.bind(streams, registry);
            }
        }

        public synchronized void close() {
            if (meters != null) {
                meters.close();
                meters = null;
            }
        }
    }

    static boolean perPart(Meter.Id id) {
        if (!id.getName().startsWith("kafka.")) {
            return false;
        }
        for (Tag tag : id.getTagsAsIterable()) {
            if (PER_PART_TAGS.contains(tag.getKey()) || tag.getKey().endsWith(".state.id")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        // the scheduler is ours (not the binder's): stopped here, after the binder removed its meters
        try {
            binder.close();
        } finally {
            refresh.shutdownNow();
        }
    }
}
