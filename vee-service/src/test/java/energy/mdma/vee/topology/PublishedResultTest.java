package energy.mdma.vee.topology;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.PeriodState;
import energy.mdma.events.Uom;
import energy.mdma.kafka.BinaryAvroSerde;
import energy.mdma.vee.model.PrimitiveLists;
import energy.mdma.vee.state.PublishedResult;
import energy.mdma.vee.state.PublishedResultSerde;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact published-result snapshot: round trip, the earlier Avro values, and the same diff as on the records. */
class PublishedResultTest {
    private static final BinaryAvroSerde<ChannelPeriodResult> AVRO = new BinaryAvroSerde<>(ChannelPeriodResult.class);
    private static final PublishedResultSerde STORED = new PublishedResultSerde(AVRO.deserializer());

    static ChannelPeriodResult result(int version, long[] usage, int[] quality, Long total, Map<String, Integer> fp,
                                      Instant first) {
        return ChannelPeriodResult.newBuilder().setMeterId("M1").setChannel(1).setServiceAccount("SA-ü1")
                .setUom(Uom.KWH).setPeriodStart(LocalDate.of(2025, 10, 1)).setPeriodEnd(LocalDate.of(2025, 11, 1))
                .setVersion(version).setState(total == null ? PeriodState.HELD : PeriodState.COMPLETE)
                .setIntervalMinutes(15).setFirstIntervalEnd(first)
                .setUsage(new PrimitiveLists.Longs(usage)).setQuality(new PrimitiveLists.Ints(quality))
                .setIntervalsExpected(usage.length).setIntervalsActual(usage.length - 1).setIntervalsEstimated(1)
                .setTotal(total).setTotalEstimated(true).setRegisterStart(null).setRegisterEnd(12345L)
                .setRegisterStartEstimated(false).setRegisterEndEstimated(true).setFailurePoints(fp)
                .setComputedAt(Instant.parse("2026-01-01T00:00:00Z")).setChangedBy("vee").setChangeReason(null)
                .setChangedIntervals(List.of()).build();
    }

    @Test
    void roundTripAndLegacyValuesGiveTheSameDiffs() {
        long[] u = {1, 2, 3, -4, Long.MAX_VALUE};
        int[] q = {0, 1, 2, 3, 1 << 20};
        Instant first = Instant.parse("2025-10-01T07:15:00Z");
        ChannelPeriodResult a = result(3, u, q, 99L, Map.of("ESTIMATED_LIN", 1, "SPIKE", 2), first);
        PublishedResult fresh = STORED.deserializer().deserialize(null,
                STORED.serializer().serialize(null, PublishedResult.of(a)));
        PublishedResult legacy = STORED.deserializer().deserialize(null, AVRO.serializer().serialize(null, a));
        assertEquals(3, fresh.version);
        assertEquals(3, legacy.version);

        List<ChannelPeriodResult> variants = new ArrayList<>();
        variants.add(a);
        variants.add(result(1, new long[] {1, 2, 7, -4, 0}, q, 99L, Map.of("ESTIMATED_LIN", 1, "SPIKE", 2), first));
        variants.add(result(1, u, new int[] {0, 1, 2, 3, 0}, 99L, Map.of("ESTIMATED_LIN", 1, "SPIKE", 2), first));
        variants.add(result(1, u, q, null, Map.of("ESTIMATED_LIN", 1, "SPIKE", 2), first));
        variants.add(result(1, u, q, 99L, Map.of("SPIKE", 2), first));
        variants.add(result(1, u, q, 99L, Map.of("ESTIMATED_LIN", 1, "SPIKE", 2), first.plusSeconds(900)));
        variants.add(result(1, new long[] {1, 2}, new int[] {0, 0}, 99L, Map.of(), null));
        for (ChannelPeriodResult now : variants) {
            // the record read back from Avro, as before: the reference
            ResultDiff.Change reference = ResultDiff.compare(AVRO.deserializer().deserialize(null,
                    AVRO.serializer().serialize(null, a)), now);
            assertEquals(reference, ResultDiff.compare(fresh, now));
            assertEquals(reference, ResultDiff.compare(legacy, now));
        }
        assertFalse(ResultDiff.compare(fresh, a).changed());
        assertTrue(ResultDiff.compare(fresh, variants.get(1)).changed());
        assertEquals(List.of(2, 4), ResultDiff.compare(fresh, variants.get(1)).changedIntervals());
    }
}
