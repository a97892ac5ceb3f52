package energy.mdma.edi.decision;

import energy.mdma.edi.decision.SummarySchedule.Dirty;
import energy.mdma.edi.decision.SummarySchedule.RowsChange;
import energy.mdma.edi.decision.SummarySchedule.StoredRow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a receiver's summary is posted, what it covers, and how its rows are replaced (edi-867.md "The summary report"). */
class SummaryScheduleTest {
    static final Duration QUIET = Duration.ofSeconds(10);
    static final Duration BACKLOG = Duration.ofMinutes(5);

    @Test
    void dueOnceQuietOrOnceTheOldestChangeIsOldDuringABacklog() {
        assertFalse(SummarySchedule.isDue(0, 5_000, 14_999, QUIET, BACKLOG));
        assertTrue(SummarySchedule.isDue(0, 5_000, 15_000, QUIET, BACKLOG), "10 s quiet");
        assertFalse(SummarySchedule.isDue(0, 299_999, 299_999, QUIET, BACKLOG));
        assertTrue(SummarySchedule.isDue(0, 300_000, 300_000, QUIET, BACKLOG), "changing all along, 5 min after the first");
        Dirty d = SummarySchedule.changed(null, 7);
        assertEquals(new Dirty(7, 7), d);
        assertEquals(new Dirty(7, 20), SummarySchedule.changed(d, 20));
        assertEquals(d, Dirty.parse(d.format()));
    }

    @Test
    void theWindowIsCalendarDaysOfThePrevailingTimeAcrossDst() {
        // 35 days before 2026-03-20 12:00 PDT (UTC-7) is 2026-02-13 12:00 PST (UTC-8)
        assertEquals(Instant.parse("2026-02-13T20:00:00Z").toEpochMilli(), SummarySchedule.windowStart(
                Instant.parse("2026-03-20T19:00:00Z"), 35, ZoneId.of("America/Los_Angeles")));
    }

    @Test
    void partsAndChunks() {
        assertEquals(1, SummarySchedule.parts(0, 100_000), "an empty summary is a header");
        assertEquals(1, SummarySchedule.parts(100_000, 100_000));
        assertEquals(2, SummarySchedule.parts(100_001, 100_000));
        assertEquals(1, SummarySchedule.chunks(0, 256));
        assertEquals(1, SummarySchedule.chunks(256, 256));
        assertEquals(2, SummarySchedule.chunks(257, 256));
    }

    @Test
    void replacingRowsKeepsTheVersionOfAnUnchangedLineAndDeletesWhatIsGone() {
        Map<String, StoredRow> old = Map.of("a", new StoredRow(1, "A"), "b", new StoredRow(1, "B"),
                "c", new StoredRow(1, "C"));
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("a", "A");
        rows.put("b", "B2");
        rows.put("d", "D");
        RowsChange<String> change = SummarySchedule.replace(old, rows, 9);
        assertEquals(Map.of("b", new StoredRow(9, "B2"), "d", new StoredRow(9, "D")), change.puts());
        assertEquals(List.of("c"), change.deletes());
        assertTrue(change.changed());
        assertFalse(SummarySchedule.replace(Map.of("a", new StoredRow(1, "A")), Map.of("a", "A"), 9).changed());
        StoredRow r = new StoredRow(5, "x,y,\"z,w\"");
        assertEquals("5,x,y,\"z,w\"", r.format());
        assertEquals(r, StoredRow.parse(r.format()));
    }
}
