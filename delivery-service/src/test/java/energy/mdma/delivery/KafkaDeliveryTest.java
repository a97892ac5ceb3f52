package energy.mdma.delivery;

import energy.mdma.delivery.archive.ArchiveIndex;
import energy.mdma.delivery.archive.Sample867;
import energy.mdma.delivery.kafka.MailboxProjection;
import energy.mdma.kafka.CompactedTopicReplay;
import energy.mdma.delivery.app.KafkaSupport;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.delivery.mailbox.InMemoryMailboxStore;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.StatusFilter;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxAction;
import energy.mdma.events.MailboxFileEvent;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.kafka.Topics;
import energy.mdma.party.auth.BcryptPasswordHasher;
import energy.mdma.party.auth.OperatorBootstrap;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.auth.PasswordPolicy;
import energy.mdma.party.kafka.PartyAvro;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.party.model.PartyEventSink;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static energy.mdma.delivery.TestLog.WAIT;
import static energy.mdma.delivery.TestLog.producer;
import static energy.mdma.delivery.TestLog.readAll;
import static energy.mdma.delivery.TestLog.send;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The delivery service on the real platform (in-process KRaft broker, schema registry, topics of
 * deploy/topics.csv): parties and documents are published to the log as ingest and edi-service do, everything
 * is then used over HTTPS, and the state is rebuilt from the log by a second, independent replay.
 */
