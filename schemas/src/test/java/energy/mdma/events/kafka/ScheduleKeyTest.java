package energy.mdma.events.kafka;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleKeyTest {

    @Test
    void formatsAsCycleColonDateAndParsesBack() {
        ScheduleKey k = new ScheduleKey("C07", LocalDate.of(2026, 3, 9));
        assertEquals("C07:2026-03-09", k.format());
        assertEquals(k, ScheduleKey.parse(k.format()));
        assertTrue(k.format().startsWith(ScheduleKey.cyclePrefix("C07")));
    }

    @Test
    void rejectsWhatIsNotAScheduleKey() {
        assertThrows(IllegalArgumentException.class, () -> ScheduleKey.parse("C07"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleKey.parse(":2026-03-09"));
        assertThrows(RuntimeException.class, () -> ScheduleKey.parse("C07:soon"));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleKey("", LocalDate.of(2026, 1, 1)));
        ScheduleKey withColon = new ScheduleKey("A:B", LocalDate.of(2026, 1, 1));
        assertEquals(withColon, ScheduleKey.parse(withColon.format()));
    }
}
