package energy.mdma.vee.state;

import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.ReceivedIntervals;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.LocalDate;

/**
 * One channel-day of received raw values as kept in the state store: fixed-point values
 * (scale {@link #SCALE}), a presence flag and the status bits per position of the local day.
 * Encoded compactly: no per-interval objects in the store, varints rather than fixed-width values ({@link #encode}).
 */
public final class StoredDay {
    public static final int SCALE = ReceivedIntervals.RAW_SCALE;
    /** A big-endian long at any offset of a byte array (as ByteBuffer wrote it), read without a buffer. */
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    public final LocalDate day;
    public final long[] values;
    public final boolean[] present;
    public final byte[] status;

    StoredDay(LocalDate day, int intervals) {
        this.day = day;
        this.values = new long[intervals];
        this.present = new boolean[intervals];
        this.status = new byte[intervals];
    }

    public static StoredDay empty(LocalDate day, int intervalMinutes) {
        return new StoredDay(day, LocalGrid.intervalsPerDay(day, intervalMinutes));
    }

    public void set(int pos, long value, int statusBits) {
        values[pos] = value;
        present[pos] = true;
        status[pos] = (byte) statusBits;
    }

    /**
     * The compact layout (first byte {@link #COMPACT}): the epoch day and the number of positions as varints, a
     * presence bitmap (bit i of byte i/8), the status byte of every position, then every value as a zig-zag varint
     * (an absent position's is 0, one byte). A day of 96 values of up to 2 kWh: about 400 bytes instead of the 968 of
     * the fixed layout earlier versions wrote (still read, {@link #decode}); the day's bytes are what RocksDB
     * flushes and compacts and what its changelog carries, once per block received.
     */
    byte[] encode() {
        int n = values.length;
        Varints.Writer w = new Varints.Writer(1 + Varints.MAX + 5 + (n + 7) / 8 + n + Varints.MAX * n);
        w.b[w.at++] = COMPACT;
        w.signed(day.toEpochDay()).count(n);
        byte[] b = w.b;
        int at = w.at;
        for (int i = 0; i < n; i++) {
            if (present[i]) {
                b[at + (i >>> 3)] |= (byte) (1 << (i & 7));
            }
        }
        at += (n + 7) >>> 3;
        System.arraycopy(status, 0, b, at, n);
        w.at = at + n;
        for (int i = 0; i < n; i++) {
            w.signed(values[i]);
        }
        return w.toArray();
    }

    /** The compact layout's first byte: never the fixed one's first (an epoch day's top byte, 0 or -1). */
    static final byte COMPACT = 1;

    static StoredDay decode(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == COMPACT ? decodeCompact(bytes) : decodeFixed(bytes);
    }

    private static StoredDay decodeCompact(byte[] bytes) {
        Varints.Reader r = new Varints.Reader(bytes, 1);
        LocalDate day = LocalDate.ofEpochDay(r.signed());
        int n = (int) r.count();
        StoredDay d = new StoredDay(day, n);
        int bitmap = r.at;
        for (int i = 0; i < n; i++) {
            d.present[i] = (bytes[bitmap + (i >>> 3)] & (1 << (i & 7))) != 0;
        }
        int statusAt = bitmap + ((n + 7) >>> 3);
        System.arraycopy(bytes, statusAt, d.status, 0, n);
        r.at = statusAt + n;
        for (int i = 0; i < n; i++) {
            d.values[i] = r.signed();
        }
        return d;
    }

    /** The layout of earlier versions: the epoch day, then 10 bytes a position (presence, status, value). */
    private static StoredDay decodeFixed(byte[] bytes) {
        LocalDate day = LocalDate.ofEpochDay((long) LONG.get(bytes, 0));
        int n = (bytes.length - 8) / 10;
        StoredDay d = new StoredDay(day, n);
        for (int i = 0, at = 8; i < n; i++, at += 10) {
            d.present[i] = bytes[at] == 1;
            d.status[i] = bytes[at + 1];
            d.values[i] = (long) LONG.get(bytes, at + 2);
        }
        return d;
    }

    /** The engine's view of this day (shares the arrays: a decoded StoredDay is not modified afterwards). */
    public ReceivedIntervals.DayBlock toBlock() {
        return new ReceivedIntervals.DayBlock(day, values, present, status);
    }

    /** @return the first received position, or -1. */
    public int firstPresent() {
        return ReceivedIntervals.DayBlock.firstPresent(present);
    }

    /** @return the last received position, or -1. */
    public int lastPresent() {
        return ReceivedIntervals.DayBlock.lastPresent(present);
    }
}
