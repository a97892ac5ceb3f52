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
import java.util.Map;
import java.util.TreeMap;

/**
 * What the published-periods store keeps of the last published version of a channel-period: exactly the
 * fields {@link ResultDiff} compares and the version, in a compact fixed layout (primitive arrays, no Avro,
 * no boxing), so that deciding whether a new result changed costs no Avro decoding.
 *
 * <p>Encoding: a leading byte {@value #FORMAT} (never the first byte of the former Avro encoding, whose first
 * field is a string of non-negative zig-zag length, i.e. an even first byte), then the fields. Values written
 * by earlier versions (Avro binary of {@link ChannelPeriodResult}) are still read.
 */
public final class PublishedResult {
    public static final byte FORMAT = 1;

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

    /** @param legacy reads a value written as Avro binary by an earlier version */
    static PublishedResult decode(byte[] bytes, Deserializer<ChannelPeriodResult> legacy) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 0 || bytes[0] != FORMAT) {
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

    byte[] encode() {
        byte[] account = serviceAccount.getBytes(StandardCharsets.UTF_8);
        int size = 1 + 4 + 4 + account.length + 1 + 8 + 8 + 4 + usage.length * 12 + 1 + 9 + 1 + 9 + 9 + 2 + 4 + 12;
        byte[][] keys = new byte[failurePoints.size()][];
        int i = 0;
        for (String k : failurePoints.keySet()) {
            keys[i] = k.getBytes(StandardCharsets.UTF_8);
            size += 4 + keys[i].length + 4;
            i++;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(FORMAT).putInt(version).putInt(account.length).put(account).put((byte) uom).putLong(periodStartDay)
                .putLong(firstIntervalEndMs).putInt(usage.length);
        b.asLongBuffer().put(usage);
        b.position(b.position() + usage.length * 8);
        b.asIntBuffer().put(quality);
        b.position(b.position() + quality.length * 4);
        b.put((byte) state);
        putOptLong(b, total);
        b.put((byte) (totalEstimated ? 1 : 0));
        putOptLong(b, registerStart);
        putOptLong(b, registerEnd);
        b.put((byte) (registerStartEstimated ? 1 : 0)).put((byte) (registerEndEstimated ? 1 : 0));
        b.putInt(failurePoints.size());
        i = 0;
        for (Map.Entry<String, Integer> e : failurePoints.entrySet()) {
            b.putInt(keys[i].length).put(keys[i]).putInt(e.getValue());
            i++;
        }
        b.putInt(intervalsExpected).putInt(intervalsActual).putInt(intervalsEstimated);
        return b.array();
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

    private static void putOptLong(ByteBuffer b, Long v) {
        b.put((byte) (v == null ? 0 : 1)).putLong(v == null ? 0 : v);
    }
}
