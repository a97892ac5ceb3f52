package energy.mdma.vee.topology;

import energy.mdma.vee.model.DialReading;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The register readings of one channel as kept in the state store, by read time (a later arrival for the same time replaces). */
final class StoredRegisters {
    private StoredRegisters() {
    }

    static TreeMap<Long, Long> decode(byte[] bytes) {
        TreeMap<Long, Long> m = new TreeMap<>();
        if (bytes == null) {
            return m;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.remaining() >= 16) {
            m.put(b.getLong(), b.getLong());
        }
        return m;
    }

    static byte[] encode(TreeMap<Long, Long> readings) {
        ByteBuffer b = ByteBuffer.allocate(readings.size() * 16);
        readings.forEach((t, r) -> b.putLong(t).putLong(r));
        return b.array();
    }

    static List<DialReading> toReadings(TreeMap<Long, Long> readings) {
        List<DialReading> out = new ArrayList<>(readings.size());
        readings.forEach((t, r) -> out.add(new DialReading(Instant.ofEpochMilli(t), r)));
        return out;
    }
}
