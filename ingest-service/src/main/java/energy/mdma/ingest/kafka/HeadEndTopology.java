package energy.mdma.ingest.kafka;

import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.parse.HeadEndChecks;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The head-end path as a Kafka Streams topology (run by {@link HeadEndStreams}, exactly-once):
 *
 * <pre>
 *   mdma.headend.readings (String key, raw bytes)
 *     -> check (HeadEndProcessor: read, check, rescale; one record per block)
 *          -> mdma.readings.intervals | mdma.readings.registers | mdma.readings.rejected
 * </pre>
 *
 * The source reads raw bytes so that a record that cannot be read becomes a RejectedReading instead of failing the
 * stream thread. No state stores, hence no internal topics.
 */
public final class HeadEndTopology {
    static final String SOURCE = "headend-readings";
    static final String CHECK = "check";

    private HeadEndTopology() {
    }

    /** Records forwarded and rejected since start (counted as processed, before their transaction commits). */
    public record Counts(AtomicLong forwarded, AtomicLong rejected) {
        public Counts() {
            this(new AtomicLong(), new AtomicLong());
        }
    }

    /**
     * @param values the registry's deserializer of the head-end events (generated classes)
     * @param events the registry's serializer of the events published
     */
    public static Topology build(Deserializer<Object> values, Serializer<Object> events, HeadEndChecks checks,
            Clock clock, Counts counts) {
        Topology t = new Topology();
        t.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.HEADEND_READINGS);
        t.addProcessor(CHECK, () -> new HeadEndProcessor(values, checks, clock, counts.forwarded(), counts.rejected()),
                SOURCE);
        StringSerializer keys = new StringSerializer();
        t.addSink(HeadEndProcessor.TO_INTERVALS, Topics.INTERVALS, keys, events, CHECK);
        t.addSink(HeadEndProcessor.TO_REGISTERS, Topics.REGISTERS, keys, events, CHECK);
        t.addSink(HeadEndProcessor.TO_REJECTED, Topics.READINGS_REJECTED, keys, events, CHECK);
        return t;
    }
}
