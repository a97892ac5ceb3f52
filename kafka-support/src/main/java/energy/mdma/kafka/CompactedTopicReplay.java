package energy.mdma.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Replays compacted topics into an in-memory view and then follows them: one thread, one consumer with every partition
 * assigned (no consumer group, no committed offsets: the view is rebuilt at every start), read_committed, from the
 * beginning. Caught up ({@link #awaitCaughtUp}) once every partition has been read up to the end offsets seen at start.
 *
 * <p>Values are read from raw bytes by the given deserializer (the registry's {@link EventDeserializer}); a tombstone
 * reaches the handler as null. A record that cannot be read (the registry unreachable, an unknown schema) is never
 * skipped, since the view would be incomplete: the replay waits at it, reads it again after a pause (0.5 s doubling up
 * to 10 s) and says which record and why ({@link #unreadable()}), without its content; {@link #ready()} is false
 * meanwhile.
 */
public final class CompactedTopicReplay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReplay.class);

    /** Applies one record (value null: a tombstone); runs on the replay's thread, records of a partition in order. */
    @FunctionalInterface
    public interface Handler {
        void apply(String topic, String key, Object value);
    }

    private final String name;
    private final List<String> topics;
    private final Deserializer<Object> values;
    private final Handler handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile String unreadable;
    private volatile long applied;

    /**
     * @param name          what is replayed, for the thread's name and the log ("master data")
     * @param consumerProps bootstrap servers, security; deserializers, isolation and offsets are set here
     */
    public CompactedTopicReplay(String name, Properties consumerProps, List<String> topics,
            Deserializer<Object> values, Handler handler) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.values = values;
        this.handler = handler;
        Properties p = new Properties();
        p.putAll(consumerProps);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.remove("group.id");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "mdma-replay-" + name.replace(' ', '-'));
        this.thread.setDaemon(true);
    }

    public CompactedTopicReplay start() {
        thread.start();
        return this;
    }

    /** True once caught up and no record stops the replay (see {@link #unreadable()}). */
    public boolean ready() {
        return caughtUp.getCount() == 0 && unreadable == null;
    }

    /** Waits until every partition was read up to the end offsets seen at start; true if it was within the timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The record the replay is stuck at because it cannot be read ("topic partition p offset o: why"), or null. */
    public String unreadable() {
        return unreadable;
    }

    /** Records applied since start. */
    public long applied() {
        return applied;
    }

    /** The thread's failure, if it stopped. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean alive() {
        return thread.isAlive() && failure == null;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                consumer.partitionsFor(t, Duration.ofSeconds(60))
                        .forEach(pi -> partitions.add(new TopicPartition(pi.topic(), pi.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(60)));
            long backoff = 500;
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                TopicPartition stuck = null;
                for (ConsumerRecord<String, byte[]> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (tp.equals(stuck)) {
                        continue; // read again from the unreadable record on
                    }
                    String at = r.topic() + " partition " + r.partition() + " offset " + r.offset();
                    Object v;
                    try {
                        v = r.value() == null ? null : values.deserialize(r.topic(), r.headers(), r.value());
                    } catch (RuntimeException e) {
                        String what = at + ": " + rootCause(e);
                        if (!what.equals(unreadable)) {
                            LOG.error("{}: cannot read the record at {}; not ready until it is read, tried again every"
                                    + " 10 s at most: check that the schema registry is reachable and knows the"
                                    + " record's schema", name, what);
                        }
                        unreadable = what;
                        stuck = tp;
                        consumer.seek(tp, r.offset());
                        continue;
                    }
                    handler.apply(r.topic(), r.key(), v);
                    applied++;
                    if (unreadable != null && unreadable.startsWith(at + ":")) {
                        LOG.info("{}: the record at {} is read now", name, at);
                        unreadable = null;
                        backoff = 500;
                    }
                }
                if (stuck != null) {
                    pause(backoff);
                    backoff = Math.min(10_000, backoff * 2);
                }
                if (caughtUp.getCount() > 0) {
                    end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (end.isEmpty()) {
                        LOG.info("{} caught up: {} records", name, applied);
                        caughtUp.countDown();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable t) {
            failure = t;
            LOG.error("{}: the replay stopped", name, t);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) : m));
    }

    /** Waits, but returns at once when closing. */
    private void pause(long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (running && System.nanoTime() < end) {
            Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000L)));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
