package energy.mdma.vee.state;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Random;

import static energy.mdma.vee.state.StoredBytes.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredDaySerdeTest {
    private final StoredDaySerde serde = new StoredDaySerde();
    /**
     * The fall-back day below in the compact layout (StoredDay#encode): tag 01, epoch day 20394 (zig-zag d4be02), 25
     * positions (19), presence of 0, 12 and 24 (01 10 00 01), their status bytes, Long.MIN_VALUE (zig-zag: all ones),
     * zeros, Long.MAX_VALUE.
     */
    static final String FALL_BACK_COMPACT = "01" + "d4be02" + "19" + "01100001" + "ff" + "00".repeat(23) + "03"
            + "ffffffffffffffffff01" + "00".repeat(23) + "feffffffffffffffff01";

    /** The fixed layout of earlier versions (8 + 10 bytes a position): what a changelog of theirs restores. */
    static StoredDay readFixed(StoredDaySerde serde, String hex) {
        return serde.deserializer().deserialize("changelog", HexFormat.of().parseHex(hex));
    }

    @Test
    void theFallBackDayWithExtremeValuesAndStatusBits() {
        LocalDate fallBack = LocalDate.of(2025, 11, 2);
        StoredDay day = StoredDay.empty(fallBack, 60);
        day.set(0, Long.MIN_VALUE, 0xFF);
        day.set(12, 0, 0);
        day.set(24, Long.MAX_VALUE, 3);
        StoredDay read = assertSameBytes(serde, day, FALL_BACK_COMPACT);
        assertSameDay(day, read);
        assertEquals(25, read.values.length, "25 hours");
        assertEquals(0, read.firstPresent());
        assertEquals(24, read.lastPresent());
        StoredDay fixed = readFixed(serde,
                "0000000000004faa01ff8000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000001000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000001037fffffffffffffff");
        assertSameDay(day, fixed);
        assertEquals(fallBack, fixed.day);
    }

    @Test
    void anEmptyDayAtTheEpoch() {
        StoredDay empty = StoredDay.empty(LocalDate.EPOCH, 60);
        StoredDay read = assertSameBytes(serde, empty,
                "01" + "00" + "18" + "000000" + "00".repeat(24) + "00".repeat(24));
        assertSameDay(empty, read);
        assertEquals(-1, read.firstPresent());
        StoredDay fixed = readFixed(serde,
                "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                + "0000000000000000");
        assertSameDay(empty, fixed);
    }

    @Test
    void aMetersDayTakesLessThanHalfOfTheFixedLayout() {
        Random random = new Random(4);
        LocalDate day = LocalDate.of(2026, 3, 8); // spring forward: 23 hours of 15 minutes
        StoredDay d = StoredDay.empty(day, 15);
        assertEquals(92, d.values.length);
        for (int i = 0; i < d.values.length; i++) {
            if (i != 40) { // one interval missing
                d.set(i, random.nextInt(2_000_000), i == 7 ? 0x81 : 0);
            }
        }
        byte[] bytes = serde.serializer().serialize("changelog", d);
        assertTrue(bytes.length < (8 + 10 * 92) / 2, bytes.length + " bytes");
        assertSameDay(d, serde.deserializer().deserialize("changelog", bytes));
        // every value's varint length, negative ones too
        StoredDay extremes = StoredDay.empty(day, 60);
        long v = 1;
        for (int i = 0; i < extremes.values.length; i++, v *= 7) {
            extremes.set(i, i % 2 == 0 ? v : -v, i);
        }
        extremes.set(0, Long.MIN_VALUE, 0);
        extremes.set(1, Long.MAX_VALUE, 0);
        assertSameDay(extremes, serde.deserializer().deserialize("changelog",
                serde.serializer().serialize("changelog", extremes)));
    }

    private static void assertSameDay(StoredDay expected, StoredDay read) {
        assertEquals(expected.day, read.day);
        assertArrayEquals(expected.values, read.values);
        assertArrayEquals(expected.present, read.present);
        assertArrayEquals(expected.status, read.status);
    }
}
