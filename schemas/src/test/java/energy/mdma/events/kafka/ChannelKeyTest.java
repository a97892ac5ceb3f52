package energy.mdma.events.kafka;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChannelKeyTest {

    @Test
    void formatsAsMeterColonChannelAndParsesBack() {
        ChannelKey k = new ChannelKey("M-100", 2);
        assertEquals("M-100:2", k.format());
        assertEquals("M-100:2", Topics.channelKey("M-100", 2));
        assertEquals(k, ChannelKey.parse(k.format()));
    }

    @Test
    void aMeterIdWithAColonKeepsItThroughTheRoundTrip() {
        ChannelKey k = new ChannelKey("SITE:7", 11);
        assertEquals(k, ChannelKey.parse(k.format()));
        assertEquals("SITE:7", ChannelKey.meterOf(k.format()));
    }

    @Test
    void keysOfTheChannelExtendItsKey() {
        assertEquals("M-1:3:", ChannelKey.extensionPrefix(ChannelKey.format("M-1", 3)));
    }

    @Test
    void rejectsWhatIsNotAChannelKey() {
        assertThrows(IllegalArgumentException.class, () -> ChannelKey.parse("M-1"));
        assertThrows(IllegalArgumentException.class, () -> ChannelKey.parse(":1"));
        assertThrows(IllegalArgumentException.class, () -> ChannelKey.parse("M-1:"));
        assertThrows(IllegalArgumentException.class, () -> ChannelKey.parse("M-1:x"));
        assertThrows(IllegalArgumentException.class, () -> ChannelKey.meterOf("M-1"));
        assertThrows(IllegalArgumentException.class, () -> new ChannelKey("", 1));
    }
}
