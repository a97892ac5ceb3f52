package energy.mdma.delivery.kafka;

import energy.mdma.kafka.EventDeserializer;
import energy.mdma.kafka.EventSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replays topics from the beginning into a view and then follows them: one thread, one consumer with the
 * partitions assigned (no consumer group, no committed offsets: the view is rebuilt at every start), or, with
 * {@link #checkpointedBy}, from where a view kept in a local store ends (the store holds its offsets).
 * It is caught up once it has read every partition up to the end offsets it saw when it started.
 * {@link #syncNow} waits until everything written before the call has been applied (read your writes
 * across services).
 */
public final class TopicReplayer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicReplayer.class);

    /**
     * Where a replay starts and what it records after each poll, for a view kept in a local store with the offsets
     * it was built up to ({@link energy.mdma.delivery.store.ViewStore}). All calls on the replayer's thread.
     */
    public interface Checkpoints {
        /**
         * The positions to start at (a partition absent: its beginning), given the cluster the consumer is connected
         * to (null when not known), each partition's first and next offsets and the offsets at {@link #recentFrom()};
         * may wipe the store first.
         */
        Map<TopicPartition, Long> start(String clusterId, Map<TopicPartition, Long> beginnings,
                                        Map<TopicPartition, Long> ends, Map<TopicPartition, Long> recent);

        /** From when some records are read again for what is kept in memory (null: none). */
        default java.time.Instant recentFrom() {
            return null;
        }

        /** Before the records of one poll are applied. */
        void begin();

        /** After the records of one poll were applied: each partition's next offset. */
        void commit(Map<TopicPartition, Long> positions);

        /** Nothing of the records applied since {@link #begin()} is kept. */
        void abort();
    }

    /** The key deserializer, which also learns the id of the cluster the consumer is connected to. */
    private static final class Keys extends StringDeserializer implements org.apache.kafka.common.ClusterResourceListener {
        volatile String clusterId;

        @Override
        public void onUpdate(org.apache.kafka.common.ClusterResource cluster) {
            if (cluster != null && cluster.clusterId() != null) {
                clusterId = cluster.clusterId();
            }
        }
    }

    /** Applies one record; runs on the replayer's thread, records of a partition in order. */
    @FunctionalInterface
    public interface Handler {
        void handle(ConsumerRecord<String, Object> record);
    }

    private final String name;
    private final List<String> topics;
    private final Handler handler;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> adminConfig;
    private final String registryUrl;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, Object> consumer;
    private volatile String lastError;
    /** The record the replay is stuck at (it cannot be read), or null. */
    private volatile String unreadable;
    /** Where {@link #unreadable} is (replayer thread only; kept across reconnections). */
    private TopicPartition stuckAt;
    private long stuckOffset = -1;
    private volatile long applied;
    private volatile Runnable onCaughtUp = () -> {
    };
    private volatile java.util.function.Supplier<java.time.Instant> startAt;
    private volatile Checkpoints checkpoints;
    private volatile long readSinceStart;

    /** @param connection bootstrap.servers and the SASL settings ({@link KafkaSupport#connection()}) */
    public TopicReplayer(String name, Map<?, ?> connection, String registryUrl, String clientId,
                         List<String> topics, Handler handler) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.registryUrl = registryUrl;
        Map<String, Object> c = new HashMap<>(EventSerdes.config(registryUrl));
        connection.forEach((k, v) -> c.put(String.valueOf(k), v));
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + name);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        // while the broker is away: retry, but do not flood the log
        c.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        this.consumerConfig = c;
        Map<String, Object> a = new HashMap<>();
        connection.forEach((k, v) -> a.put(String.valueOf(k), v));
        a.put(org.apache.kafka.clients.admin.AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-" + name + "-admin");
        this.adminConfig = a;
        this.thread = new Thread(this::run, "mdma-replay-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Replays from the first record written at or after {@code from} instead of the beginning (a view that needs
     * only recent history); the start is taken again at every (re)connection.
     */
    public TopicReplayer startingAt(java.util.function.Supplier<java.time.Instant> from) {
        this.startAt = from;
        return this;
    }

    /** Starts where the store says and checkpoints after every poll (instead of replaying from the beginning). */
    public TopicReplayer checkpointedBy(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
        return this;
    }

    /** Records read since the last (re)connection, applied or not. */
    public long readSinceStart() {
        return readSinceStart;
    }

    /** Runs on the replayer's thread once the first replay is done, before any later record is applied. */
    public TopicReplayer onCaughtUp(Runnable action) {
        this.onCaughtUp = action;
        return this;
    }

    public TopicReplayer start() {
        thread.start();
        return this;
    }

    public String name() {
        return name;
    }

    /**
     * True once the first replay is done and no record stops the replay: a record that cannot be read (the registry
     * unreachable, a record the registry does not know) is never skipped; the replay waits at it and retries (see
     * {@link #unreadable()}), and the view is not ready meanwhile.
     */
    public boolean isCaughtUp() {
        return caughtUp.isDone() && !caughtUp.isCompletedExceptionally() && unreadable == null;
    }

    /** The record the replay is stuck at because it cannot be read (topic, partition, offset, why), or null. */
    public String unreadable() {
        return unreadable;
    }

    /** Records applied so far. */
    public long applied() {
        return applied;
    }

    /** The last connection or read problem, or null. */
    public String lastError() {
        return lastError;
    }

    /** Waits until the first replay is done; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) {
        return await(caughtUp, timeout);
    }

    /** Waits until every record written before this call has been applied; false on timeout. */
    public boolean syncNow(Duration timeout) {
        if (!caughtUp.isDone()) {
            return awaitCaughtUp(timeout);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        syncRequests.add(f);
        return await(f, timeout);
    }

    private static boolean await(CompletableFuture<Void> f, Duration timeout) {
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private void run() {
        long backoff = 500;
        while (running) {
            EventDeserializer values = new EventDeserializer(registryUrl);
            Keys keys = new Keys();
            try (KafkaConsumer<String, Object> c = new KafkaConsumer<>(consumerConfig, keys, values)) {
                consumer = c;
                follow(c, keys);
            } catch (WakeupException e) {
                if (running) {
                    LOG.warnf("replay %s woken up unexpectedly; restarting", name);
                }
            } catch (RuntimeException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                Checkpoints cp = checkpoints;
                if (cp != null) {
                    cp.abort();
                }
                if (!running) {
                    break;
                }
                // a restart re-reads from the beginning; the views' apply is idempotent
                LOG.warnf("replay %s failed (%s); retrying in %d ms", name, lastError, backoff);
                sleep(backoff);
                backoff = Math.min(30_000, backoff * 2);
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(KafkaConsumer<String, Object> c, Keys keys) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist (create the topics of deploy/topics.csv)");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        c.assign(partitions);
        java.util.function.Supplier<java.time.Instant> from = startAt;
        Checkpoints cp = checkpoints;
        readSinceStart = 0;
        if (cp != null) {
            Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> beginnings = c.beginningOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> recent = new HashMap<>();
            java.time.Instant since = cp.recentFrom();
            if (since != null) {
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(tp -> query.put(tp, since.toEpochMilli()));
                Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndTimestamp> found =
                        c.offsetsForTimes(query, Duration.ofSeconds(30));
                for (TopicPartition tp : partitions) {
                    org.apache.kafka.clients.consumer.OffsetAndTimestamp o = found == null ? null : found.get(tp);
                    recent.put(tp, o != null ? o.offset() : ends.get(tp));
                }
            }
            Map<TopicPartition, Long> at = cp.start(identity(keys.clusterId), beginnings, ends, recent);
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
            long ts = from.get().toEpochMilli();
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, ts));
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndTimestamp> found =
                    c.offsetsForTimes(query, Duration.ofSeconds(30));
            Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
            for (TopicPartition tp : partitions) {
                org.apache.kafka.clients.consumer.OffsetAndTimestamp o = found == null ? null : found.get(tp);
                c.seek(tp, o != null ? o.offset() : ends.get(tp)); // nothing written since: from the end
            }
        }
        Map<TopicPartition, Long> target = c.endOffsets(partitions, Duration.ofSeconds(30));
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        lastError = null;
        long unreadableBackoff = 500;
        while (running) {
            ConsumerRecords<String, Object> records;
            try {
                records = c.poll(Duration.ofMillis(200));
            } catch (RecordDeserializationException e) {
                // an event this service cannot read (the registry unreachable, an unknown schema, damaged bytes):
                // never skipped, a view without it would be incomplete. Say where and why (never its content), stay
                // not ready and read it again after a pause
                String where = e.topicPartition().topic() + " partition " + e.topicPartition().partition()
                        + " offset " + e.offset();
                String why = rootCause(e);
                if (!(where + ": " + why).equals(unreadable)) {
                    LOG.errorf("replay %s: cannot read the record at %s (%s); the view stays not ready and reads it "
                            + "again every %d s at most: check that the schema registry (%s) is reachable and knows "
                            + "the record's schema", name, where, why, 10, registryUrl);
                }
                unreadable = where + ": " + why;
                lastError = "unreadable record at " + unreadable;
                stuckAt = e.topicPartition();
                stuckOffset = e.offset();
                c.seek(e.topicPartition(), e.offset());
                pause(unreadableBackoff);
                unreadableBackoff = Math.min(10_000, unreadableBackoff * 2);
                continue;
            }
            if (stuckAt != null && partitions.contains(stuckAt) && c.position(stuckAt) > stuckOffset) {
                LOG.infof("replay %s: the record at %s partition %d offset %d is read now", name, stuckAt.topic(),
                        stuckAt.partition(), stuckOffset);
                stuckAt = null;
                unreadable = null;
                lastError = null;
                unreadableBackoff = 500;
            }
            if (cp != null && !records.isEmpty()) {
                cp.begin();
            }
            for (ConsumerRecord<String, Object> r : records) {
                try {
                    handler.handle(r);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "replay %s: could not apply the record at %s-%d offset %d", name, r.topic(),
                            r.partition(), r.offset());
                }
                applied++;
                readSinceStart++;
            }
            if (cp != null && !records.isEmpty()) {
                Map<TopicPartition, Long> positions = new HashMap<>();
                for (TopicPartition tp : records.partitions()) {
                    positions.put(tp, c.position(tp));
                }
                cp.commit(positions);
            }
            if (target == null && !syncRequests.isEmpty()) {
                CompletableFuture<Void> f;
                while ((f = syncRequests.poll()) != null) {
                    waiting.add(f);
                }
                target = c.endOffsets(partitions, Duration.ofSeconds(30));
            }
            if (target != null && reached(c, target)) {
                target = null;
                if (!caughtUp.isDone()) {
                    LOG.infof("replay %s caught up (%d records applied)", name, applied);
                    try {
                        onCaughtUp.run();
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "replay %s: the caught-up action failed", name);
                    }
                    caughtUp.complete(null);
                }
                waiting.forEach(w -> w.complete(null));
                waiting.clear();
            }
        }
    }

    /**
     * Which log the views are read from: the cluster id and each topic's id (a topic deleted and created again, a new
     * broker or a restore into an empty stack give other ids, even where the offsets happen to match).
     */
    private String identity(String clusterId) {
        StringBuilder sb = new StringBuilder("topics"); // topic ids are unique across clusters too
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(adminConfig)) {
            Map<String, org.apache.kafka.clients.admin.TopicDescription> d =
                    admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            for (String t : new java.util.TreeSet<>(topics)) {
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

    private static boolean reached(KafkaConsumer<String, Object> c, Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
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
    private void pause(long ms) {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (running && System.nanoTime() < end) {
            sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000L)));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, Object> c = consumer;
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
