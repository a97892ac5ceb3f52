package energy.mdma.vee.state;

import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.ReceivedIntervals;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;

/**
 * One channel-day of received raw values as kept in the state store: fixed-point values
 * (scale {@link #SCALE}), a presence flag and the status bits per position of the local day.
 * Encoded compactly: no per-interval objects in the store.
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

    byte[] encode() {
        int n = values.length;
        ByteBuffer b = ByteBuffer.allocate(8 + n * 10);
        b.putLong(day.toEpochDay());
        for (int i = 0; i < n; i++) {
            b.put(present[i] ? (byte) 1 : 0).put(status[i]).putLong(values[i]);
        }
        // n follows from the day and the interval length; stored implicitly by the buffer length
        return b.array();
    }

    static StoredDay decode(byte[] bytes) {
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
