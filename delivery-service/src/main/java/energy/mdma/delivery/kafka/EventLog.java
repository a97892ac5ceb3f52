package energy.mdma.delivery.kafka;

import energy.mdma.kafka.EventSerdes;
import energy.mdma.kafka.EventSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes events to the log: one idempotent producer (acks=all) with the registry's Avro serializer.
 * {@link #send} waits for the broker's acknowledgement (what the service tells a caller is durable first);
 * {@link #sendAsync} does not (audit). A null value is a tombstone.
 */
public class EventLog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventLog.class);

    private final KafkaProducer<String, Object> producer;
    private final Duration sendTimeout;

    /** @param connection bootstrap.servers and the SASL settings ({@link energy.mdma.delivery.app.KafkaSupport#connection()}) */
    public EventLog(Map<?, ?> connection, String registryUrl, String clientId, Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
        Map<String, Object> c = new HashMap<>(EventSerdes.config(registryUrl));
        connection.forEach((k, v) -> c.put(String.valueOf(k), v));
        c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-producer");
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        // while the broker is away: retry, but do not flood the log
        c.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, sendTimeout.toMillis()));
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, sendTimeout.toMillis() + 5000));
        EventSerializer<Object> values = new EventSerializer<>();
        values.configure(c, false);
        this.producer = new KafkaProducer<>(c, new StringSerializer(), values);
    }

    /**
     * Writes one event and waits until the broker has it.
     *
     * @throws EventLogException when it could not be written in time (the change it stands for must not be applied)
     */
    public RecordMetadata send(String topic, String key, SpecificRecord value) {
        try {
            return submit(topic, key, value, null).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLogException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = failure(e);
            throw new EventLogException("could not write to " + topic + ": " + cause.getClass().getSimpleName(), cause);
        }
    }

    /** An event with its key. */
    public record Keyed(String key, SpecificRecord value) {
    }

    /**
     * Writes the events, all handed to the producer before waiting for any (one round trip for the lot, not one per
     * event), and waits until the broker has them or the send timeout passed.
     *
     * @return per event, in order, whether the broker has it; a failure is logged (topic and error only)
     */
    public List<Boolean> sendAll(String topic, List<Keyed> events) {
        List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        RuntimeException refused = null;
        for (Keyed e : events) {
            try {
                sent.add(refused == null ? submit(topic, e.key(), e.value(), null) : null);
            } catch (RuntimeException ex) {
                refused = ex; // the producer refuses: do not hand it more
                sent.add(null);
            }
        }
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        List<Boolean> out = new ArrayList<>(events.size());
        Throwable firstError = refused;
        for (java.util.concurrent.Future<RecordMetadata> f : sent) {
            boolean ok = false;
            if (f != null) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    ok = true;
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    firstError = firstError == null ? ex : firstError;
                } catch (ExecutionException | TimeoutException ex) {
                    firstError = firstError == null ? failure(ex) : firstError;
                }
            }
            out.add(ok);
        }
        if (firstError != null) {
            LOG.errorf("could not write %d of %d event(s) to %s: %s", out.stream().filter(ok -> !ok).count(),
                    events.size(), topic, firstError.toString());
        }
        return out;
    }

    /** Why a send failed: the producer's error behind a failed future, else what was thrown. */
    private static Throwable failure(Exception e) {
        return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    }

    /** Writes one event without waiting; a failure is logged (topic and error only, never the event). */
    public void sendAsync(String topic, String key, SpecificRecord value) {
        try {
            submit(topic, key, value, (md, error) -> {
                if (error != null) {
                    LOG.errorf("could not write an event to %s: %s", topic, error.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf("could not write an event to %s: %s", topic, e.toString());
        }
    }

    /**
     * Hands the record to the producer. The registry lookup happens here, in the serializer, before anything is
     * sent: when it fails (registry briefly unreachable, two services registering the same new schema at once),
     * it is tried again a few times - nothing was sent, so there is nothing to duplicate.
     */
    private java.util.concurrent.Future<RecordMetadata> submit(String topic, String key, SpecificRecord value,
                                                               org.apache.kafka.clients.producer.Callback callback) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                return producer.send(new ProducerRecord<>(topic, key, value), callback);
            } catch (org.apache.kafka.common.errors.SerializationException | IllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
                try {
                    Thread.sleep(200L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** The log could not take an event. */
    public static class EventLogException extends RuntimeException {
        public EventLogException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
