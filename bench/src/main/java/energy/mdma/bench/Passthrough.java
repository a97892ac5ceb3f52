package energy.mdma.bench;

import energy.mdma.events.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The raw Kafka reference: the same blocks, in the same order, published to a scratch topic (as many partitions
 * as mdma.readings.intervals) and copied by one plain exactly-once consume-produce loop (transactions,
 * read_committed, offsets in the transaction) to a second scratch topic; timed from the first block sent until all
 * are readable committed downstream. The topics are deleted afterwards.
 *
 * <p>With {@code hops} above 1 the blocks go through a chain of that many such loops (each its own thread, consumer
 * group and transactional producer, topic to topic): the Kafka work of a pipeline of as many hops with no logic at
 * all - the bound any pipeline of that length meets on the same machine (the end to end has four: head-end topic,
 * intervals, results, documents).
 */
final class Passthrough {

    /** The measured figures. */
    record Result(int partitions, int hops, double seconds, long blocks, long reads, Map<String, Double> cpu) {
        double readsPerSecond() {
            return reads / seconds;
        }
    }

    private final BenchData data;
    private final byte[] header;
    private final String bootstrap;
    private final Supplier<Properties> producerProps;
    private final Supplier<Properties> consumerProps;
    private final CpuTimes cpu;
    private final int timeoutSeconds;
    private final int hops;
    /** The round of the measurement (1, 2, ...): the scratch topics and the transactional ids are each round's own. */
    private final int round;

    Passthrough(BenchData data, byte[] header, String bootstrap, Supplier<Properties> producerProps,
                Supplier<Properties> consumerProps, CpuTimes cpu, int timeoutSeconds, int hops, int round) {
        if (hops < 1) {
            throw new IllegalArgumentException("a passthrough has at least one hop, not " + hops);
        }
        this.hops = hops;
        this.round = round;
        this.data = data;
        this.header = header;
        this.bootstrap = bootstrap;
        this.producerProps = producerProps;
        this.consumerProps = consumerProps;
        this.cpu = cpu;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Runs it; empty on a timeout (printed). */
    Optional<Result> run() throws Exception {
        String suffix = runSuffix();
        List<String> topics = new ArrayList<>();
        topics.add("mdma.bench.passthrough-in-" + suffix);
        for (int h = 1; h < hops; h++) {
            topics.add("mdma.bench.passthrough-hop" + h + "-" + suffix);
        }
        topics.add("mdma.bench.passthrough-out-" + suffix);
        Properties ap = new Properties();
        ap.putAll(MdmaBench.kafkaSecurity());
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(ap)) {
            int partitions = admin.describeTopics(List.of(Topics.INTERVALS)).allTopicNames().get()
                    .get(Topics.INTERVALS).partitions().size();
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, Optional.of(partitions), Optional.empty()))
                    .toList()).all().get();
            try {
                return run(topics, partitions);
            } finally {
                admin.deleteTopics(topics).all().get();
            }
        }
    }

    private Optional<Result> run(List<String> topics, int partitions) throws Exception {
        String in = topics.get(0);
        String out = topics.get(topics.size() - 1);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<AtomicBoolean> ready = new ArrayList<>();
        List<Thread> loops = new ArrayList<>();
        for (int h = 0; h < hops; h++) {
            AtomicBoolean hopReady = new AtomicBoolean();
            String from = topics.get(h);
            String to = topics.get(h + 1);
            String id = "bench-passthrough-" + runSuffix() + (hops > 1 ? "-hop" + (h + 1) : "");
            Thread loop = new Thread(() -> copy(from, to, id, stop, hopReady, failed), "passthrough-" + (h + 1));
            ready.add(hopReady);
            loops.add(loop);
            loop.start();
        }
        long waitUntil = System.nanoTime() + 60_000_000_000L;
        while (!ready.stream().allMatch(AtomicBoolean::get) && failed.get() == null && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        if (!ready.stream().allMatch(AtomicBoolean::get)) {
            stop.set(true);
            joinAll(loops);
            throw new IllegalStateException("the passthrough loops did not get their partitions", failed.get());
        }
        try (KafkaConsumer<byte[], byte[]> check = new KafkaConsumer<>(consumerProps.get(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(out, p));
            }
            check.assign(tps);
            check.seekToBeginning(tps);
            tps.forEach(check::position);
            Map<String, Double> cpu0 = cpu.sample();
            BlockPublisher publisher = new BlockPublisher(data, header, in, producerProps.get(), false, 0);
            long t0 = System.nanoTime();
            publisher.start("passthrough-publisher");
            long seen = 0;
            long total = data.blocks();
            long deadline = t0 + Duration.ofSeconds(timeoutSeconds).toNanos();
            long lastReport = t0;
            while (seen < total && failed.get() == null && publisher.failure.get() == null
                    && System.nanoTime() < deadline) {
                seen += check.poll(Duration.ofMillis(100)).count();
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf(Locale.ROOT, "  passthrough %4.0f s: published %,d, copied %,d of %,d blocks%n",
                            (lastReport - t0) / 1e9, publisher.blocks.get(), seen, total);
                }
            }
            long end = System.nanoTime();
            Map<String, Double> used = CpuTimes.used(cpu0, cpu.sample());
            stop.set(true);
            joinAll(loops);
            if (failed.get() != null) {
                throw new IllegalStateException("the passthrough loop failed", failed.get());
            }
            if (publisher.failure.get() != null) {
                throw new IllegalStateException("publishing to " + in + " failed", publisher.failure.get());
            }
            if (seen < total) {
                System.out.printf(Locale.ROOT, "passthrough TIMEOUT after %d s: %,d of %,d blocks copied%n",
                        timeoutSeconds, seen, total);
                return Optional.empty();
            }
            return Optional.of(new Result(partitions, hops, (end - t0) / 1e9, total, data.reads(), used));
        }
    }

    /** What names this round's topics and transactional ids apart: the run id, and the round after the first. */
    private String runSuffix() {
        return data.runId + (round > 1 ? "-r" + round : "");
    }

    private static void joinAll(List<Thread> loops) throws InterruptedException {
        for (Thread loop : loops) {
            loop.join();
        }
    }

    private void copy(String in, String out, String id, AtomicBoolean stop, AtomicBoolean ready,
                      AtomicReference<Throwable> failed) {
        Properties cp = consumerProps.get();
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, id);
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        Properties pp = producerProps.get();
        pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cp, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            producer.initTransactions();
            consumer.subscribe(List.of(in));
            while (!stop.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (!consumer.assignment().isEmpty()) {
                    ready.set(true);
                }
                if (records.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    producer.send(new ProducerRecord<>(out, r.partition(), r.key(), r.value()));
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (TopicPartition tp : records.partitions()) {
                    List<ConsumerRecord<byte[], byte[]>> l = records.records(tp);
                    offsets.put(tp, new OffsetAndMetadata(l.get(l.size() - 1).offset() + 1));
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
            }
        } catch (Throwable t) {
            failed.set(t);
        }
    }
}
