package energy.mdma.vee.state;

import energy.mdma.events.EditAction;
import energy.mdma.events.EditedInterval;
import energy.mdma.events.ManualEdit;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.ManualEdits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manual edits of one channel (operations.md section 2), in log order, withdrawn ones included. The values in
 * force ({@link #inForce()}) are those of the edits not withdrawn, a later edit of an interval (or register date)
 * replacing an earlier one; withdrawing the later one lets the earlier one stand again (the data are evaluated as if
 * the withdrawn edit had never been made).
 */
public final class EditLog {
    /** Leading int of the encoding; the first version started with a (non-negative) count of periods. */
    private static final int FORMAT = -2;

    public static final class Entry {
        final String editId;
        final String editedBy;
        final long editedAtMs;
        final String reason; // reason code and comment
        final TreeMap<Long, Long> intervals; // interval end epoch millis -> usage * 10^4
        final LocalDate readDate; // register form, or null
        final long reading;
        String withdrawnBy;
        long withdrawnAtMs;
        String withdrawReason;

        Entry(String editId, String editedBy, long editedAtMs, String reason, TreeMap<Long, Long> intervals,
              LocalDate readDate, long reading) {
            this.editId = editId;
            this.editedBy = editedBy;
            this.editedAtMs = editedAtMs;
            this.reason = reason;
            this.intervals = intervals;
            this.readDate = readDate;
            this.reading = reading;
        }

        public boolean withdrawn() {
            return withdrawnBy != null;
        }

        /** The local days the edit touches (the days its intervals belong to, or its read date). */
        public LocalDate firstDay() {
            return readDate != null ? readDate : LocalGrid.dayOf(Instant.ofEpochMilli(intervals.firstKey()));
        }

        public LocalDate lastDay() {
            return readDate != null ? readDate : LocalGrid.dayOf(Instant.ofEpochMilli(intervals.lastKey()));
        }
    }

    /** editId -> entry, in log order. */
    public final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    /**
     * Applies an edit or a withdrawal. An edit given again under the same id replaces the first one (a producer's
     * retry). A withdrawal of an unknown edit is ignored.
     *
     * @return the entry it concerns, or null when nothing changed
     */
    public Entry apply(ManualEdit e) {
        if (e.getAction() == EditAction.WITHDRAW) {
            Entry target = e.getWithdrawsEditId() == null ? null : entries.get(e.getWithdrawsEditId());
            if (target == null || target.withdrawn()) {
                return null;
            }
            target.withdrawnBy = e.getEditedBy();
            target.withdrawnAtMs = e.getEditedAt().toEpochMilli();
            target.withdrawReason = describe(e);
            return target;
        }
        TreeMap<Long, Long> values = new TreeMap<>();
        for (EditedInterval i : e.getIntervals()) {
            values.put(i.getIntervalEnd().toEpochMilli(), i.getUsage());
        }
        LocalDate readDate = e.getReadDate();
        if (values.isEmpty() && (readDate == null || e.getReading() == null)) {
            return null; // neither form: nothing to apply
        }
        Entry entry = new Entry(e.getEditId(), e.getEditedBy(), e.getEditedAt().toEpochMilli(), describe(e), values,
                values.isEmpty() ? readDate : null, values.isEmpty() ? e.getReading() : 0L);
        entries.remove(e.getEditId());
        entries.put(e.getEditId(), entry);
        return entry;
    }

    private static String describe(ManualEdit e) {
        String code = e.getReasonCode();
        String comment = e.getComment();
        if (code == null && comment == null) {
            return e.getReason();
        }
        return (code == null ? "" : code) + (comment == null ? "" : ": " + comment);
    }

    /** The values in force: for each interval and register date, the latest edit not withdrawn. */
    public ManualEdits inForce() {
        Map<Long, Long> intervals = new HashMap<>();
        Map<LocalDate, Long> readings = new HashMap<>();
        for (Entry e : entries.values()) {
            if (e.withdrawn()) {
                continue;
            }
            for (Map.Entry<Long, Long> v : e.intervals.entrySet()) {
                intervals.put(Math.floorDiv(v.getKey(), 1000L), v.getValue());
            }
            if (e.readDate != null) {
                readings.put(e.readDate, e.reading);
            }
        }
        return intervals.isEmpty() && readings.isEmpty() ? ManualEdits.NONE : ManualEdits.of(intervals, readings);
    }

    /**
     * What the latest edit or withdrawal touching the days [from, to] was, for a result's change reason: who and why,
     * or null when none touches them.
     */
    public Change latestChange(LocalDate from, LocalDate to) {
        Change latest = null;
        for (Entry e : entries.values()) {
            if (e.firstDay().isAfter(to) || e.lastDay().isBefore(from)) {
                continue;
            }
            Change c = new Change(e.editedBy, e.editedAtMs, "manual edit " + e.editId + " by " + e.editedBy + ": "
                    + e.reason);
            if (latest == null || c.atMs >= latest.atMs) {
                latest = c;
            }
            if (e.withdrawn()) {
                Change w = new Change(e.withdrawnBy, e.withdrawnAtMs, "withdrawal of manual edit " + e.editId + " by "
                        + e.withdrawnBy + ": " + e.withdrawReason);
                if (w.atMs >= latest.atMs) {
                    latest = w;
                }
            }
        }
        return latest;
    }

    public record Change(String by, long atMs, String description) {
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(FORMAT);
            out.writeInt(entries.size());
            for (Entry e : entries.values()) {
                out.writeUTF(e.editId);
                out.writeUTF(e.editedBy);
                out.writeLong(e.editedAtMs);
                out.writeUTF(e.reason);
                out.writeLong(e.readDate == null ? Long.MIN_VALUE : e.readDate.toEpochDay());
                out.writeLong(e.reading);
                out.writeInt(e.intervals.size());
                for (Map.Entry<Long, Long> v : e.intervals.entrySet()) {
                    out.writeLong(v.getKey());
                    out.writeLong(v.getValue());
                }
                out.writeBoolean(e.withdrawn());
                if (e.withdrawn()) {
                    out.writeUTF(e.withdrawnBy);
                    out.writeLong(e.withdrawnAtMs);
                    out.writeUTF(e.withdrawReason);
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
            int first = in.readInt();
            if (first >= 0) {
                decodeFirstVersion(in, first, log);
                return log;
            }
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String id = in.readUTF();
                String by = in.readUTF();
                long at = in.readLong();
                String reason = in.readUTF();
                long day = in.readLong();
                long reading = in.readLong();
                int k = in.readInt();
                TreeMap<Long, Long> values = new TreeMap<>();
                for (int j = 0; j < k; j++) {
                    values.put(in.readLong(), in.readLong());
                }
                Entry e = new Entry(id, by, at, reason, values, day == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(day),
                        reading);
                if (in.readBoolean()) {
                    e.withdrawnBy = in.readUTF();
                    e.withdrawnAtMs = in.readLong();
                    e.withdrawReason = in.readUTF();
                }
                log.entries.put(id, e);
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first version kept, per period, the values in force and one description: one entry per period. */
    private static void decodeFirstVersion(DataInputStream in, int periods, EditLog log) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < periods; i++) {
            LocalDate end = LocalDate.ofEpochDay(in.readLong());
            String description = in.readUTF();
            int n = in.readInt();
            TreeMap<Long, Long> p = new TreeMap<>();
            for (int k = 0; k < n; k++) {
                p.put(in.readLong(), in.readLong());
            }
            if (!p.isEmpty()) {
                entries.add(new Entry("period-" + end, "operator", 0L, description, p, null, 0L));
            }
        }
        for (Entry e : entries) {
            log.entries.put(e.editId, e);
        }
    }
}
