package energy.mdma.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IntervalStatusTest {

    @Test
    void bitsAreThoseOfTheIntervalBlockContract() {
        // IntervalBlock.statuses (Readings.avsc): 1 = PO, 2 = OV, 4 = TM, 8 = CS; events already written carry them
        assertEquals(1, IntervalStatus.PO.bit());
        assertEquals(2, IntervalStatus.OV.bit());
        assertEquals(4, IntervalStatus.TM.bit());
        assertEquals(8, IntervalStatus.CS.bit());
        assertEquals(15, IntervalStatus.ALL_BITS);
        assertEquals("PO=1, OV=2, TM=4, CS=8", IntervalStatus.legend());
    }

    @Test
    void setsRoundTripThroughBits() {
        for (int bits = 0; bits < 16; bits++) {
            Set<IntervalStatus> set = IntervalStatus.fromBits(bits);
            assertEquals(Integer.bitCount(bits), set.size());
            assertEquals(bits, IntervalStatus.toBits(set));
        }
        assertEquals(0, IntervalStatus.toBits(null));
        assertEquals(EnumSet.of(IntervalStatus.PO, IntervalStatus.CS), IntervalStatus.fromBits(9));
        assertTrue(IntervalStatus.TM.isIn(4 | 1));
        assertFalse(IntervalStatus.OV.isIn(4 | 1));
    }

    @Test
    void bitsBeyondTheKnownCodesAreIgnored() {
        assertEquals(EnumSet.of(IntervalStatus.OV), IntervalStatus.fromBits(2 | 16 | 1 << 30));
    }
}
