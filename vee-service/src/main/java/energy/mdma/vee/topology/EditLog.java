package energy.mdma.vee.topology;

import energy.mdma.events.EditedInterval;
import energy.mdma.events.ManualEdit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manual edits of one channel: per read period, the edited interval values (the latest edit of an
 * interval wins) and the description of the latest edit (who and why), for the result's change reason.
 */
final class EditLog {
    /** periodEnd -> intervalEnd (epoch millis) -> usage * 10^4. */
    final TreeMap<LocalDate, TreeMap<Long, Long>> values = new TreeMap<>();
    /** periodEnd -> "manual edit by {who}: {reason}". */
    final TreeMap<LocalDate, String> descriptions = new TreeMap<>();

    void apply(ManualEdit e) {
        TreeMap<Long, Long> p = values.computeIfAbsent(e.getPeriodEnd(), d -> new TreeMap<>());
        for (EditedInterval i : e.getIntervals()) {
            p.put(i.getIntervalEnd().toEpochMilli(), i.getUsage());
        }
        descriptions.put(e.getPeriodEnd(), "manual edit " + e.getEditId() + " by " + e.getEditedBy() + ": " + e.getReason());
    }

    Map<Long, Long> editsFor(LocalDate periodEnd) {
        TreeMap<Long, Long> m = values.get(periodEnd);
        return m == null ? Map.of() : m;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(values.size());
            for (Map.Entry<LocalDate, TreeMap<Long, Long>> p : values.entrySet()) {
                out.writeLong(p.getKey().toEpochDay());
                out.writeUTF(descriptions.getOrDefault(p.getKey(), "manual edit"));
                out.writeInt(p.getValue().size());
                for (Map.Entry<Long, Long> v : p.getValue().entrySet()) {
                    out.writeLong(v.getKey());
                    out.writeLong(v.getValue());
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EditLog decode(byte[] data) {
        EditLog log = new EditLog();
        if (data == null) {
            return log;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int periods = in.readInt();
            for (int i = 0; i < periods; i++) {
                LocalDate end = LocalDate.ofEpochDay(in.readLong());
                log.descriptions.put(end, in.readUTF());
                int n = in.readInt();
                TreeMap<Long, Long> p = new TreeMap<>();
                for (int k = 0; k < n; k++) {
                    p.put(in.readLong(), in.readLong());
                }
                log.values.put(end, p);
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
