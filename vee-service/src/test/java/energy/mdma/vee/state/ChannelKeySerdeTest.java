package energy.mdma.vee.state;

import energy.mdma.events.kafka.ChannelKey;
import org.junit.jupiter.api.Test;

import static energy.mdma.vee.state.StoredBytes.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ChannelKeySerdeTest {
    private final ChannelKeySerde serde = new ChannelKeySerde();

    @Test
    void writesTheKeyAsTheStringKeyWasStored() {
        // "M-1:2" in UTF-8, as the StringSerializer wrote it
        ChannelKey plain = new ChannelKey("M-1", 2);
        assertEquals(plain, assertSameBytes(serde, plain, "4d2d313a32"));
        // a meter id holding ':' and a non-ASCII letter, the largest and a negative channel: "SITE:ü:2147483647"
        ChannelKey colons = new ChannelKey("SITE:ü", Integer.MAX_VALUE);
        assertEquals(colons, assertSameBytes(serde, colons, "534954453ac3bc3a32313437343833363437"));
        ChannelKey negative = new ChannelKey("M", -1);
        assertEquals(negative, assertSameBytes(serde, negative, "4d3a2d31"));
    }
}
