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
 * for the settle-quiet time (its last input + quiet: every input pushes it; on the {@link InputClock}), and {@code capAt}, the settle-max time
 * after its first unevaluated input (the cap: an input does not push it).</li>
 * </ul>
 * So a backlog arriving over many punctuations is evaluated once it has arrived, not at every punctuation.
 */
record DirtyRange(long dueAt, long quietAt, long capAt, long fromDay, long toDay) {
    /** No such time. */
    static final long NONE = Long.MAX_VALUE;

    /** New input on the days [from, to] at wall clock {@code now} (input clock and wall clock alike). */
    static DirtyRange input(long now, Duration quiet, Duration max, LocalDate from, LocalDate to) {
        return input(now, now, quiet, max, from, to);
    }

    /**
     * New input on the days [from, to] at wall clock {@code wallNow}, input clock {@code inputNow}: the quiet time is on
     * the input clock (see {@link InputClock}), the cap on the wall clock.
     */
    static DirtyRange input(long wallNow, long inputNow, Duration quiet, Duration max, LocalDate from, LocalDate to) {
        return new DirtyRange(NONE, inputNow + quiet.toMillis(), wallNow + max.toMillis(), from.toEpochDay(),
                to.toEpochDay());
    }

    /** Days to evaluate at {@code dueAt} whatever the input does ({@link #NONE}: only the days, no time). */
    static DirtyRange at(long dueAt, LocalDate from, LocalDate to) {
        return new DirtyRange(dueAt, 0L, NONE, from.toEpochDay(), to.toEpochDay());
    }

    /** Whether the channel has input that no evaluation has concluded yet (it settles: quiet or cap). */
    boolean hasInput() {
        return capAt != NONE;
    }

    /**
     * When the channel is to be evaluated, on the wall clock: a lower bound, exact when no punctuation paused the input
     * ({@code quietAt} is on the {@link InputClock}, which is never ahead of the wall clock).
     */
    long evaluateAt() {
        return evaluateAt(0);
    }

    /**
     * When the channel is to be evaluated on the wall clock if the input clock stays {@code inputLagMs} behind it (a
     * lower bound: the lag only grows).
     */
    long evaluateAt(long inputLagMs) {
        return hasInput() ? Math.min(dueAt, Math.min(quietAt + inputLagMs, capAt)) : dueAt;
    }

    /** Whether the channel is to be evaluated at wall clock {@code wallNow}, input clock {@code inputNow}. */
    boolean isDue(long wallNow, long inputNow) {
        return dueAt <= wallNow || hasInput() && (quietAt <= inputNow || capAt <= wallNow);
    }

    /** Whether its input is still arriving at input clock {@code inputNow}: the last input is less than settle-quiet ago. */
    boolean arriving(long inputNow) {
        return hasInput() && quietAt > inputNow;
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
