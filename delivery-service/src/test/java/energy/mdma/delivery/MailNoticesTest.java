package energy.mdma.delivery;

import com.icegreen.greenmail.util.GreenMailUtil;
import energy.mdma.delivery.archive.Sample867;
import energy.mdma.delivery.mail.AvailabilityMail;
import energy.mdma.delivery.mail.MailOutbox;
import energy.mdma.delivery.outage.OutageService;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.PartyContacts;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static energy.mdma.delivery.TestLog.WAIT;
import static energy.mdma.delivery.TestLog.producer;
import static energy.mdma.delivery.TestLog.readAll;
import static energy.mdma.delivery.TestLog.send;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Contacts, e-mail, outage notices and the contingency export (operations.md sections 3 and 4) through the public
 * API on the real platform (broker, registry, topics of deploy/topics.csv), the mails read back from a real SMTP
 * server (GreenMail, with a login). The clock is the test's; the mail and outage ticks are run by the test.
 */
@QuarkusTest
@TestProfile(MailNoticesTest.Profile.class)
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = GreenMailTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class MailNoticesTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdma.kafka.send-timeout", "20S",
                    "quarkus.arc.selected-alternatives", TestClock.class.getName(),
                    "mdma.mail.tick", "0");
        }
    }

    private static final String UDC = "MUDC";
    private static final String ESP = "MESP";
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @TestHTTPResource(value = "/", tls = true)
    URL base;
    @Inject
    TestClock clock;
    @Inject
    AvailabilityMail availability;
    @Inject
    MailOutbox outbox;
    @Inject
    OutageService outages;

    @Test
    void contactsMailsNoticesAndExport() throws Exception {
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        Instant t1 = Instant.parse("2026-11-02T14:00:00Z");
        Instant t2 = Instant.parse("2026-11-03T14:00:00Z");
        byte[] f1 = Sample867.interchange(1,
                Sample867.original(1, "MR1", "MACC1", "20261001", "20261101", "10"),
                Sample867.original(2, "MR2", "MACC2", "20261001", "20261101", "20"));
        byte[] f2 = Sample867.interchange(2, Sample867.original(1, "MR3", "MACC3", "20261001", "20261101", "30"));
        byte[] summary = ("service_account,meter_id,channel,uom,period_start,period_end,intervals_expected,intervals_actual,"
                + "intervals_estimated,total,register_start,register_end,failure_points\n"
                + "MACC1,M1,1,KWH,2026-10-01,2026-11-01,2976,2970,6,10,,,ESTIMATED=6;HIGH_USAGE=1\n"
                + "MACC2,M2,1,KWH,2026-10-01,2026-11-01,2976,2900,0,,,,ESTIMATION_FAILED=1;MISSING=76\n"
                + "MACC3,M3,1,KWH,2026-10-01,2026-11-01,2976,2976,0,30,,,\n").getBytes(StandardCharsets.UTF_8);
        DocumentPosted d1 = doc("MUDC-867-1", UDC, MailboxFileKind.EDI_867, "MDMA_867_MUDC_20261102060000_000000001.x12", 1L, t1, f1,
                List.of(ref("MACC1", "MR1"), ref("MACC2", "MR2")));
        DocumentPosted d2 = doc("MUDC-867-2", UDC, MailboxFileKind.EDI_867, "MDMA_867_MUDC_20261102060001_000000002.x12", 2L, t1, f2,
                List.of(ref("MACC3", "MR3")));
        DocumentPosted d3 = doc("MUDC-summary-1", UDC, MailboxFileKind.SUMMARY, "MDMA_SUMMARY_MUDC_20261102060002.csv", null, t1,
                summary, List.of());
        try (KafkaProducer<String, Object> producer = producer(platform)) {
            for (String[] p : new String[][]{{UDC, "UDC"}, {ESP, "ESP"}}) {
                send(producer, Topics.PARTIES, p[0], PartyEvent.newBuilder().setPartyId(p[0]).setRole(PartyRole.valueOf(p[1]))
                        .setName(p[0] + " name").setDuns("123456789").setChangedBy("ingest").setChangedAt(t1).build());
            }
        }
        Poll.until("ready", WAIT,
                () -> TestParties.as(base, TestParties.OPERATOR).get("/api/v1/notices").statusCode() == 200);
        for (String party : List.of(UDC, ESP)) {
            TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                    .body("{\"password\":\"" + TestParties.pw(party) + "\"}").put("/api/v1/parties/" + party + "/password")
                    .then().statusCode(200);
        }

        // --- contacts: validated, bounded, the party's own or by operators, on the log
        contacts(ESP, UDC, "{\"emails\":[\"x@esp.example\"]}").then().statusCode(403);
        contacts(TestParties.OPERATOR, UDC, "{\"emails\":[\"ops@udc.example\",\"Ops Desk <desk@udc.example>\"]}")
                .then().statusCode(400).body("detail", containsString("emails[1]"));
        contacts(TestParties.OPERATOR, UDC, "{\"emails\":[\"a@udc.example, b@udc.example\"]}").then().statusCode(400);
        contacts(TestParties.OPERATOR, UDC, "{\"emails\":[\"a@udc.example\\r\\nBcc: x@evil.example\"]}").then().statusCode(400);
        String eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "\"o" + i + "@udc.example\"")
                .collect(Collectors.joining(","));
        contacts(TestParties.OPERATOR, UDC, "{\"emails\":[" + eleven + "]}").then().statusCode(400)
                .body("detail", containsString("At most 10"));
        contacts(TestParties.OPERATOR, "NOSUCHPARTY", "{\"emails\":[\"a@x.example\"]}").then().statusCode(404);
        contacts(UDC, UDC, "{\"emails\":[\"ops@UDC.example\",\"desk@udc.example\",\"ops@udc.example\"]}").then().statusCode(200)
                .body("emails", org.hamcrest.Matchers.equalTo(List.of("ops@udc.example", "desk@udc.example")));
        contacts(TestParties.OPERATOR, ESP, "{\"emails\":[\"desk@esp.example\"]}").then().statusCode(200);
        TestParties.as(base, UDC).get("/api/v1/parties/" + UDC + "/contacts").then().statusCode(200)
                .body("emails", hasItem("desk@udc.example"));
        List<ConsumerRecord<String, Object>> contactEvents = readAll(platform, Topics.CONTACTS);
        assertTrue(contactEvents.stream().anyMatch(r -> UDC.equals(r.key()) && r.value() instanceof PartyContacts c
                && c.getEmails().size() == 2 && UDC.equals(c.getChangedBy())), "the contacts are an event on the log");

        // --- data availability: one mail after the posting round, with the counts and the summary attached
        try (KafkaProducer<String, Object> producer = producer(platform)) {
            for (DocumentPosted d : List.of(d1, d2, d3)) {
                send(producer, Topics.EDI_DOCUMENTS, d.getReceiverPartyId(), d);
            }
        }
        Poll.until("three new files waiting for the UDC's mail", WAIT, () -> availability.waiting(UDC) == 3);
        assertEquals(0, availability.tick(), "the round is not over while files keep coming (quiet period)");
        clock.advance(Duration.ofMinutes(3));
        assertEquals(1, availability.tick());
        assertEquals(1, outbox.runDue());
        MimeMessage[] mails = GreenMailTestResource.smtp.getReceivedMessages();
        assertEquals(2, mails.length, "one message to each of the two contacts");
        MimeMessage m = mails[0];
        assertEquals("MDMA: 3 new file(s) in mailbox " + UDC, m.getSubject());
        assertEquals(List.of("ops@udc.example", "desk@udc.example"),
                Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList());
        String text = bodyText(m);
        assertTrue(text.contains(d1.getFileName()) && text.contains(d2.getFileName()) && text.contains(d3.getFileName()), text);
        assertTrue(text.contains("Account-periods reported (originals in the 2 867 file(s)): 3"), text);
        for (String line : List.of("ESTIMATED: 6", "ESTIMATION_FAILED: 1", "HIGH_USAGE: 1", "MISSING: 76")) {
            assertTrue(text.contains(line), "failure point count " + line + " in " + text);
        }
        assertArrayEquals(summary, attachment(m, d3.getFileName()), "the newest summary attached");
        assertNoSecret(m);

        // a new file within the hour waits for the next mail; after the hour it comes, without a summary
        DocumentPosted d4 = doc("MUDC-867-3", UDC, MailboxFileKind.EDI_867, "MDMA_867_MUDC_20261103060000_000000003.x12", 3L, t2,
                Sample867.interchange(3, Sample867.original(1, "MR4", "MACC1", "20261101", "20261201", "11")),
                List.of(ref("MACC1", "MR4")));
        try (KafkaProducer<String, Object> producer = producer(platform)) {
            send(producer, Topics.EDI_DOCUMENTS, UDC, d4);
        }
        Poll.until("the fourth file waiting", WAIT, () -> availability.waiting(UDC) == 1);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(0, availability.tick(), "at most one mail an hour per party");
        clock.advance(Duration.ofHours(1));
        assertEquals(1, availability.tick());
        outbox.runDue();
        mails = GreenMailTestResource.smtp.getReceivedMessages();
        assertEquals(4, mails.length);
        String second = bodyText(Arrays.stream(mails).filter(x -> subject(x).equals("MDMA: 1 new file(s) in mailbox " + UDC))
                .findFirst().orElseThrow());
        assertTrue(second.contains(d4.getFileName()) && !second.contains(d1.getFileName()), second);
        assertTrue(second.contains("No new summary report"), second);
        Poll.until("the sends in the audit trail", WAIT, () -> TestParties.as(base, TestParties.OPERATOR)
                .get("/api/v1/audit?party=" + UDC + "&action=MAIL").jsonPath()
                .getList("items.actor").contains("mdma-mail"));

        // --- contingency export: byte-identical to what was posted, with the manifest and its checksum
        Map<String, byte[]> posted = Map.of(d1.getFileName(), f1, d2.getFileName(), f2, d3.getFileName(), summary);
        TestParties.as(base, UDC).get("/api/v1/export/" + UDC + "?from=2026-11-01&to=2026-11-02").then().statusCode(403);
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/export/" + UDC + "?from=2026-11-02&to=2026-11-01")
                .then().statusCode(400);
        Response export = TestParties.as(base, TestParties.OPERATOR).get("/api/v1/export/" + UDC + "?from=2026-11-01&to=2026-11-02");
        export.then().statusCode(200).contentType("application/zip");
        Map<String, byte[]> zip = unzip(export.asByteArray());
        assertEquals(new java.util.TreeSet<>(List.of(d1.getFileName(), d2.getFileName(), d3.getFileName(), "MANIFEST.csv",
                "MANIFEST.csv.sha256")), new java.util.TreeSet<>(zip.keySet()), "the files posted on 2026-11-02 (local) only");
        posted.forEach((name, bytes) -> assertArrayEquals(bytes, zip.get(name), name + " byte-identical to what was posted"));
        List<String> manifest = new String(zip.get("MANIFEST.csv"), StandardCharsets.UTF_8).lines().toList();
        assertEquals("name,kind,size,sha256,postedAt", manifest.get(0));
        assertTrue(manifest.contains(d3.getFileName() + ",SUMMARY," + summary.length + "," + d3.getSha256() + "," + t1), manifest.toString());
        assertTrue(manifest.contains(d1.getFileName() + ",EDI_867," + f1.length + "," + d1.getSha256() + "," + t1), manifest.toString());
        assertEquals(energy.mdma.events.Sha256.hex(zip.get("MANIFEST.csv")) + "  MANIFEST.csv\n",
                new String(zip.get("MANIFEST.csv.sha256"), StandardCharsets.US_ASCII));
        // ./mdma export: the same through the command line, into a directory, checked against the manifest
        java.nio.file.Path home = java.nio.file.Files.createTempDirectory("mdma-export-home");
        java.nio.file.Path outDir = home.resolve("usb/MUDC-2026-11");
        ProcessBuilder pb = new ProcessBuilder("bash", "../mdma", "export", "--party", UDC, "--from", "2026-11-01", "--to",
                "2026-11-02", outDir.toString()).redirectErrorStream(true);
        pb.environment().put("MDMA_HOME", home.toString());
        pb.environment().put("MDMA_OPERATOR_PASSWORD", TestParties.OPERATOR_PW);
        pb.environment().put("MDMA_DELIVERY_URL", base.toString().replaceAll("/$", ""));
        Process proc = pb.start();
        String said = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.waitFor(), said);
        assertTrue(said.contains("wrote 3 file(s) (2 EDI_867, 1 SUMMARY;") && said.contains(outDir.toString()), said);
        for (Map.Entry<String, byte[]> e : posted.entrySet()) {
            assertArrayEquals(e.getValue(), java.nio.file.Files.readAllBytes(outDir.resolve(e.getKey())), e.getKey());
        }
        assertArrayEquals(zip.get("MANIFEST.csv"), java.nio.file.Files.readAllBytes(outDir.resolve("MANIFEST.csv")));
        assertArrayEquals(zip.get("MANIFEST.csv.sha256"), java.nio.file.Files.readAllBytes(outDir.resolve("MANIFEST.csv.sha256")));
        pb.command("bash", "../mdma", "export", "--party", UDC, "--from", "2026-11-01", "--to", "2026-11-02", outDir.toString());
        Process again = pb.start(); // the same environment (never the repository's own .mdma)
        String refused = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, again.waitFor(), "a directory that is not empty is refused");
        assertTrue(refused.contains("not an empty directory"), refused);

        Response byRead = TestParties.as(base, TestParties.OPERATOR)
                .get("/api/v1/export/" + UDC + "?from=2026-10-01&to=2026-10-31&by=read-date");
        byRead.then().statusCode(200);
        Map<String, byte[]> current = unzip(byRead.asByteArray());
        String all867 = current.entrySet().stream().filter(e -> e.getKey().endsWith(".x12"))
                .map(e -> new String(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining());
        assertEquals(5, current.size(), "one 867 per account (3) and the manifest with its checksum: " + current.keySet());
        assertTrue(all867.contains("MR1") && all867.contains("MR2") && all867.contains("MR3"), all867);
        Poll.until("the export in the audit trail", WAIT, () -> TestParties.as(base, TestParties.OPERATOR)
                .get("/api/v1/audit?party=" + UDC + "&action=EXPORT").jsonPath()
                .getList("items.outcome").contains("SUCCESS"));

        // --- scheduled outages: the rules (422 saying why), every party told at once and 1 hour before
        Map<String, Integer> before = snapshot();
        Instant now = clock.instant();
        YearMonth month = YearMonth.from(now.atZone(LA)).plusMonths(2);
        outage(ESP, "SCHEDULED_OUTAGE", at(month.atDay(10), "02:00"), at(month.atDay(10), "03:00")).then().statusCode(403);
        outage(TestParties.OPERATOR, "SCHEDULED_OUTAGE", now.plus(Duration.ofHours(20)), now.plus(Duration.ofHours(21)))
                .then().statusCode(422).body("detail", containsString("at least 24 h ahead"));
        outage(TestParties.OPERATOR, "SCHEDULED_OUTAGE", at(month.atDay(10), "01:00"), at(month.atDay(10), "03:00"))
                .then().statusCode(422).body("detail", containsString("within 02:00-05:00"));
        outage(TestParties.OPERATOR, "SCHEDULED_OUTAGE", at(month.atDay(10), "04:00"), at(month.atDay(10), "05:30"))
                .then().statusCode(422).body("detail", containsString("within 02:00-05:00"));
        outage(TestParties.OPERATOR, "SCHEDULED_OUTAGE", at(month.atDay(10), "02:00"), null).then().statusCode(400);
        outage(TestParties.OPERATOR, "SCHEDULED_OUTAGE", at(month.atDay(10), "02:00"), at(month.atDay(10), "05:00")).then().statusCode(201);
        outage(TestParties.OPERATOR, "SCHEDULED_OUTAGE", at(month.atDay(11), "02:00"), at(month.atDay(11), "05:00")).then().statusCode(201);
        outage(TestParties.OPERATOR, "SCHEDULED_OUTAGE", at(month.atDay(12), "02:00"), at(month.atDay(12), "04:00"))
                .then().statusCode(422).body("detail", containsString("would be 8 h")).body("detail", containsString("under 8 h"));
        outage(TestParties.OPERATOR, "SCHEDULED_OUTAGE", at(month.atDay(12), "02:00"), at(month.atDay(12), "03:30")).then().statusCode(201);
        TestParties.as(base, ESP).get("/api/v1/notices").then().statusCode(200)
                .body("items.title", hasItem(containsString("Scheduled outage " + month.atDay(11))));
        outbox.runDue();
        List<MimeMessage> outageMails = since(before);
        assertEquals(3 * 3, outageMails.size(), "three notices, each to the UDC's two contacts and the ESP's one");
        assertTrue(outageMails.stream().allMatch(x -> subject(x).startsWith("MDMA notice: Scheduled outage")));

        // one hour before the first: a reminder to every party, once
        clock.advance(Duration.between(clock.instant(), at(month.atDay(10), "01:00")));
        outages.tick();
        outages.tick();
        List<String> titles = TestParties.as(base, UDC).get("/api/v1/notices").jsonPath().getList("items.title");
        assertEquals(1, titles.stream().filter(t -> t.startsWith("Reminder (1 hour): Scheduled outage " + month.atDay(10))).count(), titles.toString());
        assertEquals(0, titles.stream().filter(t -> t.startsWith("Reminder (1 hour): Scheduled outage " + month.atDay(11))).count());
        before = snapshot();
        outbox.runDue();
        assertEquals(3, since(before).size(), "the reminder to the three contacts");

        // --- unscheduled outage: a watched service not ready; the notice once it lasts 10 minutes, the closing one
        // 30 minutes after it is back (nobody posted it)
        GreenMailTestResource.READY_STATUS.set(503);
        outages.tick();
        Instant down = clock.instant();
        clock.advance(Duration.ofMinutes(9));
        outages.tick();
        assertFalse(titlesOf(ESP).stream().anyMatch(t -> t.startsWith("Unscheduled outage")), "not yet: under 10 minutes");
        clock.advance(Duration.ofMinutes(1));
        outages.tick();
        assertTrue(titlesOf(ESP).stream().anyMatch(t -> t.startsWith("Unscheduled outage since")), titlesOf(ESP).toString());
        GreenMailTestResource.READY_STATUS.set(200);
        clock.advance(Duration.ofMinutes(2));
        outages.tick();
        Instant back = clock.instant();
        clock.advance(Duration.ofMinutes(29));
        outages.tick();
        assertFalse(titlesOf(ESP).stream().anyMatch(t -> t.startsWith("Service restored")), "the operator may still post it");
        clock.advance(Duration.ofMinutes(1));
        outages.tick();
        Map<String, Object> closing = TestParties.as(base, ESP).get("/api/v1/notices").jsonPath().<Map<String, Object>>getList("items")
                .stream().filter(n -> ((String) n.get("title")).startsWith("Service restored")).findFirst().orElseThrow();
        assertEquals(down, Instant.parse((String) closing.get("from")));
        assertEquals(back, Instant.parse((String) closing.get("to")));
        assertEquals("mdma", closing.get("postedBy"));
        before = snapshot();
        outbox.runDue();
        List<MimeMessage> unscheduled = since(before);
        assertTrue(unscheduled.stream().anyMatch(x -> subject(x).startsWith("MDMA notice: Unscheduled outage")));
        assertTrue(unscheduled.stream().anyMatch(x -> subject(x).startsWith("MDMA notice: Service restored")));

        // the operator's own: closing without an open outage is refused; open then close
        outage(TestParties.OPERATOR, "OUTAGE_ENDED", null, null).then().statusCode(422);
        outage(TestParties.OPERATOR, "UNSCHEDULED_OUTAGE", clock.instant().minus(Duration.ofMinutes(5)), null).then().statusCode(201);
        outage(TestParties.OPERATOR, "OUTAGE_ENDED", null, null).then().statusCode(201)
                .body("title", containsString("Service restored"));
        outage(TestParties.OPERATOR, "NO_SUCH_TYPE", null, null).then().statusCode(400);
    }

    private io.restassured.response.Response contacts(String as, String party, String json) {
        return TestParties.as(base, as).contentType("application/json").body(json).put("/api/v1/parties/" + party + "/contacts");
    }

    private io.restassured.response.Response outage(String as, String type, Instant from, Instant to) {
        StringBuilder b = new StringBuilder("{\"type\":\"" + type + "\",\"text\":\"Database upgrade.\"");
        if (from != null) {
            b.append(",\"from\":\"").append(from).append('"');
        }
        if (to != null) {
            b.append(",\"to\":\"").append(to).append('"');
        }
        return TestParties.as(base, as).contentType("application/json").body(b.append('}').toString()).post("/api/v1/notices");
    }

    private List<String> titlesOf(String party) {
        return TestParties.as(base, party).get("/api/v1/notices").jsonPath().getList("items.title");
    }

    private static Instant at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), LA).toInstant();
    }

    /** How many copies of each message (by Message-ID) the SMTP server holds (the order of its list is per recipient). */
    private static Map<String, Integer> snapshot() {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : GreenMailTestResource.smtp.getReceivedMessages()) {
            counts.merge(messageId(m), 1, Integer::sum);
        }
        return counts;
    }

    /** The copies received since the snapshot. */
    private static List<MimeMessage> since(Map<String, Integer> before) {
        Map<String, Integer> seen = new HashMap<>(before);
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : GreenMailTestResource.smtp.getReceivedMessages()) {
            String id = messageId(m);
            if (seen.getOrDefault(id, 0) > 0) {
                seen.merge(id, -1, Integer::sum);
            } else {
                out.add(m);
            }
        }
        return out;
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID() + "|" + m.getSubject(); // copies of one mail count per key, whatever the key
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bodyText(MimeMessage m) throws Exception {
        Object c = m.getContent();
        if (c instanceof String s) {
            return s;
        }
        Multipart mp = (Multipart) c;
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.isMimeType("text/plain") && p.getFileName() == null) {
                return (String) p.getContent();
            }
        }
        return GreenMailUtil.getBody(m);
    }

    private static byte[] attachment(MimeMessage m, String name) throws Exception {
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (name.equals(p.getFileName())) {
                return p.getInputStream().readAllBytes();
            }
        }
        fail("no attachment " + name);
        return null;
    }

    private static void assertNoSecret(MimeMessage m) throws Exception {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        m.writeTo(raw);
        String all = raw.toString(StandardCharsets.UTF_8);
        for (String secret : List.of(GreenMailTestResource.SMTP_PASSWORD, TestParties.OPERATOR_PW, TestParties.pw(UDC))) {
            assertFalse(all.contains(secret), "a mail holds a password");
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    private static DocumentPosted doc(String fileId, String receiver, MailboxFileKind kind, String name, Long isa13,
                                      Instant at, byte[] content, List<ReportRef> reports) {
        return DocumentPosted.newBuilder().setFileId(fileId).setReceiverPartyId(receiver).setKind(kind).setFileName(name)
                .setInterchangeControlNumber(isa13).setCreatedAt(at).setSha256(energy.mdma.events.Sha256.hex(content))
                .setContent(ByteBuffer.wrap(content)).setReports(reports).build();
    }

    private static ReportRef ref(String account, String id) {
        boolean nov = id.equals("MR4");
        return ReportRef.newBuilder().setServiceAccount(account)
                .setPeriodStart(LocalDate.parse(nov ? "2026-11-01" : "2026-10-01"))
                .setPeriodEnd(LocalDate.parse(nov ? "2026-12-01" : "2026-11-01")).setReportId(id)
                .setPurpose(ReportPurpose.ORIGINAL).setMeterIds(List.of("M-" + account)).build();
    }
}
