package energy.mdma.kafka;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.IntervalStatus;
import energy.mdma.events.SourceType;
import org.apache.avro.AvroRuntimeException;

/**
 * What ingest's head-end path checks of an {@link IntervalBlock} - the channel, the interval length, the first end, the
 * scale, how many values and status sets, whether every status set is one - read from the Avro binary of a block
 * written with the generated class's own schema without its values: their varints are walked over
 * ({@link AvroBytes#skipNumbers}), not decoded. A block that passes goes on as the bytes it came in, so its values are
 * never needed there; decoding them ({@link IntervalBlockReader}) was 12% of ingest's CPU samples in ./mdma bench.
 *
 * <p>{@link #read} refuses exactly the bytes that {@link IntervalBlockReader#read} refuses (every field is walked as it
 * reads it: numbers, lengths, counts, the source's enum symbol and the unions), so a caller may take the outline's
 * verdict for the reader's.
 *
 * @param meterId               the block's meter
 * @param channel               its channel
 * @param intervalMinutes       its interval length
 * @param firstIntervalEndMillis the end of its first interval, epoch milliseconds
 * @param valueScale            the scale of its values
 * @param values                how many values it has (at most the record's bytes: each takes one or more)
 * @param statuses              how many status sets it has (likewise)
 * @param statusesValid         whether every status set is one ({@link IntervalStatus#isSet})
 */
public record IntervalBlockOutline(String meterId, int channel, int intervalMinutes, long firstIntervalEndMillis,
                                   int valueScale, int values, int statuses, boolean statusesValid) {
    private static final int SOURCE_TYPES = SourceType.values().length;

    /**
     * The outline of the block whose Avro binary body (written with {@link IntervalBlock}'s own schema) is
     * {@code length} bytes from {@code start}.
     *
     * @throws AvroRuntimeException when the bytes are no such block, as {@link IntervalBlockReader#read} says it
     */
    public static IntervalBlockOutline read(byte[] bytes, int start, int length) {
        AvroBytes in = new AvroBytes(bytes, start, length, "IntervalBlock");
        String meterId = in.string();
        int channel = in.intValue();
        int intervalMinutes = in.intValue();
        long firstIntervalEnd = in.longValue();
        int valueScale = in.intValue();
        // a block's count is at most the bytes left, and each number takes one or more: the sums stay ints
        int values = 0;
        for (long n = in.blockCount(); n > 0; n = in.blockCount()) {
            in.skipNumbers(n, 10);
            values += (int) n;
        }
        int statuses = 0;
        boolean statusesValid = true;
        for (long n = in.blockCount(); n > 0; n = in.blockCount()) {
            for (long k = 0; k < n; k++) {
                statusesValid &= IntervalStatus.isSet(in.intValue());
            }
            statuses += (int) n;
        }
        in.symbol(SOURCE_TYPES, "source.type");
        in.string();
        in.longValue();
        in.longValue();
        if (in.present("headEndId")) {
            in.string();
        }
        if (in.present("headEndSequence")) {
            in.longValue();
        }
        return new IntervalBlockOutline(meterId, channel, intervalMinutes, firstIntervalEnd, valueScale, values,
                statuses, statusesValid);
    }
}
