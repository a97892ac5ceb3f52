package energy.mdma.bench;

import energy.mdma.bench.MailboxTracker.Document;
import energy.mdma.bench.MailboxTracker.Report;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MailboxTrackerTest {
    static final String AP = "A1|2026-12-01";
    static final String AP2 = "A2|2026-12-01";

    private static Report original(int pos, String id, String ap, boolean fin) {
        return new Report(pos, true, id, null, ap, fin, null);
    }

    private static Report cancel(int pos, String id, String cancelled, String ap) {
        return new Report(pos, false, id, cancelled, ap, false, null);
    }

    private static Document doc(String fileId, String receiver, String time, long isa13, Report... reports) {
        return new Document(fileId, receiver, false, time, isa13, List.of(reports));
    }

    @Test
    void countsOnlyFiledDocumentsInWhicheverOrderTheyAreSeen() {
        MailboxTracker t = new MailboxTracker(List.of("U", "E"), Set.of(AP));
        t.document(doc("f1", "U", "20261203100000", 1, original(0, "R1", AP, true)));
        assertFalse(t.allFinal(), "posted, not filed yet");
        t.filed("f1", "U", 1000);
        t.filed("f2", "E", 1500); // POSTED seen before the document
        assertFalse(t.allFinal());
        t.document(doc("f2", "E", "20261203100000", 1, original(0, "R1E", AP, true)));
        assertTrue(t.allFinal());
        assertEquals(Map.of(AP, 1500L), t.completion());
        assertTrue(t.isCorrect(AP));
    }

    @Test
    void theCurrentOriginalIsTheNewestNotCancelled() {
        MailboxTracker t = new MailboxTracker(List.of("U"), Set.of(AP, AP2));
        // an interim estimate, then a correction (cancellation + new final original) in one file
        t.document(doc("f1", "U", "20261203100000", 5, original(0, "R1", AP, false), original(1, "S1", AP2, true)));
        t.filed("f1", "U", 100);
        assertFalse(t.allFinal());
        t.document(doc("f2", "U", "20261203100005", 6, cancel(0, "R2", "R1", AP), original(1, "R3", AP, true)));
        t.filed("f2", "U", 200);
        assertTrue(t.allFinal());
        MailboxTracker.Receiver u = t.receivers().iterator().next();
        assertEquals(3, u.originals);
        assertEquals(1, u.interimOriginals);
        assertEquals(1, u.cancellations);
        assertEquals("R3", u.current(AP).reportId());
        assertEquals(Map.of(AP, 200L, AP2, 100L), t.completion());

        // a later correction back to an estimate: not final any more
        t.document(doc("f3", "U", "20261203100010", 7, cancel(0, "R4", "R3", AP), original(1, "R5", AP, false)));
        t.filed("f3", "U", 300);
        assertFalse(t.allFinal());
        assertEquals(1, u.finalAccountPeriods);
        long[] n = new long[1];
        assertEquals(List.of("U A1 2026-12-01: the current original R5 is estimated (KA) although every read was sent"),
                t.problems(10, n));
        assertEquals(1, n[0]);
    }

    @Test
    void newestIsByFileTimeThenIsa13ThenPosition() {
        MailboxTracker t = new MailboxTracker(List.of("U"), Set.of(AP));
        t.document(doc("a", "U", "20261203100001", 1, original(0, "OLDER_TIME", AP, false)));
        t.document(doc("b", "U", "20261203100000", 9, original(0, "EARLIER", AP, true)));
        t.filed("b", "U", 1);
        t.filed("a", "U", 2);
        assertEquals("OLDER_TIME", t.receivers().iterator().next().current(AP).reportId());
        t.document(doc("c", "U", "20261203100001", 2, original(0, "P0", AP, false), original(3, "P3", AP, true)));
        t.filed("c", "U", 3);
        assertEquals("P3", t.receivers().iterator().next().current(AP).reportId());
    }

    @Test
    void aCancellationFiledBeforeItsOriginalStillCounts() {
        MailboxTracker t = new MailboxTracker(List.of("U"), Set.of(AP));
        t.document(doc("f2", "U", "20261203100005", 2, cancel(0, "R2", "R1", AP), original(1, "R3", AP, true)));
        t.filed("f2", "U", 200);
        t.document(doc("f1", "U", "20261203100000", 1, original(0, "R1", AP, false)));
        t.filed("f1", "U", 300);
        assertEquals("R3", t.receivers().iterator().next().current(AP).reportId());
        assertTrue(t.allFinal());
    }

    @Test
    void aMismatchIsAProblem() {
        MailboxTracker t = new MailboxTracker(List.of("U"), Set.of(AP));
        t.document(doc("f", "U", "20261203100000", 1, new Report(0, true, "R", null, AP, true, "wrong total")));
        t.filed("f", "U", 1);
        assertTrue(t.allFinal());
        assertFalse(t.isCorrect(AP));
        long[] n = new long[1];
        assertEquals(List.of("U A1 2026-12-01: wrong total"), t.problems(10, n));
    }

    @Test
    void otherReceiversAndSummariesAreNotReports() {
        MailboxTracker t = new MailboxTracker(List.of("U"), Set.of(AP));
        t.document(doc("x", "OTHER", "20261203100000", 1, original(0, "R", AP, true)));
        t.filed("x", "OTHER", 1);
        t.document(new Document("s", "U", true, null, 0, List.of()));
        t.filed("s", "U", 2);
        MailboxTracker.Receiver u = t.receivers().iterator().next();
        assertEquals(0, u.files);
        assertEquals(1, u.summaries);
        assertFalse(t.allFinal());
    }

    @Test
    void fileNames() {
        assertEquals("20261203222933", MailboxTracker.fileTime("MDMA_867_SCE_20261203222933_000000007.x12", "SCE", 7));
        assertEquals("20261203222933", MailboxTracker.fileTime("MDMA_867_ESP_X_20261203222933_12.x12", "ESP_X", 12));
        assertThrows(IllegalArgumentException.class,
                () -> MailboxTracker.fileTime("MDMA_867_SCE_20261203222933_000000007.x12", "ESP", 7));
        assertThrows(IllegalArgumentException.class,
                () -> MailboxTracker.fileTime("MDMA_867_SCE_20261203222933_000000007.x12", "SCE", 8));
        assertThrows(IllegalArgumentException.class,
                () -> MailboxTracker.fileTime("MDMA_SUMMARY_SCE_20261203222933.csv", "SCE", 8));
    }
}
