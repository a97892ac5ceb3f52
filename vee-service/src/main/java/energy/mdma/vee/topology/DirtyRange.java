package energy.mdma.vee.topology;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;

/**
 * A channel waiting for evaluation: when (wall clock, epoch millis), and the local days whose inputs changed since
 * its last evaluation (min and max), so that only the read periods those days can affect get evaluated.
 *
 * <p>When is the earliest of:
 * <ul>
 * <li>{@code dueAt}: a time that does not depend on the channel's input: the engine's next deadline (a trailing
 * interval becoming due), a retry, a change of master data ({@code 0}: at the next punctuation);
 * {@link #NONE} for none;</li>
 * <li>while the channel has unevaluated input ({@link #hasInput()}): {@code quietAt}, when its input has been quiet
 * for the settle-quiet time (its last input + quiet: every input pushes it), and {@code capAt}, the settle-max time
 * after its first unevaluated input (the cap: an input does not push it).</li>
 * </ul>
 * So a backlog arriving over many punctuations is evaluated once it has arrived, not at every punctuation.
 */
record DirtyRange(long dueAt, long quietAt, long capAt, long fromDay, long toDay) {
    /** No such time. */
    static final long NONE = Long.MAX_VALUE;

    /** New input on the days [from, to] at wall clock {@code now}. */
    static DirtyRange input(long now, Duration quiet, Duration max, LocalDate from, LocalDate to) {
        return new DirtyRange(NONE, now + quiet.toMillis(), now + max.toMillis(), from.toEpochDay(), to.toEpochDay());
    }

    /** Days to evaluate at {@code dueAt} whatever the input does ({@link #NONE}: only the days, no time). */
    static DirtyRange at(long dueAt, LocalDate from, LocalDate to) {
        return new DirtyRange(dueAt, 0L, NONE, from.toEpochDay(), to.toEpochDay());
    }

    /** Whether the channel has input that no evaluation has concluded yet (it settles: quiet or cap). */
    boolean hasInput() {
        return capAt != NONE;
    }

    /** When the channel is to be evaluated. */
    long evaluateAt() {
        return hasInput() ? Math.min(dueAt, Math.min(quietAt, capAt)) : dueAt;
    }

    /** Whether its input is still arriving at {@code now}: the last input is less than settle-quiet ago. */
    boolean arriving(long now) {
        return hasInput() && quietAt > now;
    }

    LocalDate from() {
        return LocalDate.ofEpochDay(fromDay);
    }

    LocalDate to() {
        return LocalDate.ofEpochDay(toDay);
    }

    /**
     * The earlier due time, the later quiet time (the last input), the earlier cap (the first unevaluated input) and
     * the union of the day ranges.
     */
    DirtyRange merge(DirtyRange other) {
        if (other == null) {
            return this;
        }
        return new DirtyRange(Math.min(dueAt, other.dueAt), Math.max(quietAt, other.quietAt),
                Math.min(capAt, other.capAt), Math.min(fromDay, other.fromDay), Math.max(toDay, other.toDay));
    }

    byte[] encode() {
        return ByteBuffer.allocate(40).putLong(dueAt).putLong(quietAt).putLong(capAt).putLong(fromDay).putLong(toDay)
                .array();
    }

    static DirtyRange decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length == 24) {
            // written before settling existed: due at dueAt (0 = at once), no unevaluated input to settle
            return new DirtyRange(b.getLong(), 0L, NONE, b.getLong(), b.getLong());
        }
        return new DirtyRange(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }
}
