package energy.mdma.kafka;

import energy.mdma.events.VeeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Poison records at run time (issue 14): a Kafka Streams source reads raw bytes and a {@link Decoder} reads them; a
 * record it cannot read does not stop the service (five thread replacements, then down) but goes, bytes unchanged, to
 * the service's dead-letter topic with its reason and origin in headers, and an exception event (code
 * {@code <SERVICE>_POISON_RECORD}) goes to mdma.vee.exceptions for the operators; processing goes on with the next
 * record. Both are written in the task's transaction (exactly-once), like any other output.
 *
 * <p>Kafka Streams 4.1 has no built-in dead-letter queue ({@code errors.dead.letter.queue.topic.name}, KIP-1034,
 * comes with 4.2), and its deserialization handler can only continue or fail: hence this processor.
 *
 * <p>Dead-letter headers: {@code mdma.dlq.reason}, {@code mdma.dlq.topic}, {@code mdma.dlq.partition},
 * {@code mdma.dlq.offset}, {@code mdma.dlq.service}, {@code mdma.dlq.at}; the original headers are kept. The value is
 * the original bytes; to replay a record once its cause is fixed, produce its value again to the topic in
 * {@code mdma.dlq.topic} with the same key.
 */
public final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    public static final String REASON = "mdma.dlq.reason";
    public static final String TOPIC = "mdma.dlq.topic";
    public static final String PARTITION = "mdma.dlq.partition";
    public static final String OFFSET = "mdma.dlq.offset";
    public static final String SERVICE = "mdma.dlq.service";
    public static final String AT = "mdma.dlq.at";
    private static final Pattern CHANNEL_KEY = Pattern.compile("(.+):(\\d{1,9})");

    private DeadLetters() {
    }

    /** The original bytes of a record that could not be read, on their way to the dead-letter sink. */
    public record DeadLetter(byte[] value) {
    }

    /** The dead-letter topic's value serializer: the original bytes. */
    public static Serializer<DeadLetter> serializer() {
        Serializer<byte[]> bytes = Serdes.ByteArray().serializer();
        return (topic, d) -> d == null ? null : bytes.serialize(topic, d.value());
    }

    /** The dead-letter topic's value serde (for the DSL): the original bytes. */
    public static org.apache.kafka.common.serialization.Serde<DeadLetter> serde() {
        Deserializer<byte[]> bytes = Serdes.ByteArray().deserializer();
        return Serdes.serdeFrom(serializer(), (topic, b) -> b == null ? null : new DeadLetter(bytes.deserialize(topic, b)));
    }

    /** The exception code of poison records of a service ({@code vee} -> VEE_POISON_RECORD). */
    public static String code(String service) {
        return service.toUpperCase(java.util.Locale.ROOT) + "_POISON_RECORD";
    }

    /**
     * Reads a source's bytes with {@code values}. Readable records go on, unchanged but for the value, to
     * {@code next} (null: to every child, for the DSL, which then splits by type); a record that cannot be read
     * goes as a {@link DeadLetter} to {@code deadLetterSink} and a {@link VeeException} to {@code exceptionSink}
     * (both null: to every child).
     */
    public static final class Decoder<V> implements Processor<String, byte[], String, Object> {
        private final String service;
        private final Deserializer<V> values;
        private final String next;
        private final String deadLetterSink;
        private final String exceptionSink;
        private ProcessorContext<String, Object> context;

        public Decoder(String service, Deserializer<V> values, String next, String deadLetterSink, String exceptionSink) {
            this.service = service;
            this.values = values;
            this.next = next;
            this.deadLetterSink = deadLetterSink;
            this.exceptionSink = exceptionSink;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, byte[]> record) {
            V value;
            try {
                value = record.value() == null ? null : values.deserialize(topic(), record.headers(), record.value());
            } catch (RuntimeException e) {
                if (ServerFailures.unreachable(e)) {
                    // not the record's fault: fail the task, it is redone from its last commit (see
                    // ReplaceFailedStreamThread) rather than a good record dead-lettered
                    throw new org.apache.kafka.streams.errors.StreamsException(service + " cannot read a record of "
                            + topic() + " because the schema registry is unreachable (" + ServerFailures.reason(e) + "); it is read "
                            + "again when the task restarts", e);
                }
                deadLetter(record, e);
                return;
            }
            Record<String, Object> out = record.withValue(value);
            if (next == null) {
                context.forward(out);
            } else {
                context.forward(out, next);
            }
        }

        private String topic() {
            return context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        }

        private void deadLetter(Record<String, byte[]> record, RuntimeException e) {
            RecordMetadata m = context.recordMetadata().orElse(null);
            String topic = m == null ? "unknown" : m.topic();
            String where = topic + " partition " + (m == null ? "?" : m.partition()) + " offset "
                    + (m == null ? "?" : m.offset());
            String reason = ServerFailures.reason(e);
            Instant now = Instant.now();
            Headers headers = new RecordHeaders(record.headers().toArray());
            put(headers, REASON, reason);
            put(headers, TOPIC, topic);
            put(headers, PARTITION, m == null ? "" : Integer.toString(m.partition()));
            put(headers, OFFSET, m == null ? "" : Long.toString(m.offset()));
            put(headers, SERVICE, service);
            put(headers, AT, now.toString());
            String dlq = "mdma." + service + ".dead-letters";
            LOG.error("{}: cannot read the record at {} ({}); it goes to {} and processing goes on. Fix its cause, then "
                    + "produce its value again to {} with the same key", service, where, reason, dlq, topic);
            Record<String, Object> letter = new Record<>(record.key(), (Object) new DeadLetter(record.value()),
                    record.timestamp(), headers);
            VeeException ex = exception(record.key(), where, reason, dlq, now);
            Record<String, Object> event = new Record<>(record.key(), (Object) ex, record.timestamp(),
                    new RecordHeaders());
            if (deadLetterSink == null) {
                context.forward(letter);
            } else {
                context.forward(letter, deadLetterSink);
            }
            if (exceptionSink == null) {
                context.forward(event);
            } else {
                context.forward(event, exceptionSink);
            }
        }

        private VeeException exception(String key, String where, String reason, String dlq, Instant now) {
            String meterId = null;
            Integer channel = null;
            String account = null;
            if (key != null) {
                Matcher mc = CHANNEL_KEY.matcher(key);
                if (mc.matches()) {
                    meterId = mc.group(1);
                    channel = Integer.parseInt(mc.group(2));
                } else {
                    account = key;
                }
            }
            return VeeException.newBuilder().setCode(code(service)).setMeterId(meterId).setChannel(channel)
                    .setServiceAccount(account)
                    .setMessage(service + " cannot read the record at " + where + " (" + reason + "); it is in " + dlq
                            + " and was not processed. Fix the cause (the writer's schema, the registry), then produce "
                            + "the record's value again to its topic with the same key")
                    .setRaisedAt(now).setFailurePoints(Map.of()).build();
        }
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
