package energy.mdma.delivery.store;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The delivery service's local store of its large views (mailboxes, archive index, file ids, audit, posted
 * catalogue): an embedded RocksDB holding the views' data together with the Kafka offsets they were built up to.
 *
 * <p>The records of one poll are applied into one batch ({@link #begin()} on the replay thread; every
 * {@link #put}/{@link #delete} of that thread goes into it and its {@link #get}s read through it), and
 * {@link #commit} writes that batch and the partitions' next offsets in one atomic write: after a kill at any
 * moment the store holds the views exactly as of the offsets it holds, and the replay resumes there. Writes from
 * other threads (an acknowledgement, an audit event recorded by a request) go straight to the store: they are
 * idempotent and come back through the log, where applying them again changes nothing.
 *
 * <p>The store is derived data: {@link #wipe} (or deleting its directory) makes the service rebuild it from the
 * topics. It is wiped by itself when it was built from another cluster (cluster id) or is ahead of the log.
 */
public final class ViewStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ViewStore.class);

    static {
        RocksDB.loadLibrary();
    }

    /** The layout version: a store of another layout is wiped and rebuilt. */
    static final String FORMAT = "1";
    private static final byte[] META_FORMAT = Keys.of(Keys.META, "format");
    private static final byte[] META_CLUSTER = Keys.of(Keys.META, "cluster");
    private static final byte[] META_FILES = Keys.of(Keys.META, "files");
    private static final byte[] FIRST = {0};
    private static final byte[] LAST = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};

    private final Path dir;
    private final Options options;
    private final RocksDB db;
    private final WriteOptions writeOptions = new WriteOptions();
    private final ThreadLocal<WriteBatchWithIndex> batch = new ThreadLocal<>();
    private final ReadOptions readOptions = new ReadOptions();
    /** Held (shared) by every use of the database, (exclusively) by {@link #close}: never a use after close. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile boolean closed;
    /** Deletes since the last compaction, and the key kinds (first bytes) they were of. */
    private final java.util.concurrent.atomic.AtomicLong deletes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Set<Byte> deletedKinds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Deletes after which their key ranges are compacted (a listing walks over tombstones until then). */
    static final long COMPACT_AFTER_DELETES = 5_000;

    private ViewStore(Path dir, Options options, RocksDB db) {
        this.dir = dir;
        this.options = options;
        this.db = db;
    }

    /** Opens (creating) the store in {@code dir}. */
    public static ViewStore open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the views' store directory " + dir
                    + " (mdma.views.store-dir): check that the service may write there", e);
        }
        Options options = new Options().setCreateIfMissing(true)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setMaxOpenFiles(256)
                .setKeepLogFileNum(3)
                // small memtables: a short write-ahead log to read again at open, tombstones flushed and compacted
                .setWriteBufferSize(8L << 20)
                // a clean stop is not needed for anything: what was written is in the write-ahead log, as after a kill
                .setAvoidFlushDuringShutdown(true);
        try {
            RocksDB db = RocksDB.open(options, dir.toString());
            ViewStore store = new ViewStore(dir, options, db);
            byte[] format = db.get(META_FORMAT);
            if (format == null || !FORMAT.equals(new String(format, StandardCharsets.UTF_8))) {
                if (format != null) {
                    LOG.warnf("the views' store %s has layout %s, this version uses %s: rebuilding it from the log",
                            dir, new String(format, StandardCharsets.UTF_8), FORMAT);
                }
                store.wipe();
            }
            return store;
        } catch (RocksDBException e) {
            options.close();
            throw new IllegalStateException("cannot open the views' store " + dir + " (" + e.getMessage()
                    + "): if another delivery instance uses this directory give each its own (mdma.views.store-dir);"
                    + " if it is damaged, delete the directory: the service rebuilds it from the log", e);
        }
    }

    private void enter() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            throw new IllegalStateException("the views' store " + dir + " is closed (the service is stopping)");
        }
    }

    private void leave() {
        lock.readLock().unlock();
    }

    /** A use of the database that may fail. */
    @FunctionalInterface
    private interface Use<T> {
        T apply() throws RocksDBException;
    }

    /**
     * Runs one use of the database (never after {@link #close}); a failure is an IllegalStateException that says what
     * could not be done ({@code failing}: "read", "write to", "wipe") and to which store.
     */
    private <T> T use(String failing, Use<T> call) {
        enter();
        try {
            return call.apply();
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot " + failing + " the views' store " + dir + ": " + e.getMessage(), e);
        } finally {
            leave();
        }
    }

    public Path dir() {
        return dir;
    }

    /** Deletes every view and offset (the next replay starts from the beginning of the topics). */
    public void wipe() {
        use("wipe", () -> {
            try (WriteBatch b = new WriteBatch()) {
                b.deleteRange(FIRST, LAST);
                b.put(META_FORMAT, FORMAT.getBytes(StandardCharsets.UTF_8));
                db.write(writeOptions, b);
            }
            return null;
        });
    }

    /** The cluster the store was built from, or null (new or wiped). */
    public String clusterId() {
        byte[] v = rawGet(META_CLUSTER);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    public void clusterId(String id) {
        rawPut(META_CLUSTER, id.getBytes(StandardCharsets.UTF_8));
    }

    /** The mark of the files' directory whose bytes the mailboxes refer to, or null (new or wiped). */
    public String filesId() {
        byte[] v = rawGet(META_FILES);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    public void filesId(String id) {
        rawPut(META_FILES, id.getBytes(StandardCharsets.UTF_8));
    }

    /** The next offset to read of each partition the views were built from. */
    public Map<TopicPartition, Long> offsets() {
        Map<TopicPartition, Long> out = new HashMap<>();
        scan(Keys.prefix(Keys.OFFSET), (k, v) -> {
            String s = Keys.lastText(k, 1);
            int cut = s.lastIndexOf('\u0001');
            out.put(new TopicPartition(s.substring(0, cut), Integer.parseInt(s.substring(cut + 1))), Codec.longOf(v));
            return true;
        });
        return out;
    }

    /** Starts collecting this thread's writes into one batch (the replay thread, before a poll's records). */
    public void begin() {
        WriteBatchWithIndex old = batch.get();
        if (old != null) {
            old.close();
        }
        batch.set(new WriteBatchWithIndex(true));
    }

    /** Writes this thread's batch and the partitions' next offsets atomically. */
    public void commit(Map<TopicPartition, Long> next) {
        use("write to", () -> {
            WriteBatchWithIndex b = batch.get();
            batch.remove();
            try (WriteBatchWithIndex w = b != null ? b : new WriteBatchWithIndex(true)) {
                for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
                    w.put(offsetKey(e.getKey()), Codec.bytesOf(e.getValue()));
                }
                db.write(writeOptions, w);
            }
            if (deletes.get() >= COMPACT_AFTER_DELETES) {
                compactDeleted();
            }
            return null;
        });
    }

    /**
     * Compacts the key ranges that had deletes (e.g. the files not acknowledged yet: one put and one delete per file),
     * so that listing them does not walk over years of tombstones. On the replay thread, after a commit.
     */
    private void compactDeleted() {
        deletes.set(0);
        for (Byte kind : java.util.List.copyOf(deletedKinds)) {
            deletedKinds.remove(kind);
            try {
                db.compactRange(new byte[]{kind}, new byte[]{(byte) (kind + 1)});
            } catch (RocksDBException e) {
                LOG.warnf("could not compact the views' store %s (%s): listings may be slower until it is", dir,
                        e.getMessage());
            }
        }
    }

    /** Drops this thread's batch (nothing of it is written). */
    public void abort() {
        WriteBatchWithIndex b = batch.get();
        batch.remove();
        if (b != null) {
            b.close();
        }
    }

    private static byte[] offsetKey(TopicPartition tp) {
        return Keys.of(Keys.OFFSET, tp.topic() + '\u0001' + tp.partition());
    }

    public byte[] get(byte[] key) {
        return use("read", () -> {
            WriteBatchWithIndex b = batch.get();
            return b != null ? b.getFromBatchAndDB(db, readOptions, key) : db.get(key);
        });
    }

    public void put(byte[] key, byte[] value) {
        use("write to", () -> {
            WriteBatchWithIndex b = batch.get();
            if (b != null) {
                b.put(key, value);
            } else {
                db.put(writeOptions, key, value);
            }
            return null;
        });
    }

    public void delete(byte[] key) {
        use("write to", () -> {
            WriteBatchWithIndex b = batch.get();
            deletes.incrementAndGet();
            deletedKinds.add(key[0]);
            if (b != null) {
                b.delete(key);
            } else {
                db.delete(writeOptions, key);
            }
            return null;
        });
    }

    private byte[] rawGet(byte[] key) {
        return use("read", () -> db.get(key));
    }

    private void rawPut(byte[] key, byte[] value) {
        use("write to", () -> {
            db.put(writeOptions, key, value);
            return null;
        });
    }

    /** Visits entries in key order; the visitor returns false to stop. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(byte[] key, byte[] value);
    }

    /** Every entry whose key starts with {@code prefix}, in key order. */
    public void scan(byte[] prefix, Visitor visitor) {
        scan(prefix, prefix, visitor);
    }

    /** Entries whose key starts with {@code prefix}, from the first key at or after {@code from}, ascending. */
    public void scan(byte[] prefix, byte[] from, Visitor visitor) {
        enter();
        try {
            try (RocksIterator it = db.newIterator(readOptions)) {
                for (it.seek(from); it.isValid(); it.next()) {
                    byte[] k = it.key();
                    if (!startsWith(k, prefix) || !visitor.visit(k, it.value())) {
                        return;
                    }
                }
            }
        } finally {
            leave();
        }
    }

    /** Entries whose key starts with {@code prefix}, from the last key strictly before {@code before}, descending. */
    public void scanBackwards(byte[] prefix, byte[] before, Visitor visitor) {
        enter();
        try {
            try (RocksIterator it = db.newIterator(readOptions)) {
                it.seekForPrev(before);
                if (it.isValid() && Arrays.equals(it.key(), before)) {
                    it.prev();
                }
                for (; it.isValid(); it.prev()) {
                    byte[] k = it.key();
                    if (!startsWith(k, prefix) || !visitor.visit(k, it.value())) {
                        return;
                    }
                }
            }
        } finally {
            leave();
        }
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Bytes on disk (SST files), roughly. */
    public long approximateBytes() {
        try {
            return Long.parseLong(db.getProperty("rocksdb.total-sst-files-size"));
        } catch (RocksDBException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
        WriteBatchWithIndex b = batch.get();
        if (b != null) {
            b.close();
            batch.remove();
        }
        db.close();
        options.close();
        writeOptions.close();
        readOptions.close();
    }
}
