package energy.mdma.bench;

import energy.mdma.events.PrevailingTime;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The bench's synthetic data, generated on demand (nothing is held in memory): {@code meters} one-channel
 * 15-minute meters, one service account each, on one read cycle whose read dates fall every {@code periodDays}
 * from the first generated day, and one {@code IntervalBlock} per meter and local day. A value is a pure function
 * of (meter, day, interval), so the expected content of every 867 can be computed again when it is checked.
 */
final class BenchData {
    static final ZoneId ZONE = PrevailingTime.ZONE;
    static final int INTERVAL_MINUTES = 15;
    static final int CHANNEL = 1;
    /** Scale of the generated values (IntervalBlock.valueScale). */
    static final int VALUE_SCALE = 6;

    final String runId;
    final int meters;
    final int days;
    /** The first generated local day; also the cycle's first read date. */
    final LocalDate start;
    /** The read dates of the cycle, from {@link #start}; periods end on all but the first. */
    final List<LocalDate> readDates;
    /** Start of each generated day (epoch millis), one more for the end of the last; and its interval count. */
    private final long[] dayStarts;
    private final int[] dayIntervals;

    BenchData(String runId, int meters, int days, int periodDays, LocalDate start) {
        if (meters < 1 || meters > 999_999 || days < 1 || periodDays < 1) {
            throw new IllegalArgumentException("meters must be 1..999999, days and period days positive");
        }
        this.runId = runId;
        this.meters = meters;
        this.days = days;
        this.start = start;
        int p = Math.min(periodDays, days);
        List<LocalDate> r = new ArrayList<>();
        for (int k = 0; (long) k * p <= days; k++) {
            r.add(start.plusDays((long) k * p));
        }
        this.readDates = Collections.unmodifiableList(r);
        dayStarts = new long[days + 1];
        dayIntervals = new int[days];
        for (int d = 0; d <= days; d++) {
            dayStarts[d] = start.plusDays(d).atStartOfDay(ZONE).toInstant().toEpochMilli();
            if (d > 0) {
                dayIntervals[d - 1] = (int) ((dayStarts[d] - dayStarts[d - 1]) / (INTERVAL_MINUTES * 60_000L));
            }
        }
    }

    int periodsPerMeter() {
        return readDates.size() - 1;
    }

    long accountPeriods() {
        return (long) meters * periodsPerMeter();
    }

    long blocks() {
        return (long) meters * days;
    }

    String meterId(int m) {
        return "BM" + runId + sixDigits(m);
    }

    String account(int m) {
        return "BS" + runId + sixDigits(m);
    }

    private static String sixDigits(int m) {
        String s = Integer.toString(m);
        return "000000".substring(s.length()) + s;
    }

    String meterPrefix() {
        return "BM" + runId;
    }

    String accountPrefix() {
        return "BS" + runId;
    }

    String cycle() {
        return "BC" + runId;
    }

