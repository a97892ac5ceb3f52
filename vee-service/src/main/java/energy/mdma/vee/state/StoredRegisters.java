package energy.mdma.vee.state;

import energy.mdma.vee.model.DialReading;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The register readings of one channel as kept in the state store, by read time (a later arrival for the same time
 * replaces). Stored as pairs of longs (read time epoch ms, reading), in read-time order ({@link StoredRegistersSerde}).
 */
public final class StoredRegisters {
    /** Read time (epoch ms) -> reading. */
    public final TreeMap<Long, Long> readings;

    public StoredRegisters() {
        this(new TreeMap<>());
    }

    StoredRegisters(TreeMap<Long, Long> readings) {
        this.readings = readings;
    }

    /** {@code stored}, or no readings when the store holds none. */
    public static StoredRegisters orEmpty(StoredRegisters stored) {
        return stored == null ? new StoredRegisters() : stored;
    }

    public List<DialReading> toReadings() {
        List<DialReading> out = new ArrayList<>(readings.size());
        readings.forEach((t, r) -> out.add(new DialReading(Instant.ofEpochMilli(t), r)));
        return out;
    }

    static StoredRegisters decode(byte[] bytes) {
        TreeMap<Long, Long> m = new TreeMap<>();
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.remaining() >= 16) {
            m.put(b.getLong(), b.getLong());
        }
        return new StoredRegisters(m);
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(readings.size() * 16);
        readings.forEach((t, r) -> b.putLong(t).putLong(r));
        return b.array();
    }
}
