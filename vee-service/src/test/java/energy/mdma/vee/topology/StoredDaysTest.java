package energy.mdma.vee.topology;

import energy.mdma.vee.state.ChannelBounds;
import energy.mdma.vee.state.ChannelDayKey;
import energy.mdma.vee.state.StoredDay;
import energy.mdma.vee.engine.DaySource;
import energy.mdma.vee.model.LocalGrid;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The engine's days come from the store only inside the channel's data (the look-back before it reads nothing). */
class StoredDaysTest {
    @Test
    void daysOutsideTheChannelsDataAreNotRead() {
        LocalDate first = LocalDate.of(2025, 11, 3);
        LocalDate last = LocalDate.of(2025, 11, 5);
        Map<ChannelDayKey, StoredDay> store = new HashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            StoredDay day = StoredDay.empty(d, 15);
            day.set(0, 1, 0);
            store.put(new ChannelDayKey("M1:1", d), day);
        }
        List<ChannelDayKey> reads = new ArrayList<>();
        ChannelBounds bounds = new ChannelBounds(LocalGrid.endOf(first, 0, 15).getEpochSecond(),
                LocalGrid.endOf(last, 95, 15).getEpochSecond()); // the last interval ends at midnight: still 11-05
        DaySource days = ChannelVeeProcessor.storedDays(k -> {
            reads.add(k);
            return store.get(k);
        }, "M1:1", bounds);
        for (LocalDate d = first.minusDays(28); d.isBefore(first); d = d.plusDays(1)) {
            assertNull(days.day(d));
        }
        assertNull(days.day(last.plusDays(1)));
        assertEquals(List.of(), reads, "the 28 look-back days and the day after are not read");
        assertNotNull(days.day(first));
        assertNotNull(days.day(last));
        assertEquals(List.of("M1:1:2025-11-03", "M1:1:2025-11-05"), reads.stream().map(ChannelDayKey::format).toList());
        assertNull(ChannelVeeProcessor.storedDays(k -> {
            throw new AssertionError("read " + k);
        }, "M2:1", null).day(first), "a channel without intervals reads nothing");
    }
}
