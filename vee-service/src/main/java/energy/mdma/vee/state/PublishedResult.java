package energy.mdma.vee.state;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.PeriodState;
import energy.mdma.events.Uom;
import energy.mdma.kafka.PrimitiveArrays;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;

/**
 * What the published-periods store keeps of the last published version of a channel-period: exactly the
 * fields {@link ResultDiff} compares and the version, in a layout of its own (varints, primitive arrays, no Avro,
 * no boxing), so that deciding whether a new result changed costs no Avro decoding.
 *
 * <p>Encoding: a leading byte {@value #COMPACT}, then the fields as varints ({@link #encode}). Values written by
 * earlier versions are still read: the fixed layout (leading byte {@value #FIXED}, fixed-width numbers) and Avro binary
 * of {@link ChannelPeriodResult}.
 */
public final class PublishedResult {
    /** The first byte of the fixed layout earlier versions wrote (still read). */
    static final byte FIXED = 1;

    public final int version;
    public final String serviceAccount;
    public final int uom;
    public final long periodStartDay;
    public final long firstIntervalEndMs; // Long.MIN_VALUE: null
    public final long[] usage;
    public final int[] quality;
    public final int state;
    public final Long total;
    public final boolean totalEstimated;
    public final Long registerStart;
    public final Long registerEnd;
    public final boolean registerStartEstimated;
    public final boolean registerEndEstimated;
    public final TreeMap<String, Integer> failurePoints;
    public final int intervalsExpected;
    public final int intervalsActual;
    public final int intervalsEstimated;

    private PublishedResult(int version, String serviceAccount, int uom, long periodStartDay, long firstIntervalEndMs,
                            long[] usage, int[] quality, int state, Long total, boolean totalEstimated,
                            Long registerStart, Long registerEnd, boolean registerStartEstimated,
                            boolean registerEndEstimated, TreeMap<String, Integer> failurePoints,
                            int intervalsExpected, int intervalsActual, int intervalsEstimated) {
        this.version = version;
        this.serviceAccount = serviceAccount;
        this.uom = uom;
        this.periodStartDay = periodStartDay;
        this.firstIntervalEndMs = firstIntervalEndMs;
        this.usage = usage;
        this.quality = quality;
        this.state = state;
        this.total = total;
        this.totalEstimated = totalEstimated;
        this.registerStart = registerStart;
        this.registerEnd = registerEnd;
        this.registerStartEstimated = registerStartEstimated;
        this.registerEndEstimated = registerEndEstimated;
        this.failurePoints = failurePoints;
        this.intervalsExpected = intervalsExpected;
        this.intervalsActual = intervalsActual;
        this.intervalsEstimated = intervalsEstimated;
    }

    public static PublishedResult of(ChannelPeriodResult r) {
        List<Long> u = r.getUsage();
        List<Integer> q = r.getQuality();
        long[] usage = PrimitiveArrays.toLongs(u);
        int[] quality = PrimitiveArrays.toInts(q);
        return new PublishedResult(r.getVersion(), r.getServiceAccount(), r.getUom().ordinal(),
                r.getPeriodStart().toEpochDay(),
                r.getFirstIntervalEnd() == null ? Long.MIN_VALUE : r.getFirstIntervalEnd().toEpochMilli(),
                usage, quality, r.getState().ordinal(), r.getTotal(), r.getTotalEstimated(), r.getRegisterStart(),
                r.getRegisterEnd(), r.getRegisterStartEstimated(), r.getRegisterEndEstimated(),
                new TreeMap<>(r.getFailurePoints()), r.getIntervalsExpected(), r.getIntervalsActual(),
                r.getIntervalsEstimated());
    }

