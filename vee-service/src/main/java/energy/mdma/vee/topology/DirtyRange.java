package energy.mdma.vee.topology;

import java.nio.ByteBuffer;
import java.time.LocalDate;

/**
 * A channel waiting for evaluation: when (wall clock, epoch millis; 0 = at the next punctuation) and the
 * local days whose inputs changed since its last evaluation (min and max), so that only the read
 * periods those days can affect get evaluated.
 */
record DirtyRange(long dueAt, long fromDay, long toDay) {

    static DirtyRange of(long dueAt, LocalDate from, LocalDate to) {
        return new DirtyRange(dueAt, from.toEpochDay(), to.toEpochDay());
    }

    LocalDate from() {
        return LocalDate.ofEpochDay(fromDay);
    }

    LocalDate to() {
        return LocalDate.ofEpochDay(toDay);
    }

    /** The earlier due time and the union of the day ranges. */
    DirtyRange merge(DirtyRange other) {
        if (other == null) {
            return this;
        }
        return new DirtyRange(Math.min(dueAt, other.dueAt), Math.min(fromDay, other.fromDay),
                Math.max(toDay, other.toDay));
    }

    byte[] encode() {
        return ByteBuffer.allocate(24).putLong(dueAt).putLong(fromDay).putLong(toDay).array();
    }

    static DirtyRange decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new DirtyRange(b.getLong(), b.getLong(), b.getLong());
    }
}
