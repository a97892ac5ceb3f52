package energy.mdma.bench;

import energy.mdma.events.IntervalBlock;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BenchDataTest {

    @Test
    void blocksAreIntervalBlocksInTheRegistryWireFormat() throws Exception {
        BenchData data = new BenchData("RUN", 4, 3, 30, LocalDate.of(2026, 3, 7));
        byte[] header = {0, 0, 0, 0, 42};
        byte[] wire = data.block(header, 2, 1, 17, 1_000L);
        assertArrayEquals(header, Arrays.copyOf(wire, 5));
        IntervalBlock b = new SpecificDatumReader<>(IntervalBlock.class).read(null,
                DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(wire, 5, wire.length), null));
        assertEquals(data.blockRecord(2, 1, 17, 1_000L), b);
        assertEquals("BMRUN000002", b.getMeterId());
        assertEquals(92, b.getValues().size(), "2026-03-08 springs forward");
        assertEquals("BMRUN000002:1", new String(data.key(2)));
    }

    @Test
    void periodsAndExpectedTotals() {
        BenchData data = new BenchData("RUN", 2, 7, 3, LocalDate.of(2026, 3, 7));
        assertEquals(List.of(LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 13)),
                data.readDates);
        assertEquals(2, data.periodsPerMeter());
        assertEquals(96 + 92 + 96, data.readsOfPeriod(1));
        assertEquals(2 * (6 * 96 + 92), data.reads());
        BenchData.Expected e = data.expected(1, 2);
        assertEquals(LocalDate.of(2026, 3, 10), e.from());
        assertEquals(3 * 96, e.intervalEnds().length);
        long sum = 0;
        for (int d = 3; d < 6; d++) {
            for (int k = 0; k < 96; k++) {
                sum += BenchData.usage1e4(BenchData.value(1, d, k));
            }
        }
        assertEquals(sum, e.total1e4());
        assertEquals(1, data.meterOfAccount("BSRUN000001"));
        assertEquals(-1, data.meterOfAccount("BSRUN000002"));
        assertEquals(-1, data.meterOfAccount("BSOTHER00001"));
        assertEquals(2, data.periodIndex(LocalDate.of(2026, 3, 13)));
        assertEquals(-1, data.periodIndex(LocalDate.of(2026, 3, 7)));
    }

    @Test
    void orders() {
        BenchData data = new BenchData("RUN", 3, 2, 30, LocalDate.of(2026, 3, 1));
        // historical: meter 0 days 0,1; meter 1 ...; daily: day 0 meters 0,1,2; day 1 ...
        assertArrayEquals(new int[]{0, 1}, data.blockAt(1, false));
        assertArrayEquals(new int[]{1, 0}, data.blockAt(2, false));
        assertArrayEquals(new int[]{1, 0}, data.blockAt(1, true));
        assertArrayEquals(new int[]{0, 1}, data.blockAt(3, true));
        assertArrayEquals(new int[]{2, 1}, data.blockAt(5, true));
        assertArrayEquals(new int[]{2, 1}, data.blockAt(5, false));
    }
}
