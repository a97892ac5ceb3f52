package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.ParsedIntervalBlock;

import java.util.Arrays;

/** Collects interval values into blocks per meter channel run, flushing at bounded size. */
final class BlockAccumulator {
    private final IngestSink sink;
    private final int max;
    private final boolean splitAtDay;

    private String meterId;
    private int channel;
    private int intervalMinutes;
    private long day;
    private int n;
    private final long[] ends;
    private final long[] values;
    private final byte[] status;
    private final long[] lines;
    private final int[] positions;
    private final long[] sequences;

    BlockAccumulator(IngestSink sink, int max, boolean splitAtDay) {
        this.sink = sink;
        this.max = max;
        this.splitAtDay = splitAtDay;
        int cap = Math.min(max, 1 << 16);
        ends = new long[cap];
        values = new long[cap];
        status = new byte[cap];
        lines = new long[cap];
        positions = new int[cap];
        sequences = new long[cap];
    }


    void add(String meter, int ch, int minutes, long day, long end, long micros, int bits, long line, int position,
            long sequence) {
        if (n > 0 && (ch != channel || !meter.equals(meterId) || minutes != intervalMinutes || n == max
                || (splitAtDay && day != this.day))) {
            flush();
        }
        if (n == 0) {
            meterId = meter;
            channel = ch;
            intervalMinutes = minutes;
            this.day = day;
        }
        ensure();
        ends[n] = end;
        values[n] = micros;
        status[n] = (byte) bits;
        lines[n] = line;
        positions[n] = position;
        sequences[n] = sequence;
        n++;
    }

    private void ensure() {
        if (n == ends.length) {
            // only when max > 65536: flush early rather than grow (memory stays bounded)
            flush();
        }
    }

    void flush() {
        if (n == 0) {
            return;
        }
        ParsedIntervalBlock block = new ParsedIntervalBlock(meterId, channel, intervalMinutes, Arrays.copyOf(ends, n),
                Arrays.copyOf(values, n), Arrays.copyOf(status, n), Arrays.copyOf(lines, n),
                Arrays.copyOf(positions, n), Arrays.copyOf(sequences, n));
        n = 0;
        sink.intervals(block);
    }
}
