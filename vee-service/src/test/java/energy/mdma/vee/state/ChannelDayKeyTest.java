package energy.mdma.vee.state;

import energy.mdma.events.kafka.ChannelKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
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
    void theSerdeWritesTheKeyAsTheStringKeyWasStored() {
        ChannelDayKeySerde serde = new ChannelDayKeySerde();
        ChannelDayKey k = new ChannelDayKey(ChannelKey.format("SITE:ü", 12), LocalDate.of(1999, 12, 31));
        // "SITE:ü:12:1999-12-31" in UTF-8, as the StringSerializer wrote it
        assertEquals(k, StoredBytes.assertSameBytes(serde, k, "534954453ac3bc3a31323a313939392d31322d3331"));
        ChannelDayKey first = new ChannelDayKey("M:1", DAY);
        assertTrue(new String(serde.serializer().serialize(null, new ChannelDayKey("M:1", ChannelDayKey.FIRST)),
                StandardCharsets.UTF_8).compareTo(first.format()) < 0, "FIRST sorts before every day");
    }

    @Test
    void rejectsWhatIsNotAChannelDayKey() {
        assertThrows(IllegalArgumentException.class, () -> ChannelDayKey.parse("M-1:2"));
        assertThrows(IllegalArgumentException.class, () -> ChannelDayKey.parse("2026-02-28"));
    }
}
