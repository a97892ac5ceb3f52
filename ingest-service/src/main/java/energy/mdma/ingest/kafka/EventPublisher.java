package energy.mdma.ingest.kafka;

import energy.mdma.kafka.ServerFailures;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A small pool of transactional producers: each uploaded file is published in one Kafka transaction
 * ({@link #begin()}), committed when the file is done, aborted when it turns out to be rejected whole or anything
 * fails. The pool is bounded (its size is the number of files published at the same time) and never shrinks: a
 * producer that failed is closed and re-created (its transactional id fences the old epoch); when re-creating it fails
 * (broker away, credentials refused) its slot stays in the pool empty and is re-created at a later {@link #begin()},
 * no sooner than a backoff (1 s doubling to 1 min) after the last attempt. Meanwhile {@link #begin()} on that slot
 * fails at once with the reason (the upload is refused, it does not hang) and {@link #healthy()} is false (readiness
 * DOWN).
 */
public final class EventPublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    static final long FIRST_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long MAX_BACKOFF_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Makes the producer of a slot, transactions initialised. */
    @FunctionalInterface
    public interface ProducerFactory {
        Producer<String, Object> create(int index);
    }

    /** Thrown by {@link #begin()} when a producer cannot be created: Kafka is not available to publish. */
    public static final class UnavailableException extends IllegalStateException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * What a failed publication becomes: {@link UnavailableException} (503, retry) when a part it needs could not be
     * reached (the broker, or the schema registry the serializer asks), else an error of its own (500, an incident).
     */
    static RuntimeException failed(Throwable e) {
        if (unreachable(e)) {
            return new UnavailableException("Kafka or the schema registry could not be reached (" + ServerFailures.reason(e)
                    + "); retry the upload in a minute", e);
        }
        return new IllegalStateException("publishing to Kafka failed: " + e.getMessage(), e);
    }

    /**
     * Whether a server was away ({@link ServerFailures#unreachable}), or the broker said the error is retriable (the
     * write side's own word for it: not enough replicas, a leader moving, ...).
     */
    static boolean unreachable(Throwable e) {
        if (ServerFailures.unreachable(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.RetriableException) {
                return true;
            }
        }
        return false;
    }

    private final ProducerFactory factory;
    private final LongSupplier nanoTime;
    private final int size;
    private final BlockingQueue<Slot> pool;
    /** Slots without a producer (re-creating it failed): index -> the reason. */
    private final Map<Integer, String> down = new ConcurrentHashMap<>();

    private static final class Slot {
        final int index;
        Producer<String, Object> producer;
        long retryAt;
        long backoff = FIRST_BACKOFF_NANOS;
        String failure;

        Slot(int index) {
            this.index = index;
        }
    }

    /**
     * @param producerProps bootstrap servers and tuning; serializers, idempotence and transactional ids are set here
     * @param size          producers, i.e. files published at the same time
     */
    public EventPublisher(Properties producerProps, Supplier<Serializer<Object>> values, String transactionalIdPrefix,
            int size) {
        this(index -> create(producerProps, values, transactionalIdPrefix, index), size, System::nanoTime);
    }

    /** @param nanoTime the clock of the backoff (tests) */
    public EventPublisher(ProducerFactory factory, int size, LongSupplier nanoTime) {
        if (size < 1) {
            throw new IllegalArgumentException("the producer pool needs at least one producer, not " + size);
        }
        this.factory = factory;
        this.nanoTime = nanoTime;
        this.size = size;
        this.pool = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Slot slot = new Slot(i);
            recreate(slot);
            pool.add(slot);
        }
    }

    /** The producer of slot {@code index} of a file publisher: idempotent, transactional, transactions initialised. */
    public static KafkaProducer<String, Object> create(Properties baseProps, Supplier<Serializer<Object>> values,
                                                       String transactionalIdPrefix, int index) {
        Properties p = new Properties();
        p.putAll(baseProps);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.put("transactional.id", transactionalIdPrefix + "-" + index);
        p.putIfAbsent("transaction.timeout.ms", "900000");
        KafkaProducer<String, Object> producer = new KafkaProducer<>(p, new StringSerializer(), values.get());
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        return producer;
    }

    /** Creates the slot's producer; on failure leaves it empty until the next attempt after its backoff. */
    private boolean recreate(Slot slot) {
        try {
            slot.producer = factory.create(slot.index);
        } catch (RuntimeException e) {
            slot.producer = null;
            slot.failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            slot.retryAt = nanoTime.getAsLong() + slot.backoff;
            LOG.errorf("cannot create Kafka producer %d (%s); uploads are refused while no producer can be made "
                    + "(readiness DOWN), next attempt in %d s", slot.index, slot.failure,
                    TimeUnit.NANOSECONDS.toSeconds(slot.backoff));
            slot.backoff = Math.min(MAX_BACKOFF_NANOS, slot.backoff * 2);
            down.put(slot.index, slot.failure);
            return false;
        }
        if (down.remove(slot.index) != null) {
            LOG.infof("Kafka producer %d created again", slot.index);
        }
        slot.failure = null;
        slot.backoff = FIRST_BACKOFF_NANOS;
        return true;
    }

    /** True when every producer of the pool exists (none is waiting to be re-created). */
    public boolean healthy() {
        return down.isEmpty();
    }

    /** Why producers are missing (slot index -> reason); empty when {@link #healthy()}. */
    public Map<Integer, String> unavailable() {
        return Map.copyOf(down);
    }

    public int size() {
        return size;
    }

    /**
     * Borrows a producer (waits while all are busy) and begins a transaction.
     *
     * @throws UnavailableException when the slot has no producer and it cannot be made now
     */
    public Tx begin() throws InterruptedException {
        Slot slot = pool.take();
        if (slot.producer == null) {
            if (nanoTime.getAsLong() - slot.retryAt < 0 || !recreate(slot)) {
                String why = slot.failure;
                long wait = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(slot.retryAt - nanoTime.getAsLong()));
                pool.add(slot);
                throw new UnavailableException("Kafka is not available to publish (" + why + "); retry the upload "
                        + "later (the service tries again in " + wait + " s)", null);
            }
        }
        try {
            slot.producer.beginTransaction();
        } catch (RuntimeException e) {
            release(slot, true);
            throw e;
        }
        return new Tx(slot);
    }

    private void release(Slot slot, boolean broken) {
        if (!broken) {
            pool.add(slot);
            return;
        }
        try {
            slot.producer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debug("closing a failed producer", e);
        }
        slot.producer = null;
        slot.retryAt = nanoTime.getAsLong(); // the first attempt at once
        recreate(slot);
        pool.add(slot); // never lost: an empty slot is re-created at a later begin()
    }

    /** One open transaction. Not thread-safe. {@link #close()} aborts unless committed. */
    public final class Tx implements AutoCloseable {
        private final Slot slot;
        private final AtomicReference<Exception> sendError = new AtomicReference<>();
        private boolean done;
        private long sent;

        private Tx(Slot slot) {
            this.slot = slot;
        }

        public void send(String topic, String key, Object value) {
            Exception e = sendError.get();
            if (e != null) {
                throw failed(e);
            }
            try {
                slot.producer.send(new ProducerRecord<>(topic, key, value), (md, ex) -> {
                    if (ex != null) {
                        sendError.compareAndSet(null, ex);
                    }
                });
            } catch (RuntimeException ex) {
                // the serializer asks the schema registry, in this thread
                throw failed(ex);
            }
            sent++;
        }

        /**
         * Sends, flushes everything sent so far and returns where this record lies (it becomes visible to
         * read_committed readers with the commit, or never, when the transaction is aborted).
         */
        public RecordMetadata sendAndLocate(String topic, String key, Object value) {
            Exception e = sendError.get();
            if (e != null) {
                throw failed(e);
            }
            java.util.concurrent.Future<RecordMetadata> f = slot.producer.send(new ProducerRecord<>(topic, key, value),
                    (md, ex) -> {
                        if (ex != null) {
                            sendError.compareAndSet(null, ex);
                        }
                    });
            sent++;
            slot.producer.flush();
            try {
                return f.get();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", ie);
            } catch (java.util.concurrent.ExecutionException ee) {
                throw failed(ee.getCause());
            }
        }

        public long sent() {
            return sent;
        }

        public void commit() {
            if (done) {
                throw new IllegalStateException("transaction already ended");
            }
            try {
                slot.producer.flush();
                Exception e = sendError.get();
                if (e != null) {
                    throw failed(e);
                }
                slot.producer.commitTransaction();
                done = true;
                release(slot, false);
            } catch (RuntimeException e) {
                abortQuietly();
                throw e instanceof UnavailableException ? e : unreachable(e) ? failed(e) : e;
            }
        }

        public void abort() {
            if (!done) {
                abortQuietly();
            }
        }

        private void abortQuietly() {
            done = true;
            boolean broken = sendError.get() != null;
            try {
                slot.producer.abortTransaction();
            } catch (RuntimeException e) {
                broken = true;
                LOG.warn("abort failed; the producer is replaced: " + e);
            }
            release(slot, broken);
        }

        @Override
        public void close() {
            abort();
        }
    }

    @Override
    public void close() {
        Slot s;
        while ((s = pool.poll()) != null) {
            try {
                if (s.producer != null) {
                    s.producer.close(Duration.ofSeconds(10));
                }
            } catch (RuntimeException e) {
                LOG.debug("close", e);
            }
        }
    }

    /** Waits up to {@code timeout} for all producers to be back (for shutdown). */
    public void drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pool.remainingCapacity() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
