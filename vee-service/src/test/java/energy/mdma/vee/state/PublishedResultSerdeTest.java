package energy.mdma.vee.state;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.PeriodState;
import energy.mdma.events.Uom;
import energy.mdma.kafka.BinaryAvroSerde;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static energy.mdma.vee.state.StoredBytes.assertSameBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishedResultSerdeTest {
    private final BinaryAvroSerde<ChannelPeriodResult> avro = new BinaryAvroSerde<>(ChannelPeriodResult.class);
    private final PublishedResultSerde serde = new PublishedResultSerde(avro.deserializer());

    private static ChannelPeriodResult held() {
        return ChannelPeriodResult.newBuilder().setMeterId("M1").setChannel(1).setServiceAccount("SA-ü1")
                .setUom(Uom.KWH).setPeriodStart(LocalDate.of(2025, 10, 1)).setPeriodEnd(LocalDate.of(2025, 11, 1))
                .setVersion(Integer.MAX_VALUE).setState(PeriodState.HELD).setIntervalMinutes(15)
                .setFirstIntervalEnd(null).setUsage(List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE))
                .setQuality(List.of(0, -1, 1 << 20)).setIntervalsExpected(3).setIntervalsActual(2)
                .setIntervalsEstimated(1).setTotal(null).setTotalEstimated(true).setRegisterStart(Long.MIN_VALUE)
                .setRegisterEnd(null).setRegisterStartEstimated(false).setRegisterEndEstimated(true)
                .setFailurePoints(Map.of("ESTIMATED_LIN", 1, "ZÉRO", -2))
                .setComputedAt(Instant.parse("2026-01-01T00:00:00Z")).setChangedBy("vee").setChangeReason(null)
                .setChangedIntervals(List.of()).build();
    }

    @Test
    void aHeldResultWithExtremeValuesAndNulls() {
        // the compact layout, worked out by hand: 03, version 2^31-1 zig-zag (fe ff ff ff 0f), the account (6 bytes),
        // unit 0, period start day 20362 (94 be 02), no first interval end (Long.MIN_VALUE: ff x9 01), 3 intervals,
        // the usage MIN, 0, MAX and the quality 0, -1, 2^20 zig-zag, state HELD (2), no total, estimated, register
        // start MIN, no end, the flags, 2 failure points by name, expected/actual/estimated 3, 2, 1
        PublishedResult read = assertSameBytes(serde, PublishedResult.of(held()), HELD_COMPACT);
        assertEquals(Integer.MAX_VALUE, read.version);
        assertEquals("SA-ü1", read.serviceAccount);
        assertEquals(PeriodState.HELD, read.state());
        assertNull(read.firstIntervalEnd());
        assertArrayEquals(new long[]{Long.MIN_VALUE, 0L, Long.MAX_VALUE}, read.usage);
        assertArrayEquals(new int[]{0, -1, 1 << 20}, read.quality);
        assertNull(read.total);
        assertEquals(Long.MIN_VALUE, read.registerStart);
        assertNull(read.registerEnd);
        assertEquals(new TreeMap<>(Map.of("ESTIMATED_LIN", 1, "ZÉRO", -2)), read.failurePoints);
    }

    @Test
    void aCompleteResultWithoutIntervalsOrFailurePoints() {
        ChannelPeriodResult complete = ChannelPeriodResult.newBuilder(held()).setServiceAccount("")
                .setState(PeriodState.COMPLETE).setFirstIntervalEnd(Instant.parse("2025-10-01T07:15:00Z"))
                .setUsage(List.of()).setQuality(List.of()).setTotal(0L).setRegisterStart(null)
                .setFailurePoints(Map.of()).setVersion(1).build();
        PublishedResult read = assertSameBytes(serde, PublishedResult.of(complete), COMPLETE_COMPACT);
        assertEquals(Instant.parse("2025-10-01T07:15:00Z"), read.firstIntervalEnd());
        assertEquals(0L, read.total);
        assertEquals(0, read.usage.length);
    }

    static final String HELD_COMPACT = "03feffffff0f0653412dc3bc310094be02ffffffffffffffffff0103ffffffffffffffffff0100feff"
            + "ffffffffffffff0100018080800102000101ffffffffffffffffff01000001020d455354494d415445445f4c494e02055ac38952"
            + "4f03060402";
    static final String COMPLETE_COMPACT = "0302000094be02c0e4fee9b36600010100010000000100060402";

    /** The fixed layout that earlier versions wrote (12 bytes an interval): read to the same values, written compact. */
    @Test
    void readsTheFixedLayoutEarlierVersionsStored() {
        byte[] held = java.util.HexFormat.of().parseHex(
                "017fffffff0000000653412dc3bc31000000000000004f8a800000000000000000000003800000000000000000000000"
                + "000000007fffffffffffffff00000000ffffffff00100000020000000000000000000101800000000000000000000000"
                + "00000000000001000000020000000d455354494d415445445f4c494e00000001000000055ac389524ffffffffe000000"
                + "030000000200000001");
        PublishedResult read = serde.deserializer().deserialize("changelog", held);
        assertEquals(Integer.MAX_VALUE, read.version);
        assertEquals("SA-ü1", read.serviceAccount);
        assertEquals(PeriodState.HELD, read.state());
        assertArrayEquals(new long[]{Long.MIN_VALUE, 0L, Long.MAX_VALUE}, read.usage);
        assertArrayEquals(new int[]{0, -1, 1 << 20}, read.quality);
        assertEquals(Long.MIN_VALUE, read.registerStart);
        assertEquals(new TreeMap<>(Map.of("ESTIMATED_LIN", 1, "ZÉRO", -2)), read.failurePoints);
        assertEquals(HELD_COMPACT, java.util.HexFormat.of().formatHex(serde.serializer().serialize("changelog", read)));
        byte[] complete = java.util.HexFormat.of().parseHex(
                "010000000100000000000000000000004f8a000001999e9fd92000000000010100000000000000000100000000000000"
                + "0000000000000000000000000100000000000000030000000200000001");
        assertEquals(COMPLETE_COMPACT, java.util.HexFormat.of().formatHex(
                serde.serializer().serialize("changelog", serde.deserializer().deserialize("changelog", complete))));
    }

    /** A month of 15-minute kWh as vee publishes it: under a third of the fixed layout's 12 bytes an interval. */
    @Test
    void aMonthOfIntervalsTakesAFractionOfTheFixedLayout() {
        java.util.Random r = new java.util.Random(3);
        List<Long> usage = new java.util.ArrayList<>();
        List<Integer> quality = new java.util.ArrayList<>();
        for (int i = 0; i < 2_976; i++) {
            usage.add((long) r.nextInt(20_000)); // up to 2 kWh at 1e-4
            quality.add(i % 97 == 0 ? 5 : 0);
        }
        ChannelPeriodResult month = ChannelPeriodResult.newBuilder(held()).setUsage(usage).setQuality(quality)
                .setState(PeriodState.COMPLETE).setFirstIntervalEnd(Instant.parse("2025-10-01T07:15:00Z")).build();
        byte[] bytes = serde.serializer().serialize("changelog", PublishedResult.of(month));
        assertTrue(bytes.length < 2_976 * 12 / 3, bytes.length + " bytes");
        PublishedResult read = serde.deserializer().deserialize("changelog", bytes);
        assertArrayEquals(PublishedResult.of(month).usage, read.usage);
        assertArrayEquals(PublishedResult.of(month).quality, read.quality);
        assertEquals(Instant.parse("2025-10-01T07:15:00Z"), read.firstIntervalEnd());
    }

    @Test
    void readsTheAvroBinaryEarlierVersionsStored() {
        PublishedResult read = serde.deserializer().deserialize("changelog", avro.serializer().serialize(null, held()));
        assertEquals(Integer.MAX_VALUE, read.version);
        assertArrayEquals(new long[]{Long.MIN_VALUE, 0L, Long.MAX_VALUE}, read.usage);
    }
}
