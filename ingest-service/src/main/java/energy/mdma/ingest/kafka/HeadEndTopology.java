package energy.mdma.ingest.kafka;

import energy.mdma.ingest.parse.HeadEndChecks;
import energy.mdma.kafka.EventTopics;
import energy.mdma.kafka.Topic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
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
     * @param values the registry's deserializer of the head-end events (generated classes): a record may hold either
     * @param topics the topics written (intervals, registers, rejected readings) with their serdes
     */
    public static Topology build(Deserializer<Object> values, EventTopics topics, HeadEndChecks checks, Clock clock,
            Counts counts) {
        Topology t = new Topology();
        Topic<String, byte[]> in = EventTopics.headEndReadings();
        t.addSource(SOURCE, in.keySerde().deserializer(), in.valueSerde().deserializer(), in.name());
        t.addProcessor(CHECK, () -> new HeadEndProcessor(values, topics.intervals.valueSerde().serializer(), checks,
                clock, counts.forwarded(), counts.rejected()), SOURCE);
        // the processor forwards the blocks' bytes (see HeadEndProcessor), written by the intervals topic's serializer
        t.addSink(HeadEndProcessor.TO_INTERVALS, topics.intervals.name(), topics.intervals.keySerde().serializer(),
                new ByteArraySerializer(), CHECK);
        sink(t, HeadEndProcessor.TO_REGISTERS, topics.registers);
        sink(t, HeadEndProcessor.TO_REJECTED, topics.rejectedReadings);
        return t;
    }

    private static void sink(Topology t, String name, Topic<String, ?> topic) {
        t.addSink(name, topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(), CHECK);
    }
}
