package energy.mdma.ingest.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A small pool of transactional producers: each uploaded file is published in one Kafka transaction
 * ({@link #begin()}), committed when the file is done, aborted when it turns out to be rejected whole or anything
 * fails. A producer that failed is closed and replaced (its transactional id fences the old epoch).
 */
public final class EventPublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final Properties baseProps;
    private final Supplier<Serializer<Object>> values;
    private final String transactionalIdPrefix;
    private final BlockingQueue<Slot> pool;

    private record Slot(int index, KafkaProducer<String, Object> producer) {
    }

    /**
     * @param producerProps bootstrap servers and tuning; serializers, idempotence and transactional ids are set here
     * @param size          producers, i.e. files published at the same time
     */
    public EventPublisher(Properties producerProps, Supplier<Serializer<Object>> values, String transactionalIdPrefix,
            int size) {
        this.baseProps = producerProps;
        this.values = values;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.pool = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            pool.add(new Slot(i, create(i)));
        }
    }

    private KafkaProducer<String, Object> create(int index) {
        Properties p = new Properties();
        p.putAll(baseProps);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.put("transactional.id", transactionalIdPrefix + "-" + index);
        p.putIfAbsent("transaction.timeout.ms", "900000");
        KafkaProducer<String, Object> producer = new KafkaProducer<>(p, new StringSerializer(), values.get());
        producer.initTransactions();
        return producer;
    }

    /** Borrows a producer (waits while all are busy) and begins a transaction. */
    public Tx begin() throws InterruptedException {
        Slot slot = pool.take();
        try {
            slot.producer().beginTransaction();
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
            slot.producer().close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debug("closing a failed producer", e);
        }
        Slot fresh;
        try {
            fresh = new Slot(slot.index(), create(slot.index()));
        } catch (RuntimeException e) {
            LOG.error("cannot re-create producer " + slot.index() + "; the pool shrinks", e);
            return;
        }
        pool.add(fresh);
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
                throw new IllegalStateException("publishing to Kafka failed: " + e.getMessage(), e);
            }
            slot.producer().send(new ProducerRecord<>(topic, key, value), (md, ex) -> {
                if (ex != null) {
                    sendError.compareAndSet(null, ex);
                }
            });
            sent++;
        }

        public long sent() {
            return sent;
        }

        public void commit() {
            if (done) {
                throw new IllegalStateException("transaction already ended");
            }
            try {
                slot.producer().flush();
                Exception e = sendError.get();
                if (e != null) {
                    throw new IllegalStateException("publishing to Kafka failed: " + e.getMessage(), e);
                }
                slot.producer().commitTransaction();
                done = true;
                release(slot, false);
            } catch (RuntimeException e) {
                abortQuietly();
                throw e;
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
                slot.producer().abortTransaction();
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
                s.producer().close(Duration.ofSeconds(10));
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
