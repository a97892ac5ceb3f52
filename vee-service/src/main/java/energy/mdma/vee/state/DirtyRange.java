package energy.mdma.vee.state;

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
public record DirtyRange(long dueAt, long quietAt, long quietStreamAt, long capAt, long fromDay, long toDay) {
    /** No such time. */
    public static final long NONE = Long.MAX_VALUE;

    /**
     * New input on the days [from, to] at wall clock {@code now} (input clock and wall clock alike), carried by a record
     * of that timestamp.
     */
    public static DirtyRange input(long now, Duration quiet, Duration max, LocalDate from, LocalDate to) {
        return input(now, now, now, quiet, max, from, to);
    }

    /**
     * New input on the days [from, to], carried by a record of timestamp {@code recordTs}, processed at wall clock
     * {@code wallNow}, input clock {@code inputNow} (see {@link InputClock}); the cap is on the wall clock.
     */
    public static DirtyRange input(long wallNow, long inputNow, long recordTs, Duration quiet, Duration max, LocalDate from,
                            LocalDate to) {
        return new DirtyRange(NONE, inputNow + quiet.toMillis(), recordTs + quiet.toMillis(), wallNow + max.toMillis(),
                from.toEpochDay(), to.toEpochDay());
    }

    /** Days to evaluate at {@code dueAt} whatever the input does ({@link #NONE}: only the days, no time). */
    public static DirtyRange at(long dueAt, LocalDate from, LocalDate to) {
        return new DirtyRange(dueAt, 0L, 0L, NONE, from.toEpochDay(), to.toEpochDay());
    }

    /** Whether the channel has input that no evaluation has concluded yet (it settles: quiet or cap). */
    public boolean hasInput() {
        return capAt != NONE;
    }

    /**
     * When the channel is to be evaluated, on the wall clock: a lower bound, exact when no punctuation paused the input
     * ({@code quietAt} is on the {@link InputClock}, which is never ahead of the wall clock).
     */
    public long evaluateAt() {
        return evaluateAt(0);
    }

    /**
     * When the channel is to be evaluated on the wall clock if the input clock stays {@code inputLagMs} behind it (a
     * lower bound: the lag only grows), unless the task's stream time reaches {@link #streamDueAt()} first.
     */
    public long evaluateAt(long inputLagMs) {
        return hasInput() ? Math.min(dueAt, Math.min(quietAt + inputLagMs, capAt)) : dueAt;
    }

    /** The stream time at which the channel's input has settled ({@link #NONE}: no input). */
    public long streamDueAt() {
        return hasInput() ? quietStreamAt : NONE;
    }

    /**
     * Whether the channel is to be evaluated.
     *
     * @param wallNow   the wall clock
     * @param input     where the task's input stands (see {@link #settled})
     */
    public boolean isDue(long wallNow, Input input) {
        return dueAt <= wallNow || hasInput() && (capAt <= wallNow || settled(input));
    }

    /** Whether its input is still arriving: it has input that has not {@linkplain #settled settled}. */
    public boolean arriving(Input input) {
        return hasInput() && !settled(input);
    }

    /**
     * Whether the channel's input has been quiet for its quiet time. Measured where it cannot be fooled by how fast
     * this task reads: either the task's input went on (its stream time, the newest record timestamp it has read,
     * passed the channel's last input record's timestamp + quiet: the source sent other data for that long, none of
     * it for this channel), or the task's input stopped (nothing read for a while, on the {@link InputClock}) and the
     * channel's last input is the quiet time ago. While the task works through a backlog slower than it was sent, a
     * channel whose next blocks wait in the backlog is therefore not taken for quiet, however long that takes.
     */
    public boolean settled(Input input) {
        return quietStreamAt <= input.streamTime() || input.idle() && quietAt <= input.inputClock();
    }

    /**
     * Where a task's input stands at a punctuation.
     *
     * @param inputClock the {@link InputClock}
     * @param streamTime the newest record timestamp the task has read
     * @param idle       whether the task has read nothing for a while (the shortest quiet time, on the input clock)
     */
    public record Input(long inputClock, long streamTime, boolean idle) {
        /** Wall clock alike, no stream time yet, idle: the quiet time on {@code now} alone. */
        static Input idleAt(long now) {
            return new Input(now, Long.MIN_VALUE, true);
        }
    }

    public LocalDate from() {
        return LocalDate.ofEpochDay(fromDay);
    }

    public LocalDate to() {
        return LocalDate.ofEpochDay(toDay);
    }

    /**
     * The earlier due time, the later quiet time (the last input), the earlier cap (the first unevaluated input) and
     * the union of the day ranges.
     */
    public DirtyRange merge(DirtyRange other) {
        if (other == null) {
            return this;
        }
        return new DirtyRange(Math.min(dueAt, other.dueAt), Math.max(quietAt, other.quietAt),
                Math.max(quietStreamAt, other.quietStreamAt), Math.min(capAt, other.capAt), Math.min(fromDay, other.fromDay), Math.max(toDay, other.toDay));
    }

    byte[] encode() {
        return ByteBuffer.allocate(48).putLong(dueAt).putLong(quietAt).putLong(capAt).putLong(fromDay).putLong(toDay)
                .putLong(quietStreamAt).array();
    }

    static DirtyRange decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length == 24) {
            // written before settling existed: due at dueAt (0 = at once), no unevaluated input to settle
            return new DirtyRange(b.getLong(), 0L, 0L, NONE, b.getLong(), b.getLong());
        }
        long dueAt = b.getLong();
        long quietAt = b.getLong();
        long capAt = b.getLong();
        long fromDay = b.getLong();
        long toDay = b.getLong();
        // written before the stream-time quiet existed (40 bytes): settles by the wall clock's quiet time or the cap
        long quietStreamAt = bytes.length >= 48 ? b.getLong() : (capAt == NONE ? 0L : NONE);
        return new DirtyRange(dueAt, quietAt, quietStreamAt, capAt, fromDay, toDay);
    }
}
