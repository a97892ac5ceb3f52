package energy.mdma.edi.decision;

import energy.mdma.edi.decision.FileBatching.Group;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a receiver's transaction sets go into files: whole groups, within the limits, in order. */
class FileBatchingTest {
    @Test
    void everythingInOneFileWithinTheLimits() {
        assertEquals(List.of(3), FileBatching.split(List.of(new Group(1, 100), new Group(2, 100), new Group(1, 0)),
                1_000, 10));
        assertEquals(List.of(), FileBatching.split(List.of(), 1_000, 10));
    }

    @Test
    void aFileIsClosedBeforeAGroupThatWouldPassTheIntervalsOrTheTransactions() {
        // intervals: 600 + 400 fit 1,000 exactly; the next group does not
        assertEquals(List.of(2, 1), FileBatching.split(List.of(new Group(1, 600), new Group(1, 400), new Group(1, 1)),
                1_000, 10));
        // transactions: a cancellation with its original (2) is never split
        assertEquals(List.of(2, 1), FileBatching.split(List.of(new Group(1, 0), new Group(2, 0), new Group(2, 0)),
                3, 3));
    }

    @Test
    void aGroupLargerThanTheLimitsGetsAFileOfItsOwn() {
        assertEquals(List.of(1, 1, 1), FileBatching.split(List.of(new Group(1, 10), new Group(2, 5_000),
                new Group(1, 10)), 1_000, 1));
    }
}