    /**
     * @param legacy reads a value written as Avro binary by an earlier version (neither layout's first byte, odd, is
     *               ever the first byte of that encoding, whose first field is a string of non-negative zig-zag length:
     *               an even first byte)
     */
    static PublishedResult decode(byte[] bytes, Deserializer<ChannelPeriodResult> legacy) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] == COMPACT) {
            return decodeCompact(bytes);
        }
        if (bytes.length == 0 || bytes[0] != FIXED) {
            return of(legacy.deserialize(null, bytes));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        int version = b.getInt();
        String account = string(b);
        int uom = b.get();
        long periodStart = b.getLong();
        long first = b.getLong();
        int n = b.getInt();
        long[] usage = new long[n];
        b.asLongBuffer().get(usage);
        b.position(b.position() + n * 8);
        int[] quality = new int[n];
        b.asIntBuffer().get(quality);
        b.position(b.position() + n * 4);
        int state = b.get();
        Long total = optLong(b);
        boolean totalEstimated = b.get() != 0;
        Long regStart = optLong(b);
        Long regEnd = optLong(b);
        boolean regStartEst = b.get() != 0;
        boolean regEndEst = b.get() != 0;
        int fpCount = b.getInt();
        TreeMap<String, Integer> fp = new TreeMap<>();
        for (int i = 0; i < fpCount; i++) {
            String k = string(b);
            fp.put(k, b.getInt());
        }
        int expected = b.getInt();
        int actual = b.getInt();
        int estimated = b.getInt();
        return new PublishedResult(version, account, uom, periodStart, first, usage, quality, state, total,
                totalEstimated, regStart, regEnd, regStartEst, regEndEst, fp, expected, actual, estimated);
    }

    /**
     * The compact layout (first byte {@link #COMPACT}): the fields in the order of the fixed one, counts as varints,
     * numbers zig-zag ({@link Varints}), a nullable number as a presence byte and the number. A month of 15-minute
     * kWh (2,976 values and quality sets) takes about 10 KB instead of the fixed layout's 36 KB (12 bytes an interval):
     * the bytes that RocksDB writes, flushes and compacts and that the changelog carries (compressed in vee's stream
     * thread and validated by the broker) for every version published.
     */
    byte[] encode() {
        byte[] account = serviceAccount.getBytes(StandardCharsets.UTF_8);
        byte[][] keys = new byte[failurePoints.size()][];
        int size = 1 + 6 * Varints.MAX + account.length + usage.length * (Varints.MAX + 5) + 4 * (1 + Varints.MAX)
                + 4 + 3 * Varints.MAX;
        int i = 0;
        for (String k : failurePoints.keySet()) {
            keys[i] = k.getBytes(StandardCharsets.UTF_8);
            size += 5 + keys[i].length + Varints.MAX;
            i++;
        }
        Varints.Writer w = new Varints.Writer(size);
        w.b[w.at++] = COMPACT;
        w.signed(version).bytes(account).count(uom).signed(periodStartDay).signed(firstIntervalEndMs)
                .count(usage.length);
        for (long u : usage) {
            w.signed(u);
        }
        for (int q : quality) {
            w.signed(q);
        }
        w.count(state).optional(total).flag(totalEstimated).optional(registerStart).optional(registerEnd)
                .flag(registerStartEstimated).flag(registerEndEstimated).count(keys.length);
        i = 0;
        for (Integer v : failurePoints.values()) {
            w.bytes(keys[i++]).signed(v);
        }
        w.signed(intervalsExpected).signed(intervalsActual).signed(intervalsEstimated);
        return w.toArray();
    }

    /** The compact layout's first byte (see {@link #decode}). */
    static final byte COMPACT = 3;

    private static PublishedResult decodeCompact(byte[] bytes) {
        Varints.Reader r = new Varints.Reader(bytes, 1);
        int version = r.signedInt();
        String account = r.string();
        int uom = (int) r.count();
        long periodStart = r.signed();
        long first = r.signed();
        int n = Math.toIntExact(r.count());
        long[] usage = new long[n];
        for (int i = 0; i < n; i++) {
            usage[i] = r.signed();
        }
        int[] quality = new int[n];
        for (int i = 0; i < n; i++) {
            quality[i] = r.signedInt();
        }
        int state = (int) r.count();
        Long total = r.optional();
        boolean totalEstimated = r.flag();
        Long regStart = r.optional();
        Long regEnd = r.optional();
        boolean regStartEst = r.flag();
        boolean regEndEst = r.flag();
        int fpCount = Math.toIntExact(r.count());
        TreeMap<String, Integer> fp = new TreeMap<>();
        for (int i = 0; i < fpCount; i++) {
            String k = r.string();
            fp.put(k, r.signedInt());
        }
        int expected = r.signedInt();
        int actual = r.signedInt();
        int estimated = r.signedInt();
        return new PublishedResult(version, account, uom, periodStart, first, usage, quality, state, total,
                totalEstimated, regStart, regEnd, regStartEst, regEndEst, fp, expected, actual, estimated);
    }

    public Instant firstIntervalEnd() {
        return firstIntervalEndMs == Long.MIN_VALUE ? null : Instant.ofEpochMilli(firstIntervalEndMs);
    }

    public PeriodState state() {
        return PeriodState.values()[state];
    }

    public Uom uom() {
        return Uom.values()[uom];
    }

    public LocalDate periodStart() {
        return LocalDate.ofEpochDay(periodStartDay);
    }

    private static String string(ByteBuffer b) {
        int len = b.getInt();
        String s = new String(b.array(), b.arrayOffset() + b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }

    private static Long optLong(ByteBuffer b) {
        boolean has = b.get() != 0;
        long v = b.getLong();
        return has ? v : null;
    }
}
