package energy.mdma.vee.topology;

import energy.mdma.events.kafka.ChannelKey;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelDayKeyTest {
    private static final LocalDate DAY = LocalDate.of(2026, 2, 28);

    @Test
    void formatsAsChannelKeyColonDateAndParsesBack() {
        String channel = ChannelKey.format("M-1", 2);
        ChannelDayKey k = new ChannelDayKey(channel, DAY);
        assertEquals("M-1:2:2026-02-28", k.format());
        assertEquals(k, ChannelDayKey.parse(k.format()));
        assertTrue(k.format().startsWith(ChannelDayKey.prefix(channel)));
    }

    @Test
    void aMeterIdWithColonsKeepsThemThroughTheRoundTrip() {
        ChannelDayKey k = new ChannelDayKey(ChannelKey.format("SITE:4", 1), DAY);
        assertEquals(k, ChannelDayKey.parse(k.format()));
    }

    @Test
    void anotherChannelsKeyUnderTheSamePrefixIsNotADateOfThisChannel() {
        String prefix = ChannelDayKey.prefix(ChannelKey.format("M", 1));
        assertTrue(ChannelDayKey.isDated(ChannelDayKey.format(ChannelKey.format("M", 1), DAY), prefix));
        // meter "M:1" channel 2: its keys start with "M:1:" too
        assertFalse(ChannelDayKey.isDated(ChannelDayKey.format(ChannelKey.format("M:1", 2), DAY), prefix));
    }

    @Test
    void rejectsWhatIsNotAChannelDayKey() {
        assertThrows(IllegalArgumentException.class, () -> ChannelDayKey.parse("M-1:2"));
        assertThrows(IllegalArgumentException.class, () -> ChannelDayKey.parse("2026-02-28"));
    }
}
