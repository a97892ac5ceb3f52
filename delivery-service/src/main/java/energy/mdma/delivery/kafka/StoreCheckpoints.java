package energy.mdma.delivery.kafka;

import energy.mdma.kafka.CompactedTopicReplay;
import energy.mdma.delivery.store.ViewStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The views' replay checkpointed in the {@link ViewStore}: it starts each partition of a stored topic at the offset
 * the store holds (those of {@code recentTopics} up to {@code recent} earlier, for what is kept in memory), applies
 * a poll's records in one batch and writes it with the next offsets atomically. A record below the offset the store
 * held at start is not fresh: the store has it already. Topics not stored are read from their beginning as before.
 *
 * <p>The store is wiped (and rebuilt from the beginning of the topics) when it was built from another cluster or
 * holds an offset past the end of a partition (the topics were recreated, a backup restored into an empty stack), or
 * when the files' directory its mailboxes refer to is not the one it was built with (deleted, or another one
 * configured): the replay writes the files' bytes there again. The directory carries a mark ({@value #FILES_MARK})
 * that the store remembers.
 */
final class StoreCheckpoints implements CompactedTopicReplay.Checkpoints {

    private static final Logger LOG = Logger.getLogger(StoreCheckpoints.class);

    private final ViewStore db;
    private final Set<String> stored;
    private final Set<String> recentTopics;
    private final Supplier<Map<TopicPartition, Long>> openChunks;
    private volatile Map<TopicPartition, Long> heldAtStart = Map.of();
    private final Supplier<java.time.Instant> recentFrom;
    private final java.nio.file.Path filesDir;

    /** The file in the files' directory that marks it (a random id, written when the store is built). */
    static final String FILES_MARK = ".views-store-mark";

    /**
     * @param stored       topics whose views are in the store
     * @param recentTopics stored topics also read again from {@code recentFrom} (in-memory parts), or topics not
     *                     stored whose in-memory view needs only that window
     * @param recentFrom   from when {@code recentTopics} are read again
     * @param openChunks   per partition, the offset of a file's first chunk while its last is still to come
     */
    StoreCheckpoints(ViewStore db, Set<String> stored, Set<String> recentTopics, Supplier<java.time.Instant> recentFrom,
                     Supplier<Map<TopicPartition, Long>> openChunks) {
        this(db, stored, recentTopics, recentFrom, openChunks, null);
    }

    /** @param filesDir where the files' bytes are written (mdma.mailbox.files-dir), or null: not checked */
    StoreCheckpoints(ViewStore db, Set<String> stored, Set<String> recentTopics, Supplier<java.time.Instant> recentFrom,
                     Supplier<Map<TopicPartition, Long>> openChunks, java.nio.file.Path filesDir) {
        this.filesDir = filesDir;
        this.recentFrom = recentFrom;
        this.db = db;
        this.stored = Set.copyOf(stored);
        this.recentTopics = Set.copyOf(recentTopics);
        this.openChunks = openChunks;
    }

    @Override
    public java.time.Instant recentFrom() {
        return recentTopics.isEmpty() ? null : recentFrom.get();
    }

    /** True when the store does not hold this record yet. */
    boolean fresh(ConsumerRecord<?, ?> r) {
        if (!stored.contains(r.topic())) {
            return true;
        }
        Long held = heldAtStart.get(new TopicPartition(r.topic(), r.partition()));
        return held == null || r.offset() >= held;
    }

    @Override
    public Map<TopicPartition, Long> start(String clusterId, Map<TopicPartition, Long> beginnings,
                                           Map<TopicPartition, Long> ends, Map<TopicPartition, Long> recentStarts) {
        Map<TopicPartition, Long> held = db.offsets();
        String why = null;
        String builtFrom = db.clusterId();
        String mark = filesDir == null ? null : readMark();
        if (builtFrom != null && clusterId != null && !builtFrom.equals(clusterId)) {
            why = "it was built from another Kafka cluster or other topics (" + builtFrom + "; now " + clusterId + ")";
        } else if (filesDir != null && !held.isEmpty() && (mark == null || !mark.equals(db.filesId()))) {
            why = "its files' bytes are not in " + filesDir + " (mdma.mailbox.files-dir: deleted, or not the directory "
                    + "it was built with)";
        } else {
            for (Map.Entry<TopicPartition, Long> e : held.entrySet()) {
                Long end = ends.get(e.getKey());
                if (end != null && e.getValue() > end) {
                    why = "it holds " + e.getKey() + " up to offset " + e.getValue() + " but the log ends at " + end;
                    break;
                }
            }
        }
        if (why != null) {
            LOG.warnf("the views' store %s is rebuilt from the log: %s", db.dir(), why);
            db.wipe();
            held = Map.of();
        }
        if (clusterId != null && !clusterId.equals(db.clusterId())) {
            db.clusterId(clusterId);
        }
        if (filesDir != null) {
            if (mark == null) {
                mark = writeMark();
            }
            if (!mark.equals(db.filesId())) {
                db.filesId(mark);
            }
        }
        heldAtStart = Map.copyOf(held);
        Map<TopicPartition, Long> at = new HashMap<>();
        long resumed = 0;
        for (TopicPartition tp : beginnings.keySet()) {
            if (!stored.contains(tp.topic())) {
                Long recent = recentStarts.get(tp);
                if (recentTopics.contains(tp.topic()) && recent != null) {
                    at.put(tp, Math.max(recent, beginnings.get(tp))); // an in-memory view of the recent window only
                }
                continue; // else from the beginning
            }
            Long h = held.get(tp);
            if (h == null) {
                continue; // from the beginning
            }
            long start = h;
            if (recentTopics.contains(tp.topic())) {
                Long recent = recentStarts.get(tp);
                start = Math.min(start, recent == null ? h : recent);
            }
            at.put(tp, Math.max(start, beginnings.get(tp)));
            resumed += Math.max(0, ends.getOrDefault(tp, h) - h);
        }
        LOG.infof("views' store %s: %d partition(s) resume where the store ends (%d record(s) to apply)",
                db.dir(), at.size(), resumed);
        return at;
    }

    private String readMark() {
        java.nio.file.Path f = filesDir.resolve(FILES_MARK);
        try {
            return java.nio.file.Files.isRegularFile(f) ? java.nio.file.Files.readString(f).trim() : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + f + ": check that the service may read its files' "
                    + "directory (mdma.mailbox.files-dir)", e);
        }
    }

    private String writeMark() {
        java.nio.file.Path f = filesDir.resolve(FILES_MARK);
        String mark = java.util.UUID.randomUUID().toString();
        try {
            java.nio.file.Files.createDirectories(filesDir);
            java.nio.file.Files.writeString(f, mark + "\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + f + ": check that the service may write to its "
                    + "files' directory (mdma.mailbox.files-dir)", e);
        }
        return mark;
    }

    @Override
    public void begin() {
        db.begin();
    }

    @Override
    public void commit(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> next = new HashMap<>();
        Map<TopicPartition, Long> open = openChunks.get();
        Map<TopicPartition, Long> held = heldAtStart;
        for (Map.Entry<TopicPartition, Long> e : positions.entrySet()) {
            TopicPartition tp = e.getKey();
            if (!stored.contains(tp.topic())) {
                continue;
            }
            long p = e.getValue();
            Long chunkStart = open.get(tp);
            if (chunkStart != null) {
                p = Math.min(p, chunkStart);
            }
            Long h = held.get(tp);
            if (h != null && p <= h) {
                continue; // still reading the recent window again
            }
            next.put(tp, p);
        }
        db.commit(next);
    }

    @Override
    public void abort() {
        db.abort();
    }
}
