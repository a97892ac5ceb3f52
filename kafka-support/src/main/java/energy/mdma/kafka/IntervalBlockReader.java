package energy.mdma.kafka;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;

import java.time.Instant;

/**
 * The reader of an {@link IntervalBlock} written with the schema of the generated class (every block ingest, a
 * head-end of today or the bench writes), straight from the record's bytes ({@link AvroBytes}): the fields in the
 * schema's order into the generated class, the values and statuses into primitive arrays. Avro's reader of the same
 * bytes walks its resolving grammar for every field, creates the records by reflection and looks enums up by name:
 * 15 ns per value of a day's block (EventReaderBenchmark). Blocks are what ingest and vee read most (ingest: 32% of
 * its stream thread's CPU samples in ./mdma bench was reading them). {@link EventDeserializer} reads them here.
 *
 * <p>Only for that one writer schema (told by {@link EventDeserializer.OwnSchema}): a block written with any other
 * schema (older or newer) takes Avro's path with its schema resolution. As Avro's reader, it reads the block and
 * ignores what may follow it.
 */
final class IntervalBlockReader {
    private static final Schema SCHEMA = IntervalBlock.getClassSchema();
    private static final Schema VALUES = SCHEMA.getField("values").schema();
    private static final Schema STATUSES = SCHEMA.getField("statuses").schema();
    private static final SourceType[] SOURCE_TYPES = SourceType.values();

    private IntervalBlockReader() {
    }

    /**
     * The block whose Avro binary body is {@code length} bytes from {@code start}.
     *
     * @throws AvroRuntimeException when the bytes are no such block (cut short, a count or length out of range, an
     *                              enum or union index that does not exist)
     */
    static IntervalBlock read(byte[] bytes, int start, int length) {
        AvroBytes in = new AvroBytes(bytes, start, length, "IntervalBlock");
        String meterId = in.string();
        int channel = in.intValue();
        int intervalMinutes = in.intValue();
        Instant firstIntervalEnd = Instant.ofEpochMilli(in.longValue());
        int valueScale = in.intValue();
        PrimitivesArrays.LongArray values = in.longs(VALUES);
        PrimitivesArrays.IntArray statuses = in.ints(STATUSES);
        SourceType type = SOURCE_TYPES[in.symbol(SOURCE_TYPES.length, "source.type")];
        Source source = new Source(type, in.string(), in.longValue(), Instant.ofEpochMilli(in.longValue()));
        String headEndId = in.present("headEndId") ? in.string() : null;
        Long headEndSequence = in.present("headEndSequence") ? in.longValue() : null;
        return new IntervalBlock(meterId, channel, intervalMinutes, firstIntervalEnd, valueScale, values, statuses,
                source, headEndId, headEndSequence);
    }
}
