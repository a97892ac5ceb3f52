package energy.mdma.edi.decision;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.PeriodState;
import energy.mdma.events.Uom;
import energy.mdma.kafka.BinaryAvroSerde;
import org.apache.avro.AvroRuntimeException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A result's header read from its binary Avro is what the decoded result says, with or without data. */
class ResultHeaderTest {
    private static final BinaryAvroSerde<ChannelPeriodResult> AVRO = new BinaryAvroSerde<>(ChannelPeriodResult.class);

    @Test
    void readFromTheBytesAsFromTheResult() {
        Random random = new Random(7);
        int cases = 0;
        for (int intervals : new int[] { 0, 1, 96, 2_976 }) {
            for (Long registerEnd : new Long[] { null, 0L, -5L, Long.MAX_VALUE }) {
                for (String account : new String[] { "", "A", "ACCOUNT-\u00e9-" + intervals }) {
                    ChannelPeriodResult r = result(random, account, intervals, registerEnd);
                    ResultHeader read = ResultHeader.read(AVRO.serializer().serialize(null, r));
                    ResultHeader of = ResultHeader.of(r);
                    assertEquals(of, read);
                    assertEquals(r.getMeterId(), read.meterId());
                    assertEquals(r.getChannel(), read.channel());
                    assertEquals(account, read.serviceAccount());
                    assertEquals(r.getPeriodEnd(), read.periodEnd());
                    assertEquals(r.getVersion(), read.version());
                    assertEquals(intervals > 0 || registerEnd != null, read.hasData());
                    cases++;
                }
            }
        }
        assertEquals(48, cases);
    }

    @Test
    void onlyIntervalsOrAClosingReadingAreData() {
        assertFalse(ResultHeader.hasData(0, null));
        assertTrue(ResultHeader.hasData(1, null));
        assertTrue(ResultHeader.hasData(0, 0L));
    }

    @Test
    void aResultCutShortIsRefused() {
        byte[] bytes = AVRO.serializer().serialize(null, result(new Random(1), "A", 96, 7L));
        // every cut before the last field the header reads
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] part = Arrays.copyOf(bytes, cut);
            try {
                ResultHeader h = ResultHeader.read(part);
                // a cut after the fields read leaves them whole
                assertEquals(ResultHeader.read(bytes), h, "cut at " + cut);
            } catch (AvroRuntimeException e) {
                assertTrue(e.getMessage().contains("channel-period result of " + cut + " bytes"), e.getMessage());
            }
        }
        assertThrows(AvroRuntimeException.class, () -> ResultHeader.read(new byte[0]));
    }

    static ChannelPeriodResult result(Random random, String account, int intervals, Long registerEnd) {
        List<Long> usage = new ArrayList<>();
        List<Integer> quality = new ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            usage.add(random.nextLong() >> random.nextInt(64));
            quality.add(random.nextInt(16));
        }
        return ChannelPeriodResult.newBuilder().setMeterId("M" + random.nextInt(1_000_000))
                .setChannel(random.nextInt(100)).setServiceAccount(account).setUom(Uom.KWH)
                .setPeriodStart(LocalDate.parse("2026-03-01"))
                .setPeriodEnd(LocalDate.parse("2026-03-31").plusDays(random.nextInt(400) - 200))
                .setVersion(random.nextInt(Integer.MAX_VALUE)).setState(PeriodState.COMPLETE).setIntervalMinutes(15)
                .setFirstIntervalEnd(intervals == 0 ? null : Instant.parse("2026-03-01T08:15:00Z"))
                .setUsage(usage).setQuality(quality).setIntervalsExpected(intervals).setIntervalsActual(intervals)
                .setIntervalsEstimated(0).setTotal(intervals == 0 ? null : 12345L).setTotalEstimated(false)
                .setRegisterStart(registerEnd == null ? null : 1L).setRegisterEnd(registerEnd)
                .setFailurePoints(Map.of("SPIKE", 2, "MISSING", 1)).setComputedAt(Instant.EPOCH).setChangedBy("vee")
                .setChangedIntervals(List.of(1, 2)).setPreviousUsage(List.of(5L)).setPreviousQuality(List.of(0))
                .build();
    }
}
