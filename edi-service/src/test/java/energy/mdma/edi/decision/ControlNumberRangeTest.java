package energy.mdma.edi.decision;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** edi's numbering: a range of ISA13 per partition, report ids unique over all time. */
class ControlNumberRangeTest {
    @Test
    void eachPartitionNumbersInItsOwnRange() {
        ControlNumberRange p3 = new ControlNumberRange(3);
        assertEquals(300_000_001L, p3.isa13(1));
        assertEquals(399_999_999L, p3.isa13(99_999_999L));
        assertEquals(7, p3.counterOf(300_000_007L));
        assertEquals(3, ControlNumberRange.partitionOf(300_000_007L));
        assertEquals(0, ControlNumberRange.partitionOf(99_999_999L));
    }

    @Test
    void theNextCounterIsAboveTheSharedAndTheFormerPerReceiverOneAndARangeEnds() {
        ControlNumberRange p0 = new ControlNumberRange(0);
        assertEquals(1, p0.nextCounter(0, 0));
        assertEquals(11, p0.nextCounter(10, 4));
        assertEquals(1001, p0.nextCounter(10, 1000));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p0.nextCounter(99_999_999L, 0));
        assertTrue(e.getMessage().contains("exhausted"), e.getMessage());
    }

    @Test
    void atMostTenPartitionsAndTheMessageSaysWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ControlNumberRange(10));
        assertTrue(e.getMessage().contains("Keep the topic at 10 partitions or fewer"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> new ControlNumberRange(-1));
    }

    @Test
    void reportIdsCarryTheMdmaIdThePartitionAndACounterInAtMost22Characters() {
        ControlNumberRange p4 = new ControlNumberRange(4);
        assertEquals("MDMA04", p4.reportIdPrefix("MDMA"));
        assertEquals("ABCDEFGHIJ04", p4.reportIdPrefix("ABCDEFGHIJKLMNOP"));
        String id = ControlNumberRange.reportId(p4.reportIdPrefix("ABCDEFGHIJKLMNOP"), 9_999_999_999L);
        assertEquals("ABCDEFGHIJ049999999999", id);
        assertEquals(22, id.length());
        assertEquals("MDMA040000000012", ControlNumberRange.reportId("MDMA04", 12));
    }

    @Test
    void aRestoreRaisesAStoredCounterOnlyBelowWhatWasPosted() {
        assertEquals(5L, ControlNumberRange.raisedTo(null, 5));
        assertEquals(5L, ControlNumberRange.raisedTo(4L, 5));
        assertNull(ControlNumberRange.raisedTo(5L, 5));
        assertNull(ControlNumberRange.raisedTo(9L, 5));
        assertNull(ControlNumberRange.raisedTo(null, 0), "nothing posted");
    }
}
