package energy.mdma.vee.state;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static energy.mdma.vee.state.StoredBytes.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StoredBoundsSerdeTest {
    private final StoredBoundsSerde serde = new StoredBoundsSerde();

    @Test
    void channelBounds() {
        ChannelBounds extremes = new ChannelBounds(Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(extremes, assertSameBytes(serde, extremes, "80000000000000007fffffffffffffff"));
        ChannelBounds fallBackDay = new ChannelBounds(1761980400L, 1762066800L);
        assertEquals(fallBackDay, assertSameBytes(serde, fallBackDay, "000000006905aff00000000069070170"));
    }

    @Test
    void theNewestDay() {
        StoredBounds.NewestDay day = new StoredBounds.NewestDay(LocalDate.of(2025, 11, 2).toEpochDay());
        assertEquals(day, assertSameBytes(serde, day, "0000000000004faa"));
        StoredBounds.NewestDay early = new StoredBounds.NewestDay(Long.MIN_VALUE + 1);
        assertEquals(early, assertSameBytes(serde, early, "8000000000000001"));
    }
}
