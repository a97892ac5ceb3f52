package energy.mdma.vee.state;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static energy.mdma.vee.state.StoredBytes.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StoredDaySerdeTest {
    private final StoredDaySerde serde = new StoredDaySerde();

    @Test
    void theFallBackDayWithExtremeValuesAndStatusBits() {
        LocalDate fallBack = LocalDate.of(2025, 11, 2);
        StoredDay day = StoredDay.empty(fallBack, 60);
        day.set(0, Long.MIN_VALUE, 0xFF);
        day.set(12, 0, 0);
        day.set(24, Long.MAX_VALUE, 3);
        StoredDay read = assertSameBytes(serde, day,
                "0000000000004faa01ff8000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000001000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000001037fffffffffffffff");
        assertEquals(fallBack, read.day);
        assertEquals(25, read.values.length, "25 hours");
        assertArrayEquals(day.values, read.values);
        assertArrayEquals(day.present, read.present);
        assertArrayEquals(day.status, read.status);
        assertEquals(0, read.firstPresent());
        assertEquals(24, read.lastPresent());
    }

    @Test
    void anEmptyDayAtTheEpoch() {
        StoredDay read = assertSameBytes(serde, StoredDay.empty(LocalDate.EPOCH, 60),
                "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "0000000000000000");
        assertEquals(LocalDate.EPOCH, read.day);
        assertEquals(-1, read.firstPresent());
    }
}
