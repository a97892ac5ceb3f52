package energy.mdma.kafka;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;

import java.io.IOException;
import java.time.Instant;

/**
 * The reader of an {@link IntervalBlock} written with the schema of the generated class (every block ingest, a
 * head-end of today or the bench writes): its fields read straight off the binary decoder, in the schema's order, into
 * the generated class, the values and statuses into primitive arrays. Avro's generic reader of the same bytes walks
 * its resolving grammar for every field, creates the records by reflection and looks enums up by name: 15 ns per
 * value of a day's block, twice what the values themselves cost (EventReaderBenchmark). Blocks are what ingest and
 * vee read most (ingest: 32% of its stream thread's CPU samples in ./mdma bench was reading them).
 *
 * <p>Only for that one writer schema ({@link #reads}): a block written with any other schema (older or newer) takes
 * {@link PrimitiveArrays.Reader}, Avro's path with its schema resolution. Tests: the same blocks read both ways are
 * equal, nullable fields and multi-block arrays included.
 */
final class IntervalBlockReader implements DatumReader<IntervalBlock> {
    private static final Schema SCHEMA = IntervalBlock.getClassSchema();
    private static final Schema VALUES = SCHEMA.getField("values").schema();
    private static final Schema STATUSES = SCHEMA.getField("statuses").schema();
    private static final SourceType[] SOURCE_TYPES = SourceType.values();

    /** Whether blocks written with {@code writer} are read here: only the generated class's own schema. */
    static boolean reads(Schema writer) {
        return SCHEMA.equals(writer);
    }

    @Override
    public void setSchema(Schema schema) {
        if (!reads(schema)) {
            throw new IllegalArgumentException("IntervalBlockReader reads IntervalBlock's own schema only, not "
                    + schema.getFullName());
        }
    }

    @Override
    public IntervalBlock read(IntervalBlock reuse, Decoder in) throws IOException {
        String meterId = in.readString();
        int channel = in.readInt();
        int intervalMinutes = in.readInt();
        Instant firstIntervalEnd = Instant.ofEpochMilli(in.readLong());
        int valueScale = in.readInt();
        long n = in.readArrayStart();
        PrimitivesArrays.LongArray values = new PrimitivesArrays.LongArray(PrimitiveArrays.initialCapacity(n), VALUES);
        int i = 0;
        for (; n > 0; n = in.arrayNext()) {
            for (long k = 0; k < n; k++) {
                values.add(i++, in.readLong());
            }
        }
        n = in.readArrayStart();
        PrimitivesArrays.IntArray statuses = new PrimitivesArrays.IntArray(PrimitiveArrays.initialCapacity(n), STATUSES);
        i = 0;
        for (; n > 0; n = in.arrayNext()) {
            for (long k = 0; k < n; k++) {
                statuses.add(i++, in.readInt());
            }
        }
        int type = in.readEnum();
        if (type < 0 || type >= SOURCE_TYPES.length) {
            throw new AvroRuntimeException("IntervalBlock.source.type: no SourceType symbol " + type);
        }
        Source source = new Source(SOURCE_TYPES[type], in.readString(), in.readLong(),
                Instant.ofEpochMilli(in.readLong()));
        String headEndId = union(in, "headEndId") ? in.readString() : null;
        Long headEndSequence = union(in, "headEndSequence") ? in.readLong() : null;
        return new IntervalBlock(meterId, channel, intervalMinutes, firstIntervalEnd, valueScale, values, statuses,
                source, headEndId, headEndSequence);
    }

    /** A ["null", T] union's branch: false for null (read here), true for the value that follows. */
    private static boolean union(Decoder in, String field) throws IOException {
        int branch = in.readIndex();
        if (branch == 0) {
            in.readNull();
            return false;
        }
        if (branch != 1) {
            throw new AvroRuntimeException("IntervalBlock." + field + ": no union branch " + branch);
        }
        return true;
    }
}
