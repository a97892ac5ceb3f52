package energy.mdma.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Replays compacted topics into an in-memory view and then follows them: one thread, one consumer with every partition
 * assigned (no consumer group, no committed offsets: the view is rebuilt at every start), read_committed, from the
 * beginning. Caught up ({@link #awaitCaughtUp}) once every partition has been read up to the end offsets seen at start.
 *
 * <p>Values are read from the bytes the consumer fetched, where they lie (a buffer, not a copy: the registry's
 * {@link EventDeserializer} reads it in place), by the given deserializer; a tombstone reaches the handler as null.
 * A record that cannot be read (the registry unreachable, an unknown schema) is never skipped, since the view would be incomplete: the replay waits at it, reads it again after a pause (0.5 s doubling up
 * to 10 s) and says which record and why ({@link #unreadable()}), without its content; {@link #ready()} is false
 * meanwhile.
 *
 * <p>Before {@link #start()}, a replay can be told to start elsewhere than at the beginning ({@link #startingAt}, or
 * where a view kept in a local store ends: {@link #checkpointedBy}), to run an action once caught up
 * ({@link #onCaughtUp}) and to outlive failures ({@link #restartingOnFailure}); once caught up, {@link #syncNow} waits
 * until everything written before the call has been applied (read your writes across services).
 */
public final class CompactedTopicReplay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicReplay.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);

    /** Applies one record (value null: a tombstone); runs on the replay's thread, records of a partition in order. */
    @FunctionalInterface
    public interface Handler {
        void apply(String topic, String key, Object value);
    }

    /** Applies one record with its place and time in the log; as {@link Handler}. */
    @FunctionalInterface
    public interface RecordHandler {
        void apply(ConsumerRecord<String, Object> record);
    }

    /**
     * Where a replay starts and what it records after each poll, for a view kept in a local store with the offsets
     * it was built up to. All calls on the replay's thread.
     */
    public interface Checkpoints {
        /**
         * The positions to start at (a partition absent: its beginning), given which log is read (the topics' ids, as
         * text), each partition's first and next offsets and the offsets at
         * {@link #recentFrom()}; may wipe the store first.
         */
        Map<TopicPartition, Long> start(String logIdentity, Map<TopicPartition, Long> beginnings,
                                        Map<TopicPartition, Long> ends, Map<TopicPartition, Long> recent);

        /** From when some records are read again for what is kept in memory (null: none). */
        default Instant recentFrom() {
            return null;
        }

        /** Before the records of one poll are applied. */
        void begin();

        /** After the records of one poll were applied: each partition's next offset. */
        void commit(Map<TopicPartition, Long> positions);

        /** Nothing of the records applied since {@link #begin()} is kept. */
        void abort();
    }

    private final String name;
    private final List<String> topics;
    private final Supplier<Deserializer<Object>> values;
    private final RecordHandler handler;
    private final Properties consumerProps;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, ByteBuffer> consumer;
    private volatile Throwable failure;
    private volatile String lastError;
    private volatile String unreadable;
    private volatile long applied;
    private volatile long readSinceStart;
    private volatile boolean restarting;
    private volatile Runnable onCaughtUp = () -> {
    };
    private volatile Supplier<Instant> startAt;
    private volatile Checkpoints checkpoints;

    /**
     * @param name          what is replayed, for the thread's name and the log ("master data")
     * @param consumerProps bootstrap servers, security; deserializers, isolation and offsets are set here
     */
    public CompactedTopicReplay(String name, Properties consumerProps, List<String> topics,
            Deserializer<Object> values, Handler handler) {
        this(name, consumerProps, topics, () -> values, r -> handler.apply(r.topic(), r.key(), r.value()));
    }

    private CompactedTopicReplay(String name, Properties consumerProps, List<String> topics,
            Supplier<Deserializer<Object>> values, RecordHandler handler) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.values = values;
        this.handler = handler;
        Properties p = new Properties();
        p.putAll(consumerProps);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.remove("group.id");
        this.consumerProps = p;
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteBufferDeserializer());
        this.thread = new Thread(this::run, "mdma-replay-" + name.replace(' ', '-'));
        this.thread.setDaemon(true);
    }

    /**
     * A replay whose handler sees each whole record (offset, timestamp, headers).
     *
     * @param values the value deserializer, made again for each consumer (after a restart, see
     *               {@link #restartingOnFailure})
     */
    public static CompactedTopicReplay ofRecords(String name, Properties consumerProps, List<String> topics,
            Supplier<Deserializer<Object>> values, RecordHandler handler) {
        return new CompactedTopicReplay(name, consumerProps, topics, values, handler);
    }

    /**
     * Replays from the first record written at or after {@code from} instead of the beginning (a view that needs
     * only recent history); the start is taken again at every restart.
     */
    public CompactedTopicReplay startingAt(Supplier<Instant> from) {
        this.startAt = from;
        return this;
    }

    /** Starts where the store says and checkpoints after every poll (instead of replaying from the beginning). */
    public CompactedTopicReplay checkpointedBy(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
        return this;
    }

    /** Runs on the replay's thread once the first replay is done, before any later record is applied. */
    public CompactedTopicReplay onCaughtUp(Runnable action) {
        this.onCaughtUp = action;
        return this;
    }

    /**
     * Outlives failures instead of stopping: the topics must exist, a failure of the consumer (the broker away, a
     * topic missing) is logged ({@link #lastError()}) and the replay starts again with a new consumer after a pause
     * (0.5 s doubling up to 30 s; the handler must be idempotent, records are read again); a record the handler cannot
     * apply is logged and passed over.
     */
    public CompactedTopicReplay restartingOnFailure() {
        this.restarting = true;
        return this;
    }

    public CompactedTopicReplay start() {
        thread.start();
        return this;
    }

    public String name() {
        return name;
    }

    /** True once caught up and no record stops the replay (see {@link #unreadable()}). */
    public boolean ready() {
        return caughtUp.isDone() && unreadable == null;
    }

    /** Waits until every partition was read up to the end offsets seen at start; true if it was within the timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }

    /**
     * Waits until every record written before this call has been applied (until caught up, if not yet); false on
     * timeout or interruption.
     */
    public boolean syncNow(Duration timeout) {
        CompletableFuture<Void> f = caughtUp;
        if (caughtUp.isDone()) {
            f = new CompletableFuture<>();
            syncRequests.add(f);
        }
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The record the replay is stuck at because it cannot be read ("topic partition p offset o: why"), or null. */
    public String unreadable() {
        return unreadable;
    }

    /** Records applied since start. */
    public long applied() {
        return applied;
    }

    /** Records read since the last (re)start of the consumer, applied or not. */
    public long readSinceStart() {
        return readSinceStart;
    }

    /** The last connection or read problem, or null. */
    public String lastError() {
        return lastError;
    }

    /** The thread's failure, if it stopped. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean alive() {
        return thread.isAlive() && failure == null;
    }

    private void run() {
        long backoff = 500;
        try {
            while (running) {
                try {
                    if (consumer == null) {
                        consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteBufferDeserializer());
                    }
                    follow(consumer, values.get());
                } catch (WakeupException e) {
                    if (running) {
                        LOG.warn("{}: woken up unexpectedly; starting again", name);
                    }
                } catch (RuntimeException e) {
                    if (!restarting || !running) {
                        throw e;
                    }
                    lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                    Checkpoints cp = checkpoints;
                    if (cp != null) {
                        cp.abort();
                    }
                    LOG.warn("{}: the replay failed ({}); starting again in {} ms", name, lastError, backoff);
                    pause(backoff);
                    backoff = Math.min(30_000, backoff * 2);
                } finally {
                    KafkaConsumer<String, ByteBuffer> c = consumer;
                    consumer = null;
                    if (c != null) {
                        c.close(Duration.ofSeconds(5));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            LOG.error("{}: the replay stopped", name, t);
        }
    }

    private void follow(KafkaConsumer<String, ByteBuffer> c, Deserializer<Object> values) throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String t : topics) {
            List<PartitionInfo> infos = c.partitionsFor(t, METADATA_TIMEOUT);
            if (restarting && (infos == null || infos.isEmpty())) {
                throw new IllegalStateException("topic " + t + " does not exist (create the topics of deploy/topics.csv)");
            }
            infos.forEach(pi -> partitions.add(new TopicPartition(pi.topic(), pi.partition())));
        }
        c.assign(partitions);
        seekToStart(c, partitions);
        Checkpoints cp = checkpoints;
        readSinceStart = 0;
        Map<TopicPartition, Long> target = new HashMap<>(c.endOffsets(partitions, METADATA_TIMEOUT));
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        lastError = null;
        long backoff = 500;
        while (running) {
            ConsumerRecords<String, ByteBuffer> records = c.poll(Duration.ofMillis(200));
            if (cp != null && !records.isEmpty()) {
                cp.begin();
            }
            TopicPartition stuck = null;
            for (ConsumerRecord<String, ByteBuffer> r : records) {
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
                    lastError = "unreadable record at " + what;
                    stuck = tp;
                    c.seek(tp, r.offset());
                    continue;
                }
                apply(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
                        r.serializedKeySize(), r.serializedValueSize(), r.key(), v, r.headers(), r.leaderEpoch()));
                readSinceStart++;
                if (unreadable != null && unreadable.startsWith(at + ":")) {
                    LOG.info("{}: the record at {} is read now", name, at);
                    unreadable = null;
                    lastError = null;
                    backoff = 500;
                }
            }
            if (cp != null && !records.isEmpty()) {
                Map<TopicPartition, Long> positions = new HashMap<>();
                for (TopicPartition tp : records.partitions()) {
                    positions.put(tp, c.position(tp));
                }
                cp.commit(positions);
            }
            if (stuck != null) {
                pause(backoff);
                backoff = Math.min(10_000, backoff * 2);
            }
            if (target.isEmpty() && !syncRequests.isEmpty()) {
                CompletableFuture<Void> f;
                while ((f = syncRequests.poll()) != null) {
                    waiting.add(f);
                }
                target.putAll(c.endOffsets(partitions, METADATA_TIMEOUT));
            }
            target.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
            if (target.isEmpty()) {
                if (!caughtUp.isDone()) {
                    LOG.info("{} caught up: {} records", name, applied);
                    try {
                        onCaughtUp.run();
                    } catch (RuntimeException e) {
                        LOG.error("{}: the caught-up action failed", name, e);
                    }
                    caughtUp.complete(null);
                }
                waiting.forEach(w -> w.complete(null));
                waiting.clear();
            }
        }
    }

    private void apply(ConsumerRecord<String, Object> r) {
        if (!restarting) {
            handler.apply(r);
        } else {
            try {
                handler.apply(r);
            } catch (RuntimeException e) {
                LOG.error("{}: could not apply the record at {}-{} offset {}", name, r.topic(), r.partition(),
                        r.offset(), e);
            }
        }
        applied++;
    }

    /** From the beginning, from {@link #startingAt} or from where the {@link #checkpointedBy} store ends. */
    private void seekToStart(KafkaConsumer<String, ByteBuffer> c, List<TopicPartition> partitions) {
        Checkpoints cp = checkpoints;
        Supplier<Instant> from = startAt;
        if (cp != null) {
            Map<TopicPartition, Long> ends = c.endOffsets(partitions, METADATA_TIMEOUT);
            Map<TopicPartition, Long> beginnings = c.beginningOffsets(partitions, METADATA_TIMEOUT);
            Instant since = cp.recentFrom();
            Map<TopicPartition, Long> recent = since == null ? new HashMap<>() : offsetsAt(c, partitions, since, ends);
            Map<TopicPartition, Long> at = cp.start(logIdentity(), beginnings, ends, recent);
            for (TopicPartition tp : partitions) {
                Long o = at.get(tp);
                if (o == null) {
                    c.seekToBeginning(List.of(tp));
                } else {
                    c.seek(tp, o);
                }
            }
        } else if (from == null) {
            c.seekToBeginning(partitions);
        } else {
            Map<TopicPartition, Long> ends = c.endOffsets(partitions, METADATA_TIMEOUT);
            offsetsAt(c, partitions, from.get(), ends).forEach(c::seek);
        }
    }

    /** Each partition's first offset written at or after {@code at}; its end when nothing was written since. */
    private static Map<TopicPartition, Long> offsetsAt(KafkaConsumer<String, ByteBuffer> c, List<TopicPartition> partitions,
            Instant at, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, at.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query, METADATA_TIMEOUT);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp o = found == null ? null : found.get(tp);
            offsets.put(tp, o != null ? o.offset() : ends.get(tp));
        }
        return offsets;
    }

    /**
     * Which log the views are read from: each topic's id (unique across clusters too: a topic deleted and created
     * again, a new broker or a restore into an empty stack give other ids, even where the offsets happen to match).
     */
    private String logIdentity() {
        StringBuilder sb = new StringBuilder("topics");
        Map<String, Object> adminProps = new HashMap<>();
        consumerProps.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(String.valueOf(k))) {
                adminProps.put(String.valueOf(k), v);
            }
        });
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, consumerProps.getProperty("client.id", name) + "-admin");
        try (Admin admin = Admin.create(adminProps)) {
            Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            for (String t : new TreeSet<>(topics)) {
                sb.append(' ').append(t).append('=').append(d.get(t).topicId());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe the topics " + topics + ": " + rootCause(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing the topics " + topics, e);
        }
        return sb.toString();
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
        KafkaConsumer<String, ByteBuffer> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
