package energy.mdma.bench;

import energy.mdma.events.IntervalBlock;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The bench's synthetic data, generated on demand (nothing is held in memory): {@code meters} one-channel
 * 15-minute meters, one service account each, on one read cycle whose read dates fall every {@code periodDays}
 * from the first generated day, and one {@code IntervalBlock} per meter and local day. A value is a pure function
 * of (meter, day, interval), so the expected content of every 867 can be computed again when it is checked.
 */
final class BenchData {
    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
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
        return String.format(Locale.ROOT, "BM%s%06d", runId, m);
    }

    String account(int m) {
        return String.format(Locale.ROOT, "BS%s%06d", runId, m);
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
     * and the Avro binary of an IntervalBlock in the field order of Readings.avsc.
     */
    byte[] block(byte[] header, int m, int d, long seq, long receivedAt) {
        int n = intervalsOfDay(d);
        long first = dayStartMillis(d) + INTERVAL_MINUTES * 60_000L;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + n * 5);
        out.write(header, 0, header.length);
        BinaryEncoder e = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            e.writeString(meterId(m));
            e.writeInt(CHANNEL);
            e.writeInt(INTERVAL_MINUTES);
            e.writeLong(first);
            e.writeInt(VALUE_SCALE);
            e.writeArrayStart();
            e.setItemCount(n);
            for (int k = 0; k < n; k++) {
                e.startItem();
                e.writeLong(value(m, d, k));
            }
            e.writeArrayEnd();
            e.writeArrayStart();
            e.setItemCount(n);
            for (int k = 0; k < n; k++) {
                e.startItem();
                e.writeInt(0);
            }
            e.writeArrayEnd();
            e.writeEnum(SourceType.HEADEND.ordinal());
            e.writeString("bench-" + runId);
            e.writeLong(seq);
            e.writeLong(receivedAt);
            e.writeIndex(0); // headEndId: null
            e.writeIndex(0); // headEndSequence: null
            e.flush();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toByteArray();
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
