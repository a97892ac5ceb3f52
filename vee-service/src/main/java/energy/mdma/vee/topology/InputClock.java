package energy.mdma.vee.topology;

import java.util.function.LongSupplier;

/**
 * The clock that a channel's quiet time is measured on: the wall clock minus the time its stream thread spent in vee's
 * punctuations (evaluation, master-data and pruning rounds) since this clock was made.
 *
 * <p>Why: "the input has been quiet for settle-quiet" must mean that the thread was free to read input for that long
 * and none came for the channel. While a round runs (up to round-time), the thread reads no input at all: a channel
 * whose next blocks are waiting in the consumer's buffer would look quiet on the wall clock after the round, be
 * evaluated in the middle of its backlog and publish (or hold, with an ESTIMATION_FAILED exception) a period on
 * estimated trailing days that the rest of the backlog replaces moments later. Measured on this clock, a round does
 * not count as quiet time.
 *
 * <p>One stream thread runs several tasks, and a round of one task stops the input of all of them: the time is
 * counted per thread (shared by the processors of that thread) and each processor reads it relative to the moment it
 * was initialised, so a processor made on another thread (after a rebalance) starts with its own origin. Stored quiet
 * times from an earlier processor were taken on a clock that is never ahead of this one: they are due no later than
 * before.
 */
final class InputClock {
    private static final ThreadLocal<long[]> PAUSED_NANOS_OF_THREAD = ThreadLocal.withInitial(() -> new long[1]);

    private final LongSupplier nanoTime;
    private final long[] pausedNanos;
    private final long pausedAtStart;

    InputClock(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.pausedNanos = PAUSED_NANOS_OF_THREAD.get();
        this.pausedAtStart = pausedNanos[0];
    }

    /** The input clock at wall clock {@code wallClockMs}: it, minus the punctuation time since this clock was made. */
    long now(long wallClockMs) {
        return wallClockMs - (pausedNanos[0] - pausedAtStart) / 1_000_000;
    }

    /** Runs a punctuation: its duration does not count as time the thread could read input. */
    void pause(Runnable punctuation) {
        long started = nanoTime.getAsLong();
        try {
            punctuation.run();
        } finally {
            pausedNanos[0] += nanoTime.getAsLong() - started;
        }
    }
}