@QuarkusTest
@TestProfile(KafkaDeliveryTest.KafkaOn.class)
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = MftTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class KafkaDeliveryTest {

    public static class KafkaOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdma.kafka.send-timeout", "20S");
        }
    }

    private static final String UDC = "KUDC";
    private static final String ESP1 = "KESP1";
    private static final String ESP2 = "KESP2";

    @TestHTTPResource(value = "/", tls = true)
    URL base;

    @Test
    void theLogIsTheSourceOfTruth() throws Exception {
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        Instant t1 = Instant.parse("2026-03-01T12:00:00Z");
        Instant t2 = Instant.parse("2026-03-02T12:00:00Z");
        byte[] f1 = Sample867.interchange(1,
                Sample867.original(1, "KR1", "ACC1", "20260201", "20260301", "10"),
                Sample867.original(2, "KR2", "ACC1", "20260301", "20260401", "20"));
        byte[] f2 = Sample867.interchange(2,
                Sample867.cancellation(1, "KR3", "KR1", "ACC1"),
                Sample867.original(2, "KR4", "ACC1", "20260201", "20260301", "11.5"));
        byte[] summary = "service_account,meter_id\nACC1,M-ACC1\n".getBytes(StandardCharsets.UTF_8);
        byte[] espFile = Sample867.interchange(1, Sample867.original(1, "KR9", "ACC1", "20260201", "20260301", "10"));
        DocumentPosted d1 = doc(UDC + "-867-000000001", UDC, MailboxFileKind.EDI_867,
                "MDMA_867_KUDC_20260301120000_000000001.x12", 1L, t1, f1, List.of(
                        ref("ACC1", "2026-02-01", "2026-03-01", "KR1", ReportPurpose.ORIGINAL, null),
                        ref("ACC1", "2026-03-01", "2026-04-01", "KR2", ReportPurpose.ORIGINAL, null)));
        DocumentPosted d2 = doc(UDC + "-867-000000002", UDC, MailboxFileKind.EDI_867,
                "MDMA_867_KUDC_20260302120000_000000002.x12", 2L, t2, f2, List.of(
                        ref("ACC1", "2026-02-01", "2026-03-01", "KR3", ReportPurpose.CANCELLATION, "KR1"),
                        ref("ACC1", "2026-02-01", "2026-03-01", "KR4", ReportPurpose.ORIGINAL, null)));
        DocumentPosted d3 = doc(UDC + "-summary-1", UDC, MailboxFileKind.SUMMARY,
                "MDMA_SUMMARY_KUDC_20260302120000.csv", null, t2, summary, List.of());
        DocumentPosted d4 = doc(ESP1 + "-867-000000001", ESP1, MailboxFileKind.EDI_867,
                "MDMA_867_KESP1_20260301120000_000000001.x12", 1L, t1, espFile,
                List.of(ref("ACC1", "2026-02-01", "2026-03-01", "KR9", ReportPurpose.ORIGINAL, null)));

        try (KafkaProducer<String, Object> producer = producer(platform)) {
            for (String[] p : new String[][]{{UDC, "UDC"}, {ESP1, "ESP"}, {ESP2, "ESP"}}) {
                send(producer, Topics.PARTIES, p[0], PartyEvent.newBuilder().setPartyId(p[0])
                        .setRole(PartyRole.valueOf(p[1])).setName(p[0] + " name").setDuns("123456789")
                        .setChangedBy("ingest").setChangedAt(t1).build());
            }
            for (DocumentPosted d : List.of(d1, d2, d3, d4, d1)) { // d1 twice: idempotent by fileId
                send(producer, Topics.EDI_DOCUMENTS, d.getReceiverPartyId(), d);
            }
        }

        // the operator exists (MDMA_OPERATOR_PASSWORD of the test profile) once the log is replayed
        Poll.until("the service is ready and the operator can log in", WAIT,
                () -> TestParties.as(base, TestParties.OPERATOR).get("/api/v1/notices").statusCode() == 200);
        // the parties were only ever in the log (as ingest writes them): passwords are set here
        for (String party : List.of(UDC, ESP1, ESP2)) {
            TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                    .body("{\"password\":\"" + TestParties.pw(party) + "\"}")
                    .put("/api/v1/parties/" + party + "/password").then().statusCode(200);
        }

        // the UDC lists, downloads and acknowledges its files
        Poll.until("three files in the UDC's mailbox", WAIT, () -> listIds(UDC, "new").size() == 3);
        Response list = TestParties.as(base, UDC).get("/api/v1/mailboxes/" + UDC + "/files?status=new");
        List<Map<String, Object>> items = list.jsonPath().getList("items");
        assertEquals(List.of(d1.getFileName(), d2.getFileName(), d3.getFileName()),
                items.stream().map(i -> i.get("name")).toList(), "oldest first, the repeated posting once");
        Map<String, byte[]> expected = Map.of(d1.getFileName(), f1, d2.getFileName(), f2, d3.getFileName(), summary);
        for (Map<String, Object> item : items) {
            String id = (String) item.get("id");
            assertFalse(id.contains(UDC), "opaque ids");
            Response dl = TestParties.as(base, UDC).get("/api/v1/mailboxes/" + UDC + "/files/" + id);
            dl.then().statusCode(200);
            assertArrayEquals(expected.get((String) item.get("name")), dl.asByteArray());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dl.asByteArray())),
                    item.get("sha256"));
            TestParties.as(base, UDC).post("/api/v1/mailboxes/" + UDC + "/files/" + id + "/ack").then().statusCode(200);
        }
        assertTrue(listIds(UDC, "new").isEmpty());
        List<String> udcIds = listIds(UDC, "all");
        assertEquals(3, listIds(UDC, "retrieved").size());
        TestParties.as(base, UDC).get("/api/v1/mailboxes/" + UDC + "/summary").then().statusCode(200);
        assertArrayEquals(summary, TestParties.as(base, UDC).get("/api/v1/mailboxes/" + UDC + "/summary").asByteArray());

        // the ESP sees only its own file; the UDC's mailbox is 403, the UDC's file ids 404 in its own
        Poll.until("the ESP's file", WAIT, () -> listIds(ESP1, "all").size() == 1);
        TestParties.as(base, ESP1).get("/api/v1/mailboxes/" + UDC + "/files").then().statusCode(403);
        for (String id : udcIds) {
            TestParties.as(base, ESP1).get("/api/v1/mailboxes/" + ESP1 + "/files/" + id).then().statusCode(404);
        }
        TestParties.as(base, ESP1).get("/api/v1/mailboxes/" + ESP1 + "/files/" + d4.getFileId()).then().statusCode(404);
        TestParties.as(base, ESP2).get("/api/v1/mailboxes/" + ESP2 + "/files?status=all").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());

        // the archive: the current data of ACC1 (KR4 replaces the cancelled KR1, and KR2)
        Response archive = TestParties.as(base, UDC).get("/api/v1/archive/" + UDC + "/usage?account=ACC1&from=2026-02-01&to=2026-03-31");
        archive.then().statusCode(200);
        String x12 = archive.asString();
        assertTrue(x12.contains("BPT*00*KR4*") && x12.contains("BPT*00*KR2*") && !x12.contains("KR1"), x12);
        assertTrue(archive.header("Content-Disposition").contains("_900000001.x12"), archive.header("Content-Disposition"));
        TestParties.as(base, ESP1).get("/api/v1/archive/" + UDC + "/usage?account=ACC1&from=2026-02-01&to=2026-03-31")
                .then().statusCode(403);

        // notices: addressed to ESP1 only
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                .body("{\"kind\":\"OUTAGE\",\"title\":\"Maintenance\",\"text\":\"Down 02:00-03:00\",\"party\":\"" + ESP1 + "\"}")
                .post("/api/v1/notices").then().statusCode(201);
        TestParties.as(base, ESP1).get("/api/v1/notices").then().statusCode(200).body("items.title", hasItem("Maintenance"));
        TestParties.as(base, ESP2).get("/api/v1/notices").then().statusCode(200).body("items.title", not(hasItem("Maintenance")));

        // audit from the view over mdma.audit
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/audit?party=" + UDC + "&action=DOWNLOAD")
                .then().statusCode(200).body("items.actor", hasItem(UDC));

        // push: the UDC's files reach its MFT server after two 503s; the ESP has no endpoint
        Poll.until("the UDC's files pushed", WAIT, () -> MftTestResource.server.files().keySet()
                .containsAll(Set.of(d1.getFileName(), d2.getFileName(), d3.getFileName())));
        assertArrayEquals(f1, MftTestResource.server.files().get(d1.getFileName()));
        assertFalse(MftTestResource.server.files().containsKey(d4.getFileName()));

        // --- the log holds it all: read it back ---
        List<ConsumerRecord<String, Object>> mailboxEvents = readAll(platform, Topics.MAILBOX_EVENTS);
        Map<MailboxAction, Set<String>> byAction = mailboxEvents.stream().map(r -> (MailboxFileEvent) r.value())
                .collect(Collectors.groupingBy(MailboxFileEvent::getAction,
                        Collectors.mapping(MailboxFileEvent::getFileId, Collectors.toSet())));
        assertEquals(Set.of(d1.getFileId(), d2.getFileId(), d3.getFileId(), d4.getFileId()), byAction.get(MailboxAction.POSTED));
        assertEquals(Set.of(d1.getFileId(), d2.getFileId(), d3.getFileId()), byAction.get(MailboxAction.ACKNOWLEDGED));
        Poll.until("PUSHED events", WAIT,
                () -> pushedIds(platform).containsAll(Set.of(d1.getFileId(), d2.getFileId(), d3.getFileId())));
        assertTrue(byAction.containsKey(MailboxAction.PUSH_FAILED), "the 503s are events too");
        long postedEvents = mailboxEvents.stream().filter(r -> ((MailboxFileEvent) r.value()).getAction() == MailboxAction.POSTED).count();
        assertEquals(4, postedEvents, "one POSTED per file");

        List<ConsumerRecord<String, Object>> credentials = readAll(platform, Topics.CREDENTIALS);
        Set<String> principals = credentials.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertTrue(principals.containsAll(Set.of(OperatorBootstrap.OPERATOR_ID, UDC, ESP1, ESP2)), principals.toString());
        List<ConsumerRecord<String, Object>> auditRecords = readAll(platform, Topics.AUDIT);
        String everything = credentials + " " + auditRecords + " " + readAll(platform, Topics.NOTICES);
        for (String party : List.of(UDC, ESP1, ESP2, TestParties.OPERATOR)) {
            assertFalse(everything.contains(TestParties.pw(party)), "no password in the log");
        }
        assertFalse(everything.contains(MftTestResource.SECRET), "no MFT secret in the log");
        assertTrue(auditRecords.stream().anyMatch(r -> r.value() instanceof energy.mdma.events.AuditEvent a
                && "ACK".equals(a.getAction()) && UDC.equals(a.getParty())));

        // --- restart-proof: an independent replay of the log gives the same mailboxes and the same parties ---
        PartyDirectoryView directory = new PartyDirectoryView();
        InMemoryMailboxStore store = new InMemoryMailboxStore(
                new FilesystemContentStore(Files.createTempDirectory("mdma-replay")), MailboxEventSink.NONE, Clock.systemUTC());
        MailboxProjection projection = new MailboxProjection(store, new FilesystemContentStore(Files.createTempDirectory("mdma-replay2")),
                new ArchiveIndex(), null, e -> fail("a replay before going live announces nothing"), Clock.systemUTC(),
                Period.parse("P3Y90D"), new ConcurrentHashMap<>());
        try (CompactedTopicReplay parties = KafkaSupport.replay("test-parties", platform.kafkaClientProperties(), platform.registryUrl(), "test",
                List.of(Topics.PARTIES, Topics.CREDENTIALS), r -> {
                    Instant at = Instant.ofEpochMilli(r.timestamp());
                    if (r.topic().equals(Topics.PARTIES)) {
                        PartyAvro.fromAvro(r.key(), (PartyEvent) r.value(), at).ifPresent(directory::apply);
                    } else {
                        PartyAvro.fromAvro(r.key(), (energy.mdma.events.CredentialEvent) r.value(), at,
                                directory.credential(r.key())).ifPresent(directory::apply);
                    }
                }).start();
             CompactedTopicReplay views = KafkaSupport.replay("test-views", platform.kafkaClientProperties(), platform.registryUrl(), "test",
                     List.of(Topics.EDI_DOCUMENTS, Topics.MAILBOX_EVENTS), projection::handle).start()) {
            assertTrue(parties.awaitCaughtUp(Duration.ofSeconds(60)));
            assertTrue(views.awaitCaughtUp(Duration.ofSeconds(60)));
        }
        List<MailboxFile> rebuilt = store.list(UDC, StatusFilter.ALL, null, 100, null).items();
        assertEquals(udcIds, rebuilt.stream().map(MailboxFile::id).toList(), "same ids, same order");
        assertTrue(rebuilt.stream().allMatch(MailboxFile::isRetrieved), "acknowledged files stay retrieved");
        assertEquals(UDC, rebuilt.get(0).retrievedBy());
        assertTrue(store.list(UDC, StatusFilter.NEW, null, 100, null).items().isEmpty());
        assertEquals(1, store.list(ESP1, StatusFilter.ALL, null, 100, null).items().size());
        // the operator's credential is in the log: a second start generates no new password
        PartyRegistry registry = new PartyRegistry(directory, PartyEventSink.NONE, new BcryptPasswordHasher(4),
                new PasswordPolicy(12), Clock.systemUTC());
        assertEquals(OperatorBootstrap.Result.ALREADY_SET,
                OperatorBootstrap.ensureOperator(registry, null, pw -> fail("generated again")));
        assertTrue(directory.credential(UDC).isPresent());
        assertEquals(Set.of(UDC, ESP1, ESP2, OperatorBootstrap.OPERATOR_ID),
                directory.parties().stream().map(energy.mdma.party.model.Party::id).collect(Collectors.toSet()));

        // failed logins lock the party and are written apart from its credential ({party}/lockout), which only a
        // password change raises: the record's version is untouched by logins
        long credentialVersion = directory.credential(ESP2).orElseThrow().version();
        for (int i = 0; i < 5; i++) {
            TestParties.as(base, ESP2, "a-wrong-guess-" + i).get("/api/v1/notices").then().statusCode(401);
        }
        Response locked = TestParties.as(base, ESP2).get("/api/v1/notices");
        assertEquals(401, locked.statusCode());
        assertEquals("Account locked", locked.jsonPath().getString("title"));
        List<ConsumerRecord<String, Object>> afterLogins = readAll(platform, Topics.CREDENTIALS);
        assertTrue(afterLogins.stream().anyMatch(r -> (ESP2 + "/lockout").equals(r.key())
                && "LOCKED_OUT".equals(((energy.mdma.events.CredentialEvent) r.value()).getChange())), "the lock is in the log");
        assertTrue(afterLogins.stream().filter(r -> ESP2.equals(r.key()))
                .allMatch(r -> ((energy.mdma.events.CredentialEvent) r.value()).getVersion() <= credentialVersion),
                "logins never raise the credential's version");
    }

    private Set<String> pushedIds(MdmaTestPlatform platform) {
        return readAll(platform, Topics.MAILBOX_EVENTS).stream().map(r -> (MailboxFileEvent) r.value())
                .filter(e -> e.getAction() == MailboxAction.PUSHED).map(MailboxFileEvent::getFileId).collect(Collectors.toSet());
    }

    private List<String> listIds(String party, String status) {
        Response r = TestParties.as(base, party).get("/api/v1/mailboxes/" + party + "/files?status=" + status);
        return r.statusCode() == 200 ? r.jsonPath().getList("items.id") : List.of();
    }

    private static DocumentPosted doc(String fileId, String receiver, MailboxFileKind kind, String name, Long isa13,
                                      Instant at, byte[] content, List<ReportRef> reports) throws Exception {
        return DocumentPosted.newBuilder().setFileId(fileId).setReceiverPartyId(receiver).setKind(kind).setFileName(name)
                .setInterchangeControlNumber(isa13).setCreatedAt(at)
                .setSha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                .setContent(ByteBuffer.wrap(content)).setReports(reports).build();
    }

    private static ReportRef ref(String account, String from, String to, String id, ReportPurpose purpose, String cancelled) {
        return ReportRef.newBuilder().setServiceAccount(account).setPeriodStart(LocalDate.parse(from))
                .setPeriodEnd(LocalDate.parse(to)).setReportId(id).setPurpose(purpose).setCancelledReportId(cancelled)
                .setMeterIds(List.of("M-" + account)).build();
    }
}
