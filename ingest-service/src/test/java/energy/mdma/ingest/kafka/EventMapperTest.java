package energy.mdma.ingest.kafka;

import energy.mdma.events.DecimalValue;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.RawUnit;
import energy.mdma.events.SourceType;
import energy.mdma.events.Uom;
import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MeterInfo;
import energy.mdma.ingest.model.ParsedIntervalBlock;
import energy.mdma.ingest.parse.HeadEndChecks;
import energy.mdma.ingest.parse.InMemoryMasterData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventMapperTest {
    static final long T = Instant.parse("2025-10-23T07:15:00Z").getEpochSecond();

    @Test
    void blocksAreSplitIntoRunsOfConsecutiveIntervalsInOrder() {
        // ends: T, T+15, T+30, (gap) T+60, (back) T+15, T+30, (duplicate end) T+30
        long[] ends = {T, T + 900, T + 1800, T + 3600, T + 900, T + 1800, T + 1800};
        long[] values = {1, 2, 3, 4, 5, 6, 7};
        byte[] status = {0, 1, 0, 8, 0, 0, 15};
        long[] lines = {2, 3, 4, 5, 9, 10, 11};
        ParsedIntervalBlock b = new ParsedIntervalBlock("M1", 1, 15, ends, values, status, lines, new int[7],
                new long[]{1, 2, 3, 4, 5, 6, 7});
        List<IntervalBlock> runs = EventMapper.runs(b, SourceType.CSV, "f1", Instant.EPOCH);
        assertEquals(4, runs.size());
        assertEquals(List.of(1L, 2L, 3L), runs.get(0).getValues());
        assertEquals(List.of(0, 1, 0), runs.get(0).getStatuses());
        assertEquals(Instant.ofEpochSecond(T), runs.get(0).getFirstIntervalEnd());
        assertEquals(2L, runs.get(0).getSource().getSequence());
        assertEquals(List.of(4L), runs.get(1).getValues());
        assertEquals(List.of(5L, 6L), runs.get(2).getValues());
        assertEquals(9L, runs.get(2).getSource().getSequence());
        assertEquals(List.of(7L), runs.get(3).getValues(), "the later line of the same end comes later");
        assertEquals(List.of(15), runs.get(3).getStatuses());
        runs.forEach(r -> assertEquals(6, r.getValueScale()));
    }

    @Test
    void decimalsAreExact() {
        assertEquals(new DecimalValue(125L, 4), EventMapper.decimal(new BigDecimal("0.0125")));
        assertEquals(new DecimalValue(80L, 0), EventMapper.decimal(new BigDecimal("80")));
    }

    @Test
    void headEndChecksAreTheParsersChecks() {
        InMemoryMasterData md = new InMemoryMasterData()
                .put(new MeterInfo("M1", "1", "SCE", "01", 15)).put(new ChannelInfo("M1", 1, Uom.KWH, RawUnit.UNIT))
                .put(new MeterInfo("R1", "2", "SCE", "01", 0)).put(new ChannelInfo("R1", 1, Uom.KWH, RawUnit.UNIT));
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        HeadEndChecks c = new HeadEndChecks(md, clock);
        long first = T * 1000;
        assertTrue(c.checkIntervals("M1", 1, 15, first, 96).isEmpty());
        assertTrue(c.checkIntervals("X9", 1, 15, first, 1).orElseThrow().contains("unknown meter"));
        assertTrue(c.checkIntervals("M1", 2, 15, first, 1).orElseThrow().contains("unknown channel 2"));
        assertTrue(c.checkIntervals("M1", 1, 5, first, 1).orElseThrow().contains("does not match"));
        assertTrue(c.checkIntervals("M1", 1, 15, first + 300_000, 1).orElseThrow().contains("not on the 15-minute grid"));
        assertTrue(c.checkIntervals("R1", 1, 15, first, 1).orElseThrow().contains("non-interval meter"));
        long soon = Instant.parse("2025-12-31T23:45:00Z").toEpochMilli();
        assertTrue(c.checkIntervals("M1", 1, 15, soon, 2).isEmpty(), "ends at 00:00, the clock's time");
        assertTrue(c.checkIntervals("M1", 1, 15, soon, 4).orElseThrow().contains("ahead of the server clock"));
        assertTrue(c.checkRegister("R1", 1, Instant.parse("2026-01-01T00:20:00Z").toEpochMilli(), 5).isPresent());
        assertTrue(c.checkRegister("R1", 1, Instant.parse("2025-12-01T00:20:00Z").toEpochMilli(), 5).isEmpty());
    }
}
