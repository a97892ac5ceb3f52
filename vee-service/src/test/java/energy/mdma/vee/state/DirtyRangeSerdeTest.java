package energy.mdma.vee.state;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static energy.mdma.vee.state.StoredBytes.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DirtyRangeSerdeTest {
    private final DirtyRangeSerde serde = new DirtyRangeSerde();

    @Test
    void anInputMergedWithAMarkAtOnce() {
        LocalDate old = LocalDate.of(1900, 1, 1);
        DirtyRange r = DirtyRange.input(1_000, 900, 800, Duration.ofSeconds(15), Duration.ofMinutes(3),
                LocalDate.of(2025, 11, 2), LocalDate.of(2025, 11, 3)).merge(DirtyRange.at(0, old, old));
        assertEquals(r, assertSameBytes(serde, r,
                "00000000000000000000000000003e1c000000000002c308ffffffffffff9c210000000000004fab0000000000003db8"));
    }

    @Test
    void extremeTimesAndDays() {
        DirtyRange r = new DirtyRange(DirtyRange.NONE, Long.MIN_VALUE, -1, DirtyRange.NONE, Long.MIN_VALUE,
                Long.MAX_VALUE);
        assertEquals(r, assertSameBytes(serde, r,
                "7fffffffffffffff80000000000000007fffffffffffffff80000000000000007fffffffffffffffffffffffffffffff"));
    }
}
