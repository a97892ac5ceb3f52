package energy.mdma.delivery;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.mailbox.DocumentKind;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.model.Role;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.*;

@QuarkusTest
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class MailboxApiTest {

    @TestHTTPResource(value = "/", tls = true)
    URL base;
    @TestHTTPResource(value = "/", management = true)
    URL management;
    @Inject
    TestSeed seed;
    @Inject
    MailboxStore store;

    @BeforeEach
    void ready() {
        seed.awaitReady();
    }

    @Test
    void listingShapeDownloadHeadersAndIdempotentAck() throws Exception {
        seed.party("API-UDC", Role.UDC);
        MailboxFile f = seed.post867("API-UDC", "dl");
        Response list = TestParties.as(base, "API-UDC").get("/api/v1/mailboxes/API-UDC/files");
        list.then().statusCode(200).contentType("application/json")
                .body("items.id", hasItem(f.id()))
                .body("nextCursor", nullValue())
                .body("items[0].name", equalTo(f.name()))
                .body("items[0].kind", equalTo("EDI_867"))
                .body("items[0].size", equalTo((int) f.size()))
                .body("items[0].sha256", equalTo(f.sha256()))
                .body("items[0].postedAt", notNullValue())
                .body("items[0].retrievedAt", nullValue());
        assertTrue(list.asString().contains("\"retrievedAt\":null"), "retrievedAt present as null");

        Response dl = TestParties.as(base, "API-UDC").get("/api/v1/mailboxes/API-UDC/files/" + f.id());
        dl.then().statusCode(200);
        byte[] body = dl.asByteArray();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        assertEquals(f.sha256(), sha);
        // an 867 is kept as the Zstandard frames edi posted it as (TestSeed posts as edi does): served as the file
        assertEquals(f.size(), body.length, "the file's size, not the frame's");
        assertEquals(String.valueOf(body.length), dl.header("Content-Length"));
        assertTrue(new String(body, java.nio.charset.StandardCharsets.US_ASCII).startsWith("ISA"), "the file's bytes");
        assertEquals(sha, dl.header("X-Checksum-SHA256"));
        assertEquals("\"" + sha + "\"", dl.header("ETag"));
        assertEquals("sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)), dl.header("Digest"));
        assertEquals("attachment; filename=\"" + f.name() + "\"", dl.header("Content-Disposition"));
        assertTrue(dl.contentType().startsWith("application/edi-x12"));
        TestParties.as(base, "API-UDC").header("If-None-Match", "\"" + sha + "\"")
                .get("/api/v1/mailboxes/API-UDC/files/" + f.id()).then().statusCode(304);

        Response ack1 = TestParties.as(base, "API-UDC").post("/api/v1/mailboxes/API-UDC/files/" + f.id() + "/ack");
        ack1.then().statusCode(200).body("alreadyRetrieved", equalTo(false)).body("retrievedBy", equalTo("API-UDC"));
        Response ack2 = TestParties.as(base, "API-UDC").post("/api/v1/mailboxes/API-UDC/files/" + f.id() + "/ack");
        ack2.then().statusCode(200).body("alreadyRetrieved", equalTo(true));
        assertEquals(ack1.jsonPath().getString("retrievedAt"), ack2.jsonPath().getString("retrievedAt"));

        TestParties.as(base, "API-UDC").get("/api/v1/mailboxes/API-UDC/files?status=new")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.not(hasItem(f.id())));
        TestParties.as(base, "API-UDC").get("/api/v1/mailboxes/API-UDC/files?status=retrieved")
                .then().statusCode(200).body("items.id", hasItem(f.id()))
                .body("items[0].retrievedAt", notNullValue());
    }

    @Test
    void cursorPaginationOver1200FilesIsStableWhilePostingAndAcking() {
        String party = "BIG-UDC";
        seed.party(party, Role.UDC);
        List<TestSeed.Doc> docs = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            docs.add(TestSeed.doc867(party, "n" + i));
        }
        List<String> original = new ArrayList<>(seed.postAll(docs).stream().map(MailboxFile::id).toList());
        for (String status : List.of("all", "new")) {
            List<String> seen = new ArrayList<>();
            List<String> postedDuring = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                String q = "/api/v1/mailboxes/" + party + "/files?status=" + status + "&limit=100"
                        + (cursor == null ? "" : "&cursor=" + cursor);
                Response r = TestParties.as(base, party).get(q);
                assertEquals(200, r.statusCode(), r.asString());
                seen.addAll(r.jsonPath().getList("items.id"));
                cursor = r.jsonPath().getString("nextCursor");
                pages++;
                postedDuring.add(seed.post867(party, status + "-during-" + pages).id());
                if (status.equals("new") && pages == 3) {
                    // acknowledge a file not listed yet, and one already listed: neither shifts the pages
                    store.ack(party, original.get(1100), "test");
                    store.ack(party, original.get(5), "test");
                }
            } while (cursor != null && pages < 100);
            assertEquals(seen.size(), new LinkedHashSet<>(seen).size(), "no duplicates (" + status + ")");
            Set<String> seenSet = new HashSet<>(seen);
            for (int i = 0; i < original.size(); i++) {
                if (status.equals("new") && (i == 1100 || i == 5)) {
                    continue;
                }
                assertTrue(seenSet.contains(original.get(i)), status + ": missing file " + i);
            }
            if (status.equals("new")) {
                assertFalse(seenSet.contains(original.get(1100)), "acked before its page: not new any more");
                assertTrue(seenSet.contains(original.get(5)), "listed before it was acked");
            }
            // files posted while paging sort after everything and are picked up by the last pages
            assertTrue(seenSet.containsAll(postedDuring.subList(0, postedDuring.size() - 1)));
            assertTrue(pages >= 12, "pages " + pages);
        }
        TestParties.as(base, party).get("/api/v1/mailboxes/" + party + "/files?cursor=bm90LWEtY3Vyc29y")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("nextCursor"));
        TestParties.as(base, party).get("/api/v1/mailboxes/" + party + "/files?limit=0").then().statusCode(400);
        TestParties.as(base, party).get("/api/v1/mailboxes/" + party + "/files?limit=100000").then().statusCode(400);
        TestParties.as(base, party).get("/api/v1/mailboxes/" + party + "/files?status=old").then().statusCode(400);
        TestParties.as(base, party).get("/api/v1/mailboxes/" + party + "/files?since=yesterday").then().statusCode(400);
        TestParties.as(base, party).get("/api/v1/mailboxes/" + party + "/files?since=2000-01-01&limit=5&status=all")
                .then().statusCode(200).body("items.size()", equalTo(5)).body("nextCursor", notNullValue());
        TestParties.as(base, party).get("/api/v1/mailboxes/" + party + "/files?since=2999-01-01T00:00:00Z&status=all")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void summaryIsTheNewestPostedOne() {
        seed.party("SUM-UDC", Role.UDC);
        TestParties.as(base, "SUM-UDC").get("/api/v1/mailboxes/SUM-UDC/summary")
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("Retry later"));
        seed.postSummary("SUM-UDC");
        seed.post("SUM-UDC", "MDMA_SUMMARY_SUM-UDC_20260302120000.csv", DocumentKind.SUMMARY,
                "service_account\nNEWEST\n".getBytes(StandardCharsets.UTF_8));
        TestParties.as(base, "SUM-UDC").get("/api/v1/mailboxes/SUM-UDC/summary")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("MDMA_SUMMARY_SUM-UDC_20260302120000.csv"))
                .body(equalTo("service_account\nNEWEST\n"));
    }

    /** A summary in parts is served as their union; periodFrom/periodTo filter its rows; bad values are 400. */
    @Test
    void summaryInPartsAndItsFilters() {
        seed.party("SUMP-UDC", Role.UDC);
        String header = "service_account,meter_id,channel,uom,period_start,period_end,intervals_expected,intervals_actual,"
                + "intervals_estimated,total,register_start,register_end,failure_points\n";
        String r1 = "A1,M1,1,KWH,2026-01-01,2026-02-01,,,,1,,,\n";
        String r2 = "\"B,2\",M2,1,KWH,2026-02-01,2026-03-01,,,,2,,,\n";
        seed.post("SUMP-UDC", "MDMA_SUMMARY_SUMP-UDC_20260302120000_1.csv", DocumentKind.SUMMARY,
                (header + r1).getBytes(StandardCharsets.UTF_8));
        seed.post("SUMP-UDC", "MDMA_SUMMARY_SUMP-UDC_20260302120000_2.csv", DocumentKind.SUMMARY,
                (header + r2).getBytes(StandardCharsets.UTF_8));
        String path = "/api/v1/mailboxes/SUMP-UDC/summary";
        TestParties.as(base, "SUMP-UDC").get(path).then().statusCode(200)
                .header("Content-Disposition", containsString("MDMA_SUMMARY_SUMP-UDC_20260302120000.csv"))
                .header("ETag", equalTo("\"" + energy.mdma.events.Sha256.hex((header + r1 + r2).getBytes(StandardCharsets.UTF_8)) + "\""))
                .body(equalTo(header + r1 + r2));
        TestParties.as(base, "SUMP-UDC").get(path + "?periodFrom=2026-02-02").then().statusCode(200).body(equalTo(header + r2));
        TestParties.as(base, "SUMP-UDC").get(path + "?periodTo=2026-01-31").then().statusCode(200).body(equalTo(header + r1));
        TestParties.as(base, "SUMP-UDC").get(path + "?periodFrom=2026-02-01&periodTo=2026-02-01").then().statusCode(200)
                .body(equalTo(header + r1 + r2));
        TestParties.as(base, "SUMP-UDC").get(path + "?periodFrom=02/01/2026").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("periodFrom must be a date"));
        TestParties.as(base, "SUMP-UDC").get(path + "?periodFrom=2026-03-01&periodTo=2026-02-01").then().statusCode(400)
                .body("detail", containsString("after periodTo"));
        TestParties.as(base, "SUMP-UDC").get(path + "?changedSince=2026-03-01T00:00:00Z").then().statusCode(501)
                .body("detail", containsString("periodFrom and periodTo"));
    }

    @Test
    void problemDetailsEverywhere() {
        for (String path : List.of("/nothing-here", "/api/v1/nope", "/api/v2/mailboxes/x/files")) {
            Response r = TestParties.as(base, TestParties.OPERATOR).get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("application/problem+json", r.contentType(), path);
            Map<String, Object> p = r.jsonPath().getMap("");
            assertEquals(404, p.get("status"));
            assertTrue(((String) p.get("type")).startsWith("urn:mdma:problem:"));
            assertNotNull(p.get("title"));
            assertTrue(((String) p.get("detail")).contains("/api/v1"), p.toString());
            assertEquals(path, p.get("instance"));
        }
        Response r = TestParties.anonymous(base).get("/api/v1/mailboxes/X/files");
        assertEquals(401, r.statusCode());
        assertEquals("application/problem+json", r.contentType());
        assertTrue(r.jsonPath().getString("detail").contains("HTTP Basic"));
        TestParties.as(base, TestParties.OPERATOR).delete("/api/v1/notices")
                .then().statusCode(405).contentType("application/problem+json");
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json").body("{not json")
                .put("/api/v1/parties/operator/password").then().statusCode(400).contentType("application/problem+json");
        // request body size limit (64K). The server may answer 413 and close while the client is still writing
        // the body (broken pipe on a loaded machine): try a few times, a 413 must come back at least once
        Integer status = null;
        for (int attempt = 0; attempt < 5 && status == null; attempt++) {
            try {
                status = TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                        .body("{\"password\":\"" + "x".repeat(200_000) + "\"}").put("/api/v1/parties/operator/password")
                        .statusCode();
            } catch (Exception e) { // RestAssured rethrows the socket's IOException undeclared
                if (!(e instanceof java.io.IOException) && !(e.getCause() instanceof java.io.IOException)) {
                    throw new AssertionError(e);
                }
            }
        }
        assertEquals(413, status);
    }

    @Test
    void lockoutAfterFiveFailuresIs401WithRetryAfter() {
        seed.party("LOCK-ESP", Role.ESP);
        for (int i = 0; i < 5; i++) {
            TestParties.as(base, "LOCK-ESP", "wrong-password-" + i).get("/api/v1/mailboxes/LOCK-ESP/files")
                    .then().statusCode(401).body("title", equalTo("Invalid credentials"));
        }
        Response locked = TestParties.as(base, "LOCK-ESP").get("/api/v1/mailboxes/LOCK-ESP/files");
        assertEquals(401, locked.statusCode());
        assertEquals("Account locked", locked.jsonPath().getString("title"));
        assertNotNull(locked.jsonPath().getString("lockedUntil"));
        long retry = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retry > 800 && retry <= 900, "about 15 minutes: " + retry);
        assertNotNull(locked.header("WWW-Authenticate"));
        // an operator setting a new password unlocks
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                .body("{\"password\":\"" + TestParties.pw("LOCK-ESP") + "\"}")
                .put("/api/v1/parties/LOCK-ESP/password").then().statusCode(200);
        TestParties.as(base, "LOCK-ESP").get("/api/v1/mailboxes/LOCK-ESP/files").then().statusCode(200);
        // the attempts are audited, without the password
        Response audit = TestParties.as(base, TestParties.OPERATOR).get("/api/v1/audit?actor=LOCK-ESP&action=LOGIN");
        audit.then().statusCode(200).body("items.detail", hasItem("BAD_PASSWORD")).body("items.detail", hasItem("LOCKED"))
                .body("items.source", hasItem(notNullValue()));
        assertFalse(audit.asString().contains("wrong-password-"));
        assertFalse(audit.asString().contains(TestParties.pw("LOCK-ESP")));
    }

    @Test
    void passwordChanges() {
        seed.party("PW-ESP1", Role.ESP);
        seed.party("PW-ESP2", Role.ESP);
        String body = "{\"password\":\"A-new-password-for-test\"}";
        TestParties.as(base, "PW-ESP1").contentType("application/json").body(body).put("/api/v1/parties/PW-ESP2/password")
                .then().statusCode(403).contentType("application/problem+json");
        TestParties.as(base, "PW-ESP1").contentType("application/json").body(body).put("/api/v1/parties/PW-ESP1/password")
                .then().statusCode(200).body("passwordSetAt", notNullValue());
        TestParties.as(base, "PW-ESP1", "A-new-password-for-test").get("/api/v1/mailboxes/PW-ESP1/files").then().statusCode(200);
        TestParties.as(base, "PW-ESP1").get("/api/v1/mailboxes/PW-ESP1/files").then().statusCode(401);
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json").body("{\"password\":\"short\"}")
                .put("/api/v1/parties/PW-ESP2/password").then().statusCode(422).body("detail", containsString("at least 12"));
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json").body(body)
                .put("/api/v1/parties/NO-SUCH-PARTY/password").then().statusCode(404).contentType("application/problem+json");
        Response audit = TestParties.as(base, TestParties.OPERATOR).get("/api/v1/audit?action=PASSWORD_CHANGE");
        audit.then().statusCode(200).body("items.party", hasItem("PW-ESP1"));
        assertFalse(audit.asString().contains("A-new-password-for-test"));
        assertFalse(audit.asString().contains("short\""));
    }

    @Test
    void operatorCreatesPartiesOthersCannot() {
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                .body("{\"role\":\"ESP\",\"name\":\"New ESP\",\"duns\":\"123456789\"}")
                .put("/api/v1/parties/NEW-ESP").then().statusCode(200).body("role", equalTo("ESP"));
        seed.party("PARTY-UDC", Role.UDC);
        TestParties.as(base, "PARTY-UDC").contentType("application/json").body("{\"role\":\"OPERATOR\"}")
                .put("/api/v1/parties/PARTY-UDC").then().statusCode(403);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithAProblemThatNamesTheLimit() {
        String big = "{\"password\":\"" + "a".repeat(70_000) + "\"}";
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json").body(big)
                .put("/api/v1/parties/NEW-ESP/password").then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", org.hamcrest.Matchers.containsString("at most 65536 bytes"));
        // a body within the limit is not affected: it reaches the endpoint (here: refused as a bad password)
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json").body("{\"password\":\"x\"}")
                .put("/api/v1/parties/NEW-ESP/password").then().statusCode(org.hamcrest.Matchers.not(413));
    }

    @Test
    void noticesAndAudit() {
        seed.party("N-ESP", Role.ESP);
        String notice = "{\"kind\":\"OUTAGE\",\"title\":\"Maintenance\",\"text\":\"Down 02:00-03:00 UTC\"}";
        TestParties.as(base, "N-ESP").contentType("application/json").body(notice).post("/api/v1/notices")
                .then().statusCode(403).contentType("application/problem+json");
        String id = TestParties.as(base, TestParties.OPERATOR).contentType("application/json").body(notice).post("/api/v1/notices")
                .then().statusCode(201).body("postedBy", equalTo("operator")).extract().jsonPath().getString("id");
        TestParties.as(base, "N-ESP").get("/api/v1/notices").then().statusCode(200).body("items.id", hasItem(id));
        TestParties.as(base, "N-ESP").get("/api/v1/audit").then().statusCode(403);

        // operator reads are audited like any other
        seed.party("AUD-UDC", Role.UDC);
        MailboxFile f = seed.post867("AUD-UDC", "a");
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/mailboxes/AUD-UDC/files/" + f.id()).then().statusCode(200);
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/audit?party=AUD-UDC&action=" + AuditAction.DOWNLOAD)
                .then().statusCode(200)
                .body("items[0].actor", equalTo("operator"))
                .body("items[0].role", equalTo("OPERATOR"))
                .body("items[0].resource", equalTo(f.id()))
                .body("items[0].outcome", equalTo("SUCCESS"))
                .body("items[0].source", notNullValue())
                .body("items[0].at", notNullValue());
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/audit?from=2999-01-01T00:00:00Z").then().statusCode(200)
                .body("items.size()", equalTo(0));
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/audit?action=NOPE").then().statusCode(400);
    }

    @Test
    void healthOpenApiAndMetricsOnTheManagementInterface() {
        String m = management.toString().replaceAll("/$", "").replaceAll("/q$", "");
        Response ready = RestAssured.given().get(m + "/q/health/ready");
        assertEquals(200, ready.statusCode(), management + " " + ready.asString());
        assertTrue(ready.asString().contains("\"clock\""), ready.asString());
        assertTrue(ready.asString().contains("\"unknown\""), "unreachable NTP reported: " + ready.asString());
        String openapi = RestAssured.given().get(m + "/q/openapi").then().statusCode(200).extract().asString();
        for (String p : List.of("/api/v1/mailboxes/{party}/files:", "/api/v1/mailboxes/{party}/files/{id}:",
                "/api/v1/mailboxes/{party}/files/{id}/ack:", "/api/v1/mailboxes/{party}/summary:",
                "/api/v1/archive/{party}/usage:", "/api/v1/notices:", "/api/v1/audit:", "/api/v1/parties/{party}/password:")) {
            assertTrue(openapi.contains(p), p);
        }
        RestAssured.given().get(m + "/q/metrics").then().statusCode(200);
    }

    @Test
    void operatorPasswordComesFromConfigurationAtFirstStart() {
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/notices").then().statusCode(200);
    }
}
