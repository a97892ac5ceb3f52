package energy.mdma.ingest.kafka;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.IntervalStatus;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.RejectedReading;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.parse.HeadEndChecks;
import energy.mdma.kafka.IntervalBlockOutline;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The head-end path's one processor (input-formats.md section 3; wired by {@link HeadEndTopology}): reads a record of
 * {@code mdma.headend.readings} (IntervalBlock or RegisterReading through the registry), applies the same checks as
 * the file parsers ({@link HeadEndChecks}), forwards what passes to the intervals or registers sink (key
 * meterId:channel, values at scale 6) and what fails to the rejected sink as a RejectedReading with the reason. A block
 * stays one record throughout: the checks and the rescaling take the block at once. A record that cannot be read is
 * rejected, never dropped. The output carries the processing time (the clock's) and no headers, as the records
 * produced by hand did before.
 *
 * <p>A block is forwarded as the bytes of the intervals topic's serializer, written here: a block that passes unchanged
 * (values at scale 6) and was written with the schema that serializer writes (the same registry header) is forwarded
 * as the bytes it came in, the same event, instead of being encoded again (encoding was 15% of ingest's CPU samples
 * in the bench, where every block comes so). The header is learnt from the first block the serializer writes exactly
 * as it came; until then, and for any other block (rescaled, or written with another schema), the serializer writes
 * it.
 */
final class HeadEndProcessor implements Processor<String, byte[], String, Object> {
    /** The sinks the processor forwards to (child names in {@link HeadEndTopology}). */
    static final String TO_INTERVALS = "to-intervals";
    static final String TO_REGISTERS = "to-registers";
    static final String TO_REJECTED = "to-rejected";

    private final Deserializer<Object> values;
    private final Serializer<IntervalBlock> intervals;
    private final HeadEndChecks checks;
    private final Clock clock;
    private final AtomicLong forwarded;
    private final AtomicLong rejected;
    private ProcessorContext<String, Object> context;
    /**
     * What the intervals serializer writes before a block's Avro body (the registry's magic byte and schema id), once
     * learnt from a block it wrote exactly as the block came in; null until then.
     */
    private byte[] intervalsHeader;

    /** @param intervals the serializer of the intervals topic's values: the forwarded blocks are its bytes */
    HeadEndProcessor(Deserializer<Object> values, Serializer<IntervalBlock> intervals, HeadEndChecks checks,
            Clock clock, AtomicLong forwarded, AtomicLong rejected) {
        this.values = values;
        this.intervals = intervals;
        this.checks = checks;
        this.clock = clock;
        this.forwarded = forwarded;
        this.rejected = rejected;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> r) {
        Optional<RecordMetadata> m = context.recordMetadata();
        Out out = transform(m.map(RecordMetadata::topic).orElse(Topics.HEADEND_READINGS), r.key(), r.headers(),
                r.value(), m.map(RecordMetadata::offset).orElse(-1L), r.timestamp());
        (TO_REJECTED.equals(out.child()) ? rejected : forwarded).incrementAndGet();
        context.forward(new Record<String, Object>(out.key(), out.value(), clock.millis(), new RecordHeaders()),
                out.child());
    }

    /** One output record: the sink it goes to, its key and value. */
    record Out(String child, String key, Object value) {
    }

    /** The record to publish for one head-end record: the forwarded reading or a RejectedReading. */
    Out transform(String topic, String key, Headers headers, byte[] bytes, long offset, long timestamp) {
        Out asItCame = passedAsItCame(bytes);
        if (asItCame != null) {
            return asItCame;
        }
        Object v;
        try {
            v = bytes == null ? null : values.deserialize(topic, headers, bytes);
        } catch (RuntimeException e) {
            return reject(null, null, "the record cannot be read as an IntervalBlock or RegisterReading of the"
                    + " registry: " + e.getMessage(), null, key, offset, timestamp, encoded(bytes));
        }
        if (v instanceof IntervalBlock b) {
            String reason = checkBlock(b);
            if (reason != null) {
                return reject(b.getMeterId(), b.getChannel(), reason, b.getSource(), key, offset, timestamp,
                        b.toString());
            }
            IntervalBlock out = normalize(b);
            if (out == null) {
                return reject(b.getMeterId(), b.getChannel(), "valueScale " + b.getValueScale() + ": values must fit"
                        + " 6 decimals and a long at scale 6", b.getSource(), key, offset, timestamp, b.toString());
            }
            return new Out(TO_INTERVALS, Topics.channelKey(b.getMeterId(), b.getChannel()),
                    intervalBytes(out, out == b ? bytes : null));
        }
        if (v instanceof RegisterReading g) {
            Optional<String> reason = checks.checkRegister(g.getMeterId(), g.getChannel(),
                    g.getReadTime().toEpochMilli(), g.getReading());
            if (reason.isPresent()) {
                return reject(g.getMeterId(), g.getChannel(), reason.get(), g.getSource(), key, offset, timestamp,
                        g.toString());
            }
            return new Out(TO_REGISTERS, Topics.channelKey(g.getMeterId(), g.getChannel()), g);
        }
        return reject(null, null, v == null ? "empty record (no value)"
                : "unexpected event type " + v.getClass().getSimpleName() + "; head-ends publish IntervalBlock or"
                + " RegisterReading", null, key, offset, timestamp, v == null ? "null" : v.toString());
    }

    /**
     * The block forwarded as the bytes it came in, when it was written with the schema the intervals serializer writes
     * (the same registry header), is at scale 6 and passes every check - decided from its outline
     * ({@link IntervalBlockOutline}: the values walked over, not decoded; reading them was 12% of ingest's CPU
     * samples in ./mdma bench); null for anything else (another schema, a register reading, a block to rescale or to
     * refuse, bytes that are no block), which {@link #transform} reads whole, to forward or to reject with the reason.
     * The verdict is the same either way: the outline refuses what the reader refuses, and the checks are
     * {@link #checkBlock}'s.
     */
    private Out passedAsItCame(byte[] bytes) {
        byte[] header = intervalsHeader;
        if (bytes == null || !startsWithHeader(bytes, header)) {
            return null;
        }
        IntervalBlockOutline b;
        try {
            b = IntervalBlockOutline.read(bytes, header.length, bytes.length - header.length);
        } catch (RuntimeException unreadable) {
            return null;
        }
        if (b.valueScale() != EventMapper.VALUE_SCALE || b.values() != b.statuses() || !b.statusesValid()
                || checks.checkIntervals(b.meterId(), b.channel(), b.intervalMinutes(), b.firstIntervalEndMillis(),
                b.values()).isPresent()) {
            return null;
        }
        return new Out(TO_INTERVALS, Topics.channelKey(b.meterId(), b.channel()), bytes);
    }

    /**
     * The bytes the intervals topic gets for a block: {@code asRead} (the block's bytes, when it passes unchanged) if
     * they start with the intervals serializer's header, i.e. were written with the schema it writes; else the
     * serializer's.
     */
    private byte[] intervalBytes(IntervalBlock block, byte[] asRead) {
        byte[] header = intervalsHeader;
        if (asRead != null && startsWithHeader(asRead, header)) {
            return asRead;
        }
        byte[] written = intervals.serialize(Topics.INTERVALS, block);
        if (asRead != null && header == null && Arrays.equals(written, asRead)) {
            intervalsHeader = Arrays.copyOf(written, written.length - avroBody(block).length);
        }
        return written;
    }

    /** Whether {@code bytes} are the intervals serializer's header (not null: learnt) and a body after it. */
    private static boolean startsWithHeader(byte[] bytes, byte[] header) {
        return header != null && bytes.length > header.length
                && Arrays.equals(bytes, 0, header.length, header, 0, header.length);
    }

    private static byte[] avroBody(IntervalBlock block) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(body, null);
        try {
            new SpecificDatumWriter<>(IntervalBlock.class).write(block, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body.toByteArray();
    }

    private String checkBlock(IntervalBlock b) {
        int n = b.getValues().size();
        if (b.getStatuses().size() != n) {
            return "the block has " + n + " values but " + b.getStatuses().size() + " status sets; give one per value";
        }
        for (Integer s : b.getStatuses()) {
            if (s == null || !IntervalStatus.isSet(s)) {
                return "status " + s + " is not a set of " + IntervalStatus.legend();
            }
        }
        return checks.checkIntervals(b.getMeterId(), b.getChannel(), b.getIntervalMinutes(),
                b.getFirstIntervalEnd().toEpochMilli(), n).orElse(null);
    }

    /** The block with values at scale 6, or null if that is not exact. */
    static IntervalBlock normalize(IntervalBlock b) {
        int scale = b.getValueScale();
        if (scale == EventMapper.VALUE_SCALE) {
            return b;
        }
        if (scale < 0 || scale > 18) {
            return null;
        }
        List<Long> out = new ArrayList<>(b.getValues().size());
        try {
            for (Long v : b.getValues()) {
                java.math.BigDecimal d = java.math.BigDecimal.valueOf(v, scale).setScale(EventMapper.VALUE_SCALE);
                out.add(d.unscaledValue().longValueExact());
            }
        } catch (ArithmeticException e) {
            return null;
        }
        // the all-fields constructor, not newBuilder(b): that deep-copies through SpecificData.get(), which may
        // resolve the generated classes in another class loader (Quarkus test mode)
        return new IntervalBlock(b.getMeterId(), b.getChannel(), b.getIntervalMinutes(), b.getFirstIntervalEnd(),
                EventMapper.VALUE_SCALE, out, b.getStatuses(), b.getSource(), b.getHeadEndId(), b.getHeadEndSequence());
    }

    private Out reject(String meterId, Integer channel, String reason, Source source, String key, long offset,
            long timestamp, String json) {
        Source s = source != null ? source
                : new Source(SourceType.HEADEND, key == null ? "unknown" : key, offset, Instant.ofEpochMilli(timestamp));
        RejectedReading rr = new RejectedReading(meterId, channel, reason, s, clock.instant(), json);
        String outKey = meterId == null ? key : Topics.channelKey(meterId, channel == null ? 0 : channel);
        return new Out(TO_REJECTED, outKey, rr);
    }

    private static String encoded(byte[] bytes) {
        return "{\"undecodedBase64\":\"" + (bytes == null ? "" : Base64.getEncoder().encodeToString(bytes)) + "\"}";
    }
}
