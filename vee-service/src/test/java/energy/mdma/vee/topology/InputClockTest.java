package energy.mdma.vee.topology;

import energy.mdma.vee.state.DirtyRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The input clock: time a punctuation holds the stream thread is not quiet time. */
class InputClockTest {
    static final Duration QUIET = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(10);
    static final LocalDate DAY = LocalDate.of(2026, 11, 7);

    @Test
    void aRoundThatHoldsTheThreadIsNotQuietTime() {
        AtomicLong nanos = new AtomicLong();
        InputClock clock = new InputClock(nanos::get);
        // input at wall clock 1 s
        DirtyRange r = DirtyRange.input(1_000, clock.now(1_000), 1_000, QUIET, MAX, DAY, DAY);
        // a round of 20 s holds the thread from 2 s to 22 s: the channel's next blocks wait in the consumer's buffer
        clock.pause(() -> nanos.addAndGet(Duration.ofSeconds(20).toNanos()));
        long wall = 22_000;
        assertEquals(2_000, clock.now(wall), "20 s of the round do not count");
        assertFalse(r.isDue(wall, idle(clock.now(wall))), "on the wall clock it would look quiet for 21 s");
        assertTrue(r.arriving(idle(clock.now(wall))));
        // the thread reads input again: 9 s later the input has been quiet 10 s on the input clock
        assertFalse(r.isDue(30_999, idle(clock.now(30_999))));
        assertTrue(r.isDue(31_000, idle(clock.now(31_000))));
        assertEquals(31_000, r.evaluateAt(wall - clock.now(wall)), "when to scan again, on the wall clock");
        // the cap stays on the wall clock
        assertTrue(r.isDue(601_000, new DirtyRange.Input(0, 0, false)));
    }

    @Test
    void theThreadsProcessorsShareThePausesFromTheirStart() {
        AtomicLong nanos = new AtomicLong();
        InputClock first = new InputClock(nanos::get);
        first.pause(() -> nanos.addAndGet(5_000_000_000L));
        InputClock second = new InputClock(nanos::get);
        assertEquals(10_000, second.now(10_000), "a clock made later starts at the wall clock");
        second.pause(() -> nanos.addAndGet(3_000_000_000L));
        assertEquals(2_000, first.now(10_000), "a round of another task on the thread holds this task's input too");
        assertEquals(7_000, second.now(10_000));
        AtomicLong onOtherThread = new AtomicLong();
        InputClock late = new InputClock(nanos::get);
        Thread other = new Thread(() -> {
            InputClock clock = new InputClock(nanos::get);
            clock.pause(() -> nanos.addAndGet(4_000_000_000L));
            onOtherThread.set(clock.now(10_000));
        });
        other.start();
        assertTrue(join(other));
        assertEquals(6_000, onOtherThread.get(), "the other thread's own round");
        assertEquals(10_000, late.now(10_000), "another thread's rounds do not hold this thread's input");
    }

    @Test
    void aPunctuationThatThrowsStillCounts() {
        AtomicLong nanos = new AtomicLong();
        InputClock clock = new InputClock(nanos::get);
        try {
            clock.pause(() -> {
                nanos.addAndGet(1_000_000_000L);
                throw new IllegalStateException("round failed");
            });
        } catch (IllegalStateException expected) {
            // the round's failure goes on to the stream thread's handler
        }
        assertEquals(4_000, clock.now(5_000));
    }

    /** A task whose input stopped: only the input clock decides. */
    private static DirtyRange.Input idle(long inputClock) {
        return new DirtyRange.Input(inputClock, Long.MIN_VALUE, true);
    }

    private static boolean join(Thread t) {
        try {
            t.join(10_000);
            return !t.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
