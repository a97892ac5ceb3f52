package energy.mdma.vee.state;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static energy.mdma.vee.state.StoredBytes.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The bytes of the bounds store and the newest-day store, as the bounds store held both before (golden bytes). */
class ChannelBoundsSerdeTest {
    private final ChannelBoundsSerde bounds = new ChannelBoundsSerde();
    private final NewestDaySerde newestDay = new NewestDaySerde();

    @Test
    void channelBounds() {
        ChannelBounds extremes = new ChannelBounds(Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(extremes, assertSameBytes(bounds, extremes, "80000000000000007fffffffffffffff"));
        ChannelBounds fallBackDay = new ChannelBounds(1761980400L, 1762066800L);
        assertEquals(fallBackDay, assertSameBytes(bounds, fallBackDay, "000000006905aff00000000069070170"));
    }

    @Test
    void theNewestDay() {
        NewestDay day = new NewestDay(LocalDate.of(2025, 11, 2).toEpochDay());
        assertEquals(day, assertSameBytes(newestDay, day, "0000000000004faa"));
        NewestDay early = new NewestDay(Long.MIN_VALUE + 1);
        assertEquals(early, assertSameBytes(newestDay, early, "8000000000000001"));
    }

    @Test
    void eachStoreReadsItsOwnKindOnly() {
        // the newest day as the bounds store held it before it had a store of its own: not a channel's bounds
        byte[] formerNewestDay = newestDay.serialize("t", new NewestDay(20_000));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> bounds.deserialize("t", formerNewestDay));
        assertEquals("a stored channel's bounds have 16 bytes, not 8", e.getMessage());
        byte[] channel = bounds.serialize("t", new ChannelBounds(1, 2));
        assertThrows(IllegalStateException.class, () -> newestDay.deserialize("t", channel));
    }
}
