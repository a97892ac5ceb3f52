package energy.mdma.delivery.mail;

import energy.mdma.delivery.TestClock;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.events.Sha256;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Data-availability mails: rounds, the hourly limit, the counts, the attachment limit, replayed files. */
class AvailabilityMailTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final List<OutgoingMail> sent = new ArrayList<>();
    private final MailTransport transport = new MailTransport() {
        @Override
        public void send(OutgoingMail mail) {
            sent.add(mail);
        }

        @Override
        public String describe() {
            return "test";
        }
    };

    private AvailabilityMail mail(long maxAttachment, FilesystemContentStore content) {
        MailOutbox outbox = new MailOutbox(transport, e -> { }, clock,
                new MailOutbox.Retry(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24)));
        this.outbox = outbox;
        return new AvailabilityMail(p -> p.equals("UDC") ? List.of("ops@udc.example") : List.of(), outbox, content, clock,
                new AvailabilityMail.Settings(Duration.ofHours(1), Duration.ofMinutes(2), maxAttachment, ZoneId.of("America/Los_Angeles")));
    }

    private MailOutbox outbox;

    private static DocumentPosted doc(String id, String party, MailboxFileKind kind, byte[] content, String... accounts) {
        List<ReportRef> refs = new ArrayList<>();
        for (String a : accounts) {
            refs.add(ReportRef.newBuilder().setServiceAccount(a).setPeriodStart(LocalDate.parse("2026-10-01"))
                    .setPeriodEnd(LocalDate.parse("2026-11-01")).setReportId("R-" + id + a).setPurpose(ReportPurpose.ORIGINAL)
                    .build());
        }
        return DocumentPosted.newBuilder().setFileId(id).setReceiverPartyId(party).setKind(kind).setFileName(id + ".x12")
                .setCreatedAt(Instant.parse("2026-11-02T14:00:00Z")).setSha256(Sha256.hex(content))
                .setContent(ByteBuffer.wrap(content)).setReports(refs).build();
    }

    @Test
    void oneMailPerRoundWithCountsAndAttachment() throws Exception {
        FilesystemContentStore content = new FilesystemContentStore(dir);
        AvailabilityMail a = mail(5_000_000, content);
        byte[] summary = ("service_account,meter_id,failure_points\nA1,M1,\"ESTIMATED=2;MISSING=3\"\nA2,M2,ESTIMATED=1\nA3,M3,\n")
                .getBytes(StandardCharsets.UTF_8);
        content.put(summary);
        a.document(doc("f1", "UDC", MailboxFileKind.EDI_867, "x".getBytes(), "A1", "A2"));
        a.document(doc("f2", "UDC", MailboxFileKind.EDI_867, "y".getBytes(), "A2", "A3"));
        a.document(doc("s1", "UDC", MailboxFileKind.SUMMARY, summary));
        a.document(doc("old", "UDC", MailboxFileKind.EDI_867, "z".getBytes(), "A9"));
        a.alreadyAnnounced("old"); // replayed: announced (and mailed) before the restart
        a.document(doc("e1", "ESP", MailboxFileKind.EDI_867, "w".getBytes(), "A1"));
        for (String id : List.of("f1", "f2", "s1", "old", "e1")) {
            a.announced(id);
        }
        assertEquals(3, a.waiting("UDC"));
        assertEquals(0, a.tick(), "round not quiet yet");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, a.tick(), "the UDC's round; the ESP has no contacts");
        outbox.runDue();
        OutgoingMail m = sent.get(0);
        assertEquals(List.of("ops@udc.example"), m.to());
        assertTrue(m.text().contains("Account-periods reported (originals in the 2 867 file(s)): 3"), m.text());
        assertTrue(m.text().contains("ESTIMATED: 3") && m.text().contains("MISSING: 3"), m.text());
        assertFalse(m.text().contains("old.x12"));
        assertArrayEquals(summary, m.attachment());
        assertEquals("s1.x12", m.attachmentName());
        assertEquals(0, a.waiting("ESP"), "dropped: no one to tell");
    }

    @Test
    void atMostHourlyAndNoAttachmentOverTheLimit() throws Exception {
        FilesystemContentStore content = new FilesystemContentStore(dir);
        AvailabilityMail a = mail(10, content);
        byte[] summary = "service_account,failure_points\nA1,EDITED=4\n".getBytes(StandardCharsets.UTF_8);
        content.put(summary);
        a.document(doc("s1", "UDC", MailboxFileKind.SUMMARY, summary));
        a.announced("s1");
        clock.advance(Duration.ofMinutes(3));
        assertEquals(1, a.tick());
        a.document(doc("f3", "UDC", MailboxFileKind.EDI_867, "q".getBytes(), "A1"));
        a.announced("f3");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(0, a.tick());
        clock.advance(Duration.ofMinutes(30));
        assertEquals(1, a.tick());
        outbox.runDue();
        assertEquals(2, sent.size());
        assertNull(sent.get(0).attachmentName(), "over the size limit: not attached");
        assertTrue(sent.get(0).text().contains("EDITED: 4") && sent.get(0).text().contains("not attached"), sent.get(0).text());
        assertTrue(sent.get(1).text().contains("f3.x12") && !sent.get(1).text().contains("s1.x12"));
    }

    @Test
    void summaryParsing() {
        java.util.TreeMap<String, Long> counts = new java.util.TreeMap<>();
        AvailabilityMail.SummaryFailurePoints.count(("a,\"b,c\",failure_points\r\n1,\"x,\"\"y\"\"\",HIGH_USAGE=2;ZERO_USAGE=1\r\n"
                + "2,z,HIGH_USAGE=5\r\n").getBytes(StandardCharsets.UTF_8), counts);
        assertEquals(Map.of("HIGH_USAGE", 7L, "ZERO_USAGE", 1L), counts);
    }
}
