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
        PublishedResult read = assertSameBytes(serde, PublishedResult.of(held()),
                "017fffffff0000000653412dc3bc31000000000000004f8a800000000000000000000003800000000000000000000000"
                + "000000007fffffffffffffff00000000ffffffff00100000020000000000000000000101800000000000000000000000"
                + "00000000000001000000020000000d455354494d415445445f4c494e00000001000000055ac389524ffffffffe000000"
                + "030000000200000001");
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
        PublishedResult read = assertSameBytes(serde, PublishedResult.of(complete),
                "010000000100000000000000000000004f8a000001999e9fd92000000000010100000000000000000100000000000000"
                + "0000000000000000000000000100000000000000030000000200000001");
        assertEquals(Instant.parse("2025-10-01T07:15:00Z"), read.firstIntervalEnd());
        assertEquals(0L, read.total);
        assertEquals(0, read.usage.length);
    }

    @Test
    void readsTheAvroBinaryEarlierVersionsStored() {
        PublishedResult read = serde.deserializer().deserialize("changelog", avro.serializer().serialize(null, held()));
        assertEquals(Integer.MAX_VALUE, read.version);
        assertArrayEquals(new long[]{Long.MIN_VALUE, 0L, Long.MAX_VALUE}, read.usage);
    }
}
