package energy.mdma.bench;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SteadyStateTest {

    @Test
    void theMiddleOfTheRun() {
        // 10 account-periods of 100 reads, final at 1 s, 2 s, ..., 10 s after a start at t = 1000 ms; the slow start
        // and the tail (here 1 s and 10 s) are outside the 20%..80% window: ranks 2 (2 s) to 8 (8 s)
        long[] at = new long[10];
        long[] reads = new long[10];
        for (int i = 0; i < 10; i++) {
            at[9 - i] = 1000 + (i + 1) * 1000L; // any order
            reads[i] = 100;
        }
        SteadyState.Window w = SteadyState.compute(at, reads, 1000, 0.2, 0.8).orElseThrow();
        assertEquals(2.0, w.fromSeconds());
        assertEquals(8.0, w.toSeconds());
        assertEquals(600, w.reads(), "the 6 account-periods after the lower mark, up to the upper one");
        assertEquals(6, w.accountPeriods());
        assertEquals(100.0, w.readsPerSecond());
    }

    @Test
    void readsAreTakenPerAccountPeriod() {
        long[] at = {5000, 1000, 3000, 2000, 4000};
        long[] reads = {50, 10, 30, 20, 40};
        // 5 account-periods: marks at rank ceil(1) = 1 (1 s) and ceil(4) = 4 (4 s); in between 2 s, 3 s, 4 s
        SteadyState.Window w = SteadyState.compute(at, reads, 0, 0.2, 0.8).orElseThrow();
        assertEquals(90, w.reads());
        assertEquals(30.0, w.readsPerSecond());
    }

    @Test
    void undefinedWhenAllAtOnceOrTooFew() {
        assertEquals(Optional.empty(), SteadyState.compute(new long[]{7, 7, 7, 7, 7}, new long[]{1, 1, 1, 1, 1}, 0,
                0.2, 0.8));
        assertEquals(Optional.empty(), SteadyState.compute(new long[]{7}, new long[]{1}, 0, 0.2, 0.8));
        assertTrue(SteadyState.compute(new long[]{1, 2}, new long[]{1, 1}, 0, 0.0, 1.0).isPresent());
        assertThrows(IllegalArgumentException.class, () -> SteadyState.compute(new long[]{1}, new long[0], 0, 0.2, 0.8));
        assertThrows(IllegalArgumentException.class, () -> SteadyState.compute(new long[0], new long[0], 0, 0.8, 0.2));
    }
}
