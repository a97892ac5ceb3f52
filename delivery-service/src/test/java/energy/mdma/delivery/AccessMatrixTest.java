package energy.mdma.delivery;

import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.model.Role;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every role against its own and other parties' mailbox list, download, ack, summary and archive; plus
 * unauthenticated and wrong-password requests.
 */
@QuarkusTest
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class AccessMatrixTest {

    static final String UDC = "MX-UDC";
    static final String ESP = "MX-ESP1";
    static final String ESP2 = "MX-ESP2";
    static final String HEADEND = "MX-HEAD";
    static final List<String> MAILBOXES = List.of(UDC, ESP, ESP2);
    static final Map<String, MailboxFile> FILES = new HashMap<>();

    @TestHTTPResource(value = "/", tls = true)
    URL base;
    @Inject
    TestSeed seed;
    @Inject
    MailboxStore store;

    @BeforeEach
    void setUp() {
        synchronized (FILES) {
            if (!FILES.isEmpty()) {
                return;
            }
            seed.awaitReady();
            seed.party(UDC, Role.UDC);
            seed.party(ESP, Role.ESP);
            seed.party(ESP2, Role.ESP);
            seed.party(HEADEND, Role.HEADEND);
            for (String party : MAILBOXES) {
                FILES.put(party, seed.post867(party, "1"));
                seed.postSummary(party);
            }
            // a file the archive index names but whose report is not in it (the archive cannot serve it: 501)
            seed.post(new TestSeed.Doc(UDC, "MDMA_867_" + UDC + "_20260301120000_down.x12",
                    energy.mdma.delivery.mailbox.DocumentKind.EDI_867,
                    energy.mdma.delivery.archive.Sample867.interchange(1, energy.mdma.delivery.archive.Sample867.original(
                            1, "MX-OTHER-REPORT", "DOWN", "20260101", "20260201", "1")),
                    List.of(energy.mdma.events.ReportRef.newBuilder().setServiceAccount("DOWN")
                            .setPeriodStart(java.time.LocalDate.parse("2026-01-01"))
                            .setPeriodEnd(java.time.LocalDate.parse("2026-02-01")).setReportId("MX-DOWN-REPORT")
                            .setPurpose(energy.mdma.events.ReportPurpose.ORIGINAL).setCancelledReportId(null)
                            .setMeterIds(List.of("M-DOWN")).build())));
        }
    }

    enum Op { LIST, DOWNLOAD, ACK, SUMMARY, ARCHIVE }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (String caller : List.of(TestParties.OPERATOR, UDC, ESP, ESP2, HEADEND)) {
            for (String target : List.of(UDC, ESP, ESP2, HEADEND)) {
                for (Op op : Op.values()) {
                    boolean allowed;
                    if (target.equals(HEADEND)) {
                        allowed = false; // no mailbox: operators get 404, the head-end itself 403, others 403
                    } else {
                        allowed = caller.equals(TestParties.OPERATOR) || caller.equals(target);
                    }
                    cases.add(Arguments.of(caller, target, op, allowed));
                }
            }
        }
        return cases.stream();
    }

    private Response call(RequestSpecification spec, String target, Op op) {
        MailboxFile f = FILES.get(target);
        String fileId = f == null ? "00000000000-doesnotexist0000" : f.id();
        return switch (op) {
            case LIST -> spec.get("/api/v1/mailboxes/" + target + "/files?status=all");
            case DOWNLOAD -> spec.get("/api/v1/mailboxes/" + target + "/files/" + fileId);
            case ACK -> spec.post("/api/v1/mailboxes/" + target + "/files/" + fileId + "/ack");
            case SUMMARY -> spec.get("/api/v1/mailboxes/" + target + "/summary");
            case ARCHIVE -> spec.get("/api/v1/archive/" + target + "/usage?account=ACC-" + target + "&from=2026-01-01&to=2026-01-31");
        };
    }

    @ParameterizedTest(name = "{0} -> {1} {2}: allowed={3}")
    @MethodSource("matrix")
    void accessMatrix(String caller, String target, Op op, boolean allowed) {
        Response r = call(TestParties.as(base, caller), target, op);
        if (allowed) {
            assertEquals(200, r.statusCode(), r.asString());
            if (op == Op.LIST) {
                List<String> ids = r.jsonPath().getList("items.id");
                assertTrue(ids.contains(FILES.get(target).id()));
            }
        } else {
            int expected = caller.equals(TestParties.OPERATOR) && target.equals(HEADEND) ? 404 : 403;
            assertEquals(expected, r.statusCode(), r.asString());
            assertEquals("application/problem+json", r.contentType());
            // nothing of another mailbox leaks (ids the caller sent itself may be echoed in the problem)
            assertFalse(r.asString().contains(FILES.get(target == null || FILES.get(target) == null ? UDC : target).name()), "no file name leaks");
            assertFalse(r.asString().contains("ISA*"), "no content leaks");
        }
    }

    @ParameterizedTest(name = "anonymous {1}")
    @MethodSource("everyEndpoint")
    void unauthenticatedGets401WithChallenge(String target, Op op) {
        Response r = call(TestParties.anonymous(base), target, op);
        assertEquals(401, r.statusCode());
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic realm="));
        assertEquals("application/problem+json", r.contentType());
        assertEquals(401, r.jsonPath().getInt("status"));
    }

    @ParameterizedTest(name = "wrong password {1}")
    @MethodSource("everyEndpoint")
    void wrongPasswordGets401(String target, Op op) {
        Response r = call(TestParties.as(base, TestParties.OPERATOR, "not-the-operator-password"), target, op);
        assertEquals(401, r.statusCode());
        assertTrue(r.header("WWW-Authenticate").startsWith("Basic"));
        // reset the failure count so that the operator is never locked out by this test
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/notices").then().statusCode(200);
    }

    static Stream<Arguments> everyEndpoint() {
        return Stream.of(Op.values()).map(op -> Arguments.of(UDC, op));
    }

    @Test
    void anEspSeesOnlyItsOwnFiles() {
        seed.post867(ESP, "own-2");
        seed.post867(ESP2, "other-2");
        seed.post867(UDC, "udc-2");
        List<Map<String, Object>> items = TestParties.as(base, ESP).get("/api/v1/mailboxes/" + ESP + "/files?status=all&limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertFalse(items.isEmpty());
        Set<String> espIds = new java.util.HashSet<>();
        store.list(ESP, energy.mdma.delivery.mailbox.StatusFilter.ALL, null, 10_000, null).items().forEach(f -> espIds.add(f.id()));
        for (Map<String, Object> it : items) {
            assertTrue(espIds.contains((String) it.get("id")), "foreign file " + it);
            assertTrue(((String) it.get("name")).contains("_" + ESP + "_"), it.toString());
        }
    }

    @Test
    void aFileIdOfAnotherMailboxIs404InOwnMailbox() {
        String udcFile = FILES.get(UDC).id();
        TestParties.as(base, ESP).get("/api/v1/mailboxes/" + ESP + "/files/" + udcFile)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("GET /api/v1/mailboxes/" + ESP + "/files"));
        TestParties.as(base, ESP).post("/api/v1/mailboxes/" + ESP + "/files/" + udcFile + "/ack").then().statusCode(404);
        // the UDC's file was not acknowledged by that
        assertFalse(ESP.equals(store.get(UDC, udcFile).orElseThrow().retrievedBy()));
    }

    @Test
    void guessedFileIdsAre404() {
        MailboxFile own = FILES.get(ESP);
        String id = own.id();
        String[] guesses = {
                id.substring(0, id.length() - 1) + (id.endsWith("a") ? "b" : "a"),
                "1", "00000000000-0000000000000000", id.toUpperCase(), id + "0",
                FILES.get(ESP2).id()
        };
        for (String g : guesses) {
            TestParties.as(base, ESP).get("/api/v1/mailboxes/" + ESP + "/files/" + g)
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void pathTraversalNeverReachesAnotherMailbox() {
        String udcFile = FILES.get(UDC).id();
        String[] paths = {
                "/api/v1/mailboxes/" + ESP + "/../" + UDC + "/files?status=all",
                "/api/v1/mailboxes/" + ESP + "/%2e%2e/" + UDC + "/files?status=all",
                "/api/v1/mailboxes/%2e%2e/" + UDC + "/files?status=all",
                "/api/v1/mailboxes/" + ESP + "/files/..%2F..%2F" + UDC + "%2Ffiles%2F" + udcFile,
                "/api/v1/mailboxes/" + ESP + "/files/%2e%2e%2f%2e%2e%2f" + UDC + "%2ffiles%2f" + udcFile,
                "/api/v1/mailboxes/" + ESP + "/files/%2e%2e/%2e%2e/" + UDC + "/files/" + udcFile,
                "/api/v1/mailboxes/..%2F" + UDC + "/files?status=all",
                "/api/v1/archive/" + ESP + "%2F..%2F" + UDC + "/usage?account=ACC-" + UDC + "&from=2026-01-01&to=2026-01-02",
        };
        for (String p : paths) {
            Response r = TestParties.as(base, ESP).urlEncodingEnabled(false).get(p);
            assertTrue(Set.of(400, 403, 404).contains(r.statusCode()), p + " -> " + r.statusCode() + " " + r.asString());
            assertFalse(r.asString().contains(FILES.get(UDC).name()), p + " leaked " + r.asString());
            assertFalse(r.asString().contains("ISA*"), p + " leaked " + r.asString());
            assertFalse(r.asString().contains("ACC-" + UDC + "*"), p);
        }
    }

    @Test
    void archiveAnswersForOwnAccountOnly() {
        TestParties.as(base, UDC).get("/api/v1/archive/" + UDC + "/usage?account=ACC-" + UDC + "&from=2026-01-01&to=2026-01-31")
                .then().statusCode(200).header("X-Checksum-SHA256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body(startsWith("ISA*"));
        TestParties.as(base, UDC).get("/api/v1/archive/" + UDC + "/usage?account=ACC-OTHER&from=2026-01-01&to=2026-01-31")
                .then().statusCode(404).contentType("application/problem+json");
        TestParties.as(base, UDC).get("/api/v1/archive/" + UDC + "/usage?account=DOWN&from=2026-01-01&to=2026-01-31")
                .then().statusCode(501).contentType("application/problem+json").body("title", equalTo("Archive not available"));
        TestParties.as(base, UDC).get("/api/v1/archive/" + UDC + "/usage?account=ACC-" + UDC + "&from=2026-02-01&to=2026-01-31")
                .then().statusCode(400).body("detail", containsString("before"));
    }
}