    /** The meter index of a bench account of this run, or -1. */
    int meterOfAccount(String account) {
        String p = accountPrefix();
        if (account == null || !account.startsWith(p) || account.length() != p.length() + 6) {
            return -1;
        }
        try {
            int m = Integer.parseInt(account.substring(p.length()));
            return m < meters ? m : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Index k (1-based) of the period ending on {@code periodEnd}, or -1. */
    int periodIndex(LocalDate periodEnd) {
        int k = readDates.indexOf(periodEnd);
        return k >= 1 ? k : -1;
    }

    /** Start (local midnight, epoch millis) of generated day {@code d}. */
    long dayStartMillis(int d) {
        return dayStarts[d];
    }

    /** Intervals of generated day {@code d} (92, 96 or 100). */
    int intervalsOfDay(int d) {
        return dayIntervals[d];
    }

    /** Interval reads of the whole run. */
    long reads() {
        long n = 0;
        for (int d = 0; d < days; d++) {
            n += intervalsOfDay(d);
        }
        return n * meters;
    }

    /** Interval reads of one account-period (every meter has the same). */
    long readsOfPeriod(int k) {
        long n = 0;
        for (int d = dayIndex(readDates.get(k - 1)); d < dayIndex(readDates.get(k)); d++) {
            n += intervalsOfDay(d);
        }
        return n;
    }

    private int dayIndex(LocalDate day) {
        return (int) (day.toEpochDay() - start.toEpochDay());
    }

    /** The generated raw value (scale 6) of meter m, generated day d, interval k of that day: 0.1 .. 0.6 kWh. */
    static long value(int m, int d, int k) {
        return 100_000 + ((m * 7919L + k * 104_729L + d * 13L) % 500_000);
    }

    /** The usage the VEE computes from a raw value at scale 6 (UNIT, multiplier 1): round4 half up, times 10^4. */
    static long usage1e4(long valueScale6) {
        if (valueScale6 < 0) {
            throw new IllegalArgumentException("the bench generates no negative values");
        }
        return (valueScale6 + 50) / 100;
    }

    /** What the current original of meter m's account for period k must carry. */
    Expected expected(int m, int k) {
        LocalDate from = readDates.get(k - 1);
        LocalDate to = readDates.get(k);
        int n = (int) readsOfPeriod(k);
        long[] ends = new long[n];
        long[] usage = new long[n];
        int i = 0;
        long total = 0;
        for (int d = dayIndex(from); d < dayIndex(to); d++) {
            long first = dayStartMillis(d) / 1000 + INTERVAL_MINUTES * 60L;
            int c = intervalsOfDay(d);
            for (int j = 0; j < c; j++) {
                ends[i] = first + j * INTERVAL_MINUTES * 60L;
                usage[i] = usage1e4(value(m, d, j));
                total += usage[i];
                i++;
            }
        }
        return new Expected(meterId(m), CHANNEL, from, to, ends, usage, total);
    }

    /** The expected content of one account-period: one meter, one channel, every interval actual. */
    record Expected(String meterId, int channel, LocalDate from, LocalDate to, long[] intervalEnds, long[] usage1e4,
                    long total1e4) {
    }

    // ------------------------------------------------------------------ blocks

    byte[] key(int m) {
        return (meterId(m) + ":" + CHANNEL).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The registry wire form of meter m's block for generated day d: {@code header} (magic byte and schema id)
     * and the Avro binary of an IntervalBlock in the field order of Readings.avsc (zig-zag varints, strings with
     * their length, each array as one block of n items and the end marker 0). Written by hand for speed (the
     * generator must outrun the platform); the bench checks it against the registry serializer before it starts.
     */
    byte[] block(byte[] header, int m, int d, long seq, long receivedAt) {
        int n = intervalsOfDay(d);
        long first = dayStartMillis(d) + INTERVAL_MINUTES * 60_000L;
        byte[] meter = meterId(m).getBytes(StandardCharsets.UTF_8);
        byte[] source = sourceId();
        byte[] out = new byte[header.length + 2 * 10 + meter.length + 4 * 10 + n * 11 + 10 + source.length + 40];
        int p = header.length;
        System.arraycopy(header, 0, out, 0, header.length);
        p = writeLong(out, p, meter.length);
        System.arraycopy(meter, 0, out, p, meter.length);
        p += meter.length;
        p = writeLong(out, p, CHANNEL);
        p = writeLong(out, p, INTERVAL_MINUTES);
        p = writeLong(out, p, first);
        p = writeLong(out, p, VALUE_SCALE);
        p = writeLong(out, p, n);
        for (int k = 0; k < n; k++) {
            p = writeLong(out, p, value(m, d, k));
        }
        out[p++] = 0; // end of the values
        p = writeLong(out, p, n);
        for (int k = 0; k < n; k++) {
            out[p++] = 0; // status set 0
        }
        out[p++] = 0; // end of the statuses
        p = writeLong(out, p, SourceType.HEADEND.ordinal());
        p = writeLong(out, p, source.length);
        System.arraycopy(source, 0, out, p, source.length);
        p += source.length;
        p = writeLong(out, p, seq);
        p = writeLong(out, p, receivedAt);
        out[p++] = 0; // headEndId: null (union branch 0)
        out[p++] = 0; // headEndSequence: null
        return Arrays.copyOf(out, p);
    }

    private byte[] sourceIdBytes;

    private byte[] sourceId() {
        if (sourceIdBytes == null) {
            sourceIdBytes = ("bench-" + runId).getBytes(StandardCharsets.UTF_8);
        }
        return sourceIdBytes;
    }

    /** Avro's long (and int) encoding: zig-zag, then a varint of 7 bits a byte. */
    private static int writeLong(byte[] out, int p, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out[p++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        out[p++] = (byte) z;
        return p;
    }

    /** The same block as an event, to check {@link #block} against the registry serializer. */
    IntervalBlock blockRecord(int m, int d, long seq, long receivedAt) {
        int n = intervalsOfDay(d);
        List<Long> v = new ArrayList<>(n);
        List<Integer> s = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            v.add(value(m, d, k));
            s.add(0);
        }
        return IntervalBlock.newBuilder().setMeterId(meterId(m)).setChannel(CHANNEL).setIntervalMinutes(INTERVAL_MINUTES)
                .setFirstIntervalEnd(Instant.ofEpochMilli(dayStartMillis(d) + INTERVAL_MINUTES * 60_000L))
                .setValueScale(VALUE_SCALE).setValues(v).setStatuses(s)
                .setSource(Source.newBuilder().setType(SourceType.HEADEND).setId("bench-" + runId).setSequence(seq)
                        .setReceivedAt(Instant.ofEpochMilli(receivedAt)).build())
                .setHeadEndId(null).setHeadEndSequence(null).build();
    }

    /**
     * The order in which blocks are published: {@code daily} is every meter's day 1, then day 2, ... (as head-ends
     * send yesterday's data); otherwise the historical burst, every day of meter 1, then of meter 2, ...
     * Returns {meter, day} of the i-th block.
     */
    int[] blockAt(long i, boolean daily) {
        if (daily) {
            return new int[]{(int) (i % meters), (int) (i / meters)};
        }
        return new int[]{(int) (i / days), (int) (i % days)};
    }
}
