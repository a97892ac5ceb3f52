package energy.mdma.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuTimelineTest {

    @Test
    void anIntervalIsTheCpuSecondsUsedSinceTheLastSampleOverTheSecondsThatPassed() {
        CpuTimeline t = new CpuTimeline(2);
        assertNull(t.add(0, Map.of("vee", 10.0, "edi", 4.0)));
        CpuTimeline.Interval i = t.add(5, Map.of("vee", 15.0, "edi", 6.5));
        assertEquals(1.0, i.coresPer().get("vee"), 1e-9);
        assertEquals(0.5, i.coresPer().get("edi"), 1e-9);
        assertEquals(1.5, i.cores(), 1e-9);
        assertEquals("1.50 cores (", CpuTimeline.describe(i).substring(0, 12));
    }

    @Test
    void aComponentThatWasNotRunningAtTheLastSampleIsLeftOutOfThatInterval() {
        CpuTimeline t = new CpuTimeline(2);
        t.add(0, Map.of("vee", 1.0));
        CpuTimeline.Interval i = t.add(2, Map.of("vee", 2.0, "edi", 30.0));
        assertEquals(Map.of("vee", 0.5), i.coresPer());
    }

    @Test
    void theSecondsBelowAShareOfTheMachineCountOnlyUpToTheEndOfTheRun() {
        CpuTimeline t = new CpuTimeline(2);
        t.add(0, Map.of("a", 0.0));
        t.add(5, Map.of("a", 10.0));  // 2.0 cores: busy
        t.add(10, Map.of("a", 12.0)); // 0.4 cores: waiting
        t.add(15, Map.of("a", 21.0)); // 1.8 cores: busy (90%)
        t.add(20, Map.of("a", 22.0)); // 0.2 cores, but after the end below: half of it counts
        assertEquals(5.0, t.secondsBelow(0.8, 15), 1e-9);
        assertEquals(7.5, t.secondsBelow(0.8, 17.5), 1e-9);
        String s = t.summary(17.5);
        assertTrue(s.startsWith("2.0 0.4 1.8 0.2 - under 80% of the 2 cores for 8 s of 18 s"), s);
    }
}
