package energy.mdma.ingest.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import energy.mdma.events.IntervalStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class ModelTest {

    @Test
    void intervalEndingAtLocalMidnightBelongsToTheDayBefore() {
        assertEquals(LocalDate.of(2025, 11, 1), LocalDays.dayOf(Instant.parse("2025-11-02T07:00:00Z"))); // 00:00 PDT
        assertEquals(LocalDate.of(2025, 11, 2), LocalDays.dayOf(Instant.parse("2025-11-02T07:15:00Z"))); // 00:15
        assertEquals(LocalDate.of(2025, 11, 2), LocalDays.dayOf(Instant.parse("2025-11-03T08:00:00Z"))); // 00:00 PST
    }

    @Test
    void microsAndStatusBits() {
        assertEquals(new BigDecimal("0.047700"), Micros.toBigDecimal(47_700));
        assertEquals(47_700, Micros.of(new BigDecimal("0.0477")));
        assertThrows(ArithmeticException.class, () -> Micros.of(new BigDecimal("0.1234567")));
        assertEquals(EnumSet.of(IntervalStatus.PO, IntervalStatus.CS),
                IntervalStatus.fromBits(IntervalStatus.toBits(EnumSet.of(IntervalStatus.CS, IntervalStatus.PO))));
    }

    @Test
    void blockCopiesItsArrays() {
        long[] ends = {1_000_000_800L};
        ParsedIntervalBlock b = new ParsedIntervalBlock("M1", 1, 15, ends, new long[] {5}, new byte[] {1}, new long[] {2},
                new int[] {0}, new long[] {1});
        ends[0] = 0;
        assertEquals(1_000_000_800L, b.endEpochSecond(0));
        assertEquals(EnumSet.of(IntervalStatus.PO), b.status(0));
        assertThrows(IllegalArgumentException.class, () -> new ParsedIntervalBlock("M1", 1, 15, new long[1], new long[2],
                new byte[1], new long[1], new int[1], new long[1]));
    }
}
