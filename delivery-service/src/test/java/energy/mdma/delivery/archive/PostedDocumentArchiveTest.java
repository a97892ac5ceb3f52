package energy.mdma.delivery.archive;

import energy.mdma.delivery.mailbox.ArchiveProvider;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class PostedDocumentArchiveTest {

    @TempDir
    Path dir;

    private static final Instant T1 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant NOW = Instant.parse("2026-04-01T08:30:00Z");

    private static PostedReport report(String fileId, String sha, Instant at, long isa13, int pos, String reportId,
                                       boolean original, String cancelled, String account, String from, String to) {
        return new PostedReport(fileId, sha, "MDMA_867_UDC1_x_" + isa13 + ".x12", at, isa13, pos, reportId, original,
                cancelled, account, LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void newestNonCancelledOriginalPerAccountPeriodInAFreshEnvelope() throws Exception {
        FilesystemContentStore content = new FilesystemContentStore(dir);
        ArchiveIndex index = new ArchiveIndex();
        // file 1: Feb and Mar of account A, Feb of account B
        byte[] f1 = Sample867.interchange(1,
                Sample867.original(1, "R1", "A", "20260201", "20260301", "10"),
                Sample867.original(2, "R2", "A", "20260301", "20260401", "20"),
                Sample867.original(3, "R3", "B", "20260201", "20260301", "30"));
        String s1 = content.put(f1);
        index.add("UDC1", "F1", List.of(
                report("F1", s1, T1, 1, 0, "R1", true, null, "A", "2026-02-01", "2026-03-01"),
                report("F1", s1, T1, 1, 1, "R2", true, null, "A", "2026-03-01", "2026-04-01"),
                report("F1", s1, T1, 1, 2, "R3", true, null, "B", "2026-02-01", "2026-03-01")));
        // file 2: a correction of A's February (cancel R1, new original R4)
        byte[] f2 = Sample867.interchange(2,
                Sample867.cancellation(1, "R5", "R1", "A"),
                Sample867.original(2, "R4", "A", "20260201", "20260301", "11.5"));
        String s2 = content.put(f2);
        index.add("UDC1", "F2", List.of(
                report("F2", s2, T2, 2, 0, "R5", false, "R1", "A", "2026-02-01", "2026-03-01"),
                report("F2", s2, T2, 2, 1, "R4", true, null, "A", "2026-02-01", "2026-03-01")));
        index.add("UDC1", "F2", List.of()); // replay: idempotent

        List<String> issued = new ArrayList<>();
        ControlNumbers numbers = new ControlNumbers(900_000_000L);
        numbers.observe("UDC1", 900_000_004L); // issued before a restart (from the log)
        PostedDocumentArchive archive = new PostedDocumentArchive(index, content, numbers,
                (party, n, name) -> issued.add(party + ":" + n + ":" + name), Clock.fixed(NOW, ZoneOffset.UTC), "MDMA");

        ArchiveProvider.ArchiveDocument doc = archive.usage("UDC1", "A", LocalDate.parse("2026-02-15"),
                LocalDate.parse("2026-03-15")).orElseThrow();
        String x12 = new String(doc.x12(), StandardCharsets.ISO_8859_1);
        assertEquals("MDMA_867_UDC1_20260401083000_900000005.x12", doc.name());
        assertEquals(List.of("UDC1:900000005:" + doc.name()), issued, "the number is recorded before it is used");
        assertTrue(x12.contains("BPT*00*R4*"), x12);
        assertTrue(x12.contains("BPT*00*R2*"), x12);
        assertFalse(x12.contains("*R1*"), "cancelled report left out");
        assertFalse(x12.contains("BPT*01"), "no cancellations");
        assertFalse(x12.contains("REF*12*B"), "only the account asked for");
        assertTrue(x12.indexOf("R4") < x12.indexOf("R2"), "in period order");
        assertEnvelope(x12, 900_000_005L, 2);
        // sender, receiver and usage indicator of the source
        assertTrue(x12.startsWith("ISA*00*          *00*          *01*999999999      *01*111111111      *260401*0830*U*00401*900000005*0*T*>~\n"), x12);
        assertTrue(x12.contains("GS*PT*999999999*111111111*20260401*0830*900000005*X*004010~\n"));

        // next request: the next number
        assertTrue(archive.usage("UDC1", "A", LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-02")).orElseThrow()
                .name().endsWith("_900000006.x12"));
        // nothing for another party, another account or another range
        assertTrue(archive.usage("ESP1", "A", LocalDate.parse("2026-02-01"), LocalDate.parse("2026-04-01")).isEmpty());
        assertTrue(archive.usage("UDC1", "C", LocalDate.parse("2026-02-01"), LocalDate.parse("2026-04-01")).isEmpty());
        assertTrue(archive.usage("UDC1", "A", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31")).isEmpty());
    }

    @Test
    void newestByTimeThenControlNumberThenPosition() {
        PostedReport a = report("F", "s", T1, 5, 0, "X", true, null, "A", "2026-02-01", "2026-03-01");
        PostedReport b = report("F", "s", T1, 5, 1, "Y", true, null, "A", "2026-02-01", "2026-03-01");
        PostedReport c = report("G", "s", T1, 6, 0, "Z", true, null, "A", "2026-02-01", "2026-03-01");
        PostedReport d = report("H", "s", T2, 1, 0, "W", true, null, "A", "2026-02-01", "2026-03-01");
        ArchiveIndex index = new ArchiveIndex();
        index.add("U", "F", List.of(a, b));
        index.add("U", "G", List.of(c));
        assertEquals("Z", index.current("U", "A", LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-01")).get(0).reportId());
        index.add("U", "H", List.of(d));
        assertEquals("W", index.current("U", "A", LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-01")).get(0).reportId());
        index.cancel("U", "W");
        assertEquals("Z", index.current("U", "A", LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-01")).get(0).reportId());
    }

    /** ISA13 = IEA02 = GS06 = GE02, GE01 = number of sets, SE01 = segments from ST to SE, ST02 = SE02 unique. */
    static void assertEnvelope(String x12, long control, int sets) {
        List<String> segs = List.of(x12.split("~\n"));
        assertTrue(segs.get(0).startsWith("ISA*"));
        assertEquals(String.format("%09d", control), segs.get(0).split("\\*")[13]);
        assertEquals(Long.toString(control), segs.get(1).split("\\*")[6]);
        assertEquals("GE*" + sets + "*" + control, segs.get(segs.size() - 2));
        assertEquals("IEA*1*" + String.format("%09d", control), segs.get(segs.size() - 1));
        int count = 0;
        String st02 = null;
        int n = 0;
        for (String s : segs) {
            if (s.startsWith("ST*")) {
                count = 0;
                st02 = s.split("\\*")[2];
                n++;
                assertEquals(String.format("%04d", n), st02);
            }
            count++;
            if (s.startsWith("SE*")) {
                Matcher m = Pattern.compile("SE\\*(\\d+)\\*(\\d+)").matcher(s);
                assertTrue(m.matches(), s);
                assertEquals(count, Integer.parseInt(m.group(1)), "SE01 of set " + st02);
                assertEquals(st02, m.group(2));
            }
        }
        assertEquals(sets, n);
    }
}
