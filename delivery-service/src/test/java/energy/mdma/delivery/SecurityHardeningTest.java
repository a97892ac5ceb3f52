package energy.mdma.delivery;

import energy.mdma.testsupport.RawHttps;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.model.Role;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.MailboxStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Attacks on the delivery API's authentication, through HTTPS: floods without or with malformed credentials, random
 * Basic credentials (bcrypt CPU), parallel password guesses, over-long and control-character fields in the audit,
 * and the HSTS header. Clients bind distinct 127.x source addresses where per-source limits matter.
 */
@QuarkusTest
@TestProfile(SecurityHardeningTest.Hardened.class)
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityHardeningTest {

    /**
     * Small limits (burst 40; the clock stands still, so nothing refills until the test moves it), a hasher that
     * counts, a lockout record and an audit trail that can be switched off.
     */
    public static class Hardened implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdma.rate-limit.per-second", "1",
                    "mdma.rate-limit.burst", "40",
                    "mdma.rate-limit.unauthenticated-per-second", "1",
                    "mdma.rate-limit.unauthenticated-burst", "40",
                    "quarkus.arc.selected-alternatives", String.join(",", TestClock.class.getName(),
                            CountingHasher.class.getName(), SwitchableLockoutSink.class.getName(),
                            SwitchableAuditSink.class.getName()));
        }
    }

    static final String ESP = "RACE-ESP";

    @TestHTTPResource(value = "/", tls = true)
    URL base;
    @Inject
    PartyRegistry registry;
    @Inject
    TestClock clock;
    @Inject
    CountingHasher hasher;
    @Inject
    SwitchableLockoutSink lockoutSink;
    @Inject
    SwitchableAuditSink auditSink;
    @Inject
    TestSeed seed;

    /** Every test starts with full buckets and no lock from an earlier one: an hour passes. */
    @BeforeEach
    void anHourLater() {
        seed.awaitReady();
        clock.advance(Duration.ofHours(1));
        lockoutSink.down = false;
        auditSink.durableDown = false;
    }

    static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static String files(String party) {
        return "/api/v1/mailboxes/" + party + "/files";
    }

    /** One request per source address 127.0.{net}.{1..n}, released together; the replies in order. */
    List<RawHttps.Reply> parallel(int net, List<Map<String, String>> headers, String path) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(headers.size());
        try {
            CyclicBarrier start = new CyclicBarrier(headers.size());
            List<Future<RawHttps.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < headers.size(); i++) {
                Map<String, String> h = headers.get(i);
                String source = "127.0." + net + "." + (i + 1);
                futures.add(pool.submit(() -> {
                    try (RawHttps c = new RawHttps(base, source)) {
                        c.get("/q/none", null); // connect and handshake before the start
                        start.await(30, TimeUnit.SECONDS);
                        return c.get(path, h);
                    }
                }));
            }
            List<RawHttps.Reply> out = new ArrayList<>();
            for (Future<RawHttps.Reply> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static String title(RawHttps.Reply r) {
        return r.body().isEmpty() ? "" : JsonPath.from(r.body()).getString("title");
    }

    @Test
    @Order(1)
    void parallelWrongGuessesThenTheRightOneStayLockedOut() throws Exception {
        seed.party(ESP, Role.ESP);
        List<Map<String, String>> guesses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            guesses.add(basic(ESP, "wrong-guess-number-" + i));
        }
        long checkedBefore = hasher.verifications.get();
        List<RawHttps.Reply> replies = parallel(1, guesses, files(ESP));
        Map<String, Integer> titles = new ConcurrentHashMap<>();
        for (RawHttps.Reply r : replies) {
            assertEquals(401, r.status(), r.body());
            titles.merge(title(r), 1, Integer::sum);
        }
        assertEquals(Map.of("Invalid credentials", 5, "Account locked", 25), titles,
                "five guesses checked, 25 refused unchecked");
        assertEquals(5, hasher.verifications.get() - checkedBefore, "bcrypt ran five times");

        Response right = TestParties.as(base, ESP).get(files(ESP));
        assertEquals(401, right.statusCode());
        assertEquals("Account locked", right.jsonPath().getString("title"));
        assertEquals("900", right.header("Retry-After"));
        clock.advance(Duration.ofMinutes(15));
        TestParties.as(base, ESP).get(files(ESP)).then().statusCode(200);
    }

    @Test
    @Order(2)
    void aCorrectPasswordRacingWrongOnesNeverClearsAnActiveLock() throws Exception {
        int lockedRounds = 0;
        for (int round = 0; round < 8; round++) {
            String party = "MIX-ESP" + round;
            clock.advance(Duration.ofHours(1));
            seed.party(party, Role.ESP);
            for (int i = 0; i < 4; i++) {
                TestParties.as(base, party, "first-guess-" + i).get(files(party)).then().statusCode(401);
            }
            List<Map<String, String>> attempts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                attempts.add(basic(party, "wrong-guess-number-" + i));
                attempts.add(basic(party, TestParties.pw(party)));
            }
            List<RawHttps.Reply> replies = parallel(10 + round, attempts, files(party));
            if (replies.stream().anyMatch(r -> "Account locked".equals(title(r)))) {
                lockedRounds++;
                Response after = TestParties.as(base, party).get(files(party));
                assertEquals(401, after.statusCode(), "round " + round + ": a correct password cleared an active lock");
                assertEquals("Account locked", after.jsonPath().getString("title"));
            }
        }
        assertTrue(lockedRounds > 0, "the attack locked the party in some round");
    }

    @Test
    @Order(3)
    void randomBasicCredentialsAreRateLimitedBeforeBcrypt() throws Exception {
        long checkedBefore = hasher.verifications.get();
        int limited = 0;
        try (RawHttps c = new RawHttps(base, "127.0.2.1")) {
            for (int i = 0; i < 300; i++) {
                RawHttps.Reply r = c.get(files("SOME-ESP"), basic("u" + UUID.randomUUID().toString().substring(0, 8),
                        UUID.randomUUID().toString()));
                assertTrue(r.status() == 401 || r.status() == 429, r.status() + " " + r.body());
                if (r.status() == 429) {
                    limited++;
                    assertNotNull(r.header("Retry-After"));
                }
            }
        }
        long checked = hasher.verifications.get() - checkedBefore;
        assertEquals(40, checked, "bcrypt ran for the address's burst only (40 of 300 random credentials)");
        assertEquals(260, limited, "the others answered 429 unchecked");
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    @Order(4)
    void anonymousAndMalformedFloodsAreLimitedBeforeTheyAreAuditedAndTheHeapStaysBounded() throws Exception {
        seed.party("FLOOD-UDC", Role.UDC);
        TestParties.as(base, "FLOOD-UDC").get(files("FLOOD-UDC")).then().statusCode(200);
        String longPath = files("x".repeat(3950));
        long before = usedHeapAfterGc();
        int perKind = 6000;
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            boolean malformed = t % 2 == 1;
            String source = malformed ? "127.0.3.2" : "127.0.3.1";
            work.add(pool.submit(() -> {
                try (RawHttps c = new RawHttps(base, source)) {
                    for (int i = 0; i < perKind / 4; i++) {
                        RawHttps.Reply r = c.get(longPath, malformed ? Map.of("Authorization", "Basic !!not-base64!!") : null);
                        answers.computeIfAbsent((malformed ? "malformed " : "anonymous ") + r.status(),
                                k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long grown = usedHeapAfterGc() - before;
        assertTrue(grown < 16L << 20, "the heap grew by " + (grown >> 20) + " MB after " + 2 * perKind
                + " requests with a 4,000-character path; answers " + answers);
        for (String kind : List.of("anonymous", "malformed")) {
            assertEquals(40, answers.getOrDefault(kind + " 401", new AtomicInteger()).get(),
                    kind + ": the address's burst is answered 401; " + answers);
            assertEquals(perKind - 40, answers.getOrDefault(kind + " 429", new AtomicInteger()).get(),
                    kind + ": the rest 429, before any audit; " + answers);
        }
        List<Map<String, Object>> audited = TestParties.as(base, TestParties.OPERATOR)
                .get("/api/v1/audit?action=LOGIN&limit=10000").then().statusCode(200).extract().jsonPath().getList("items");
        for (String source : List.of("127.0.3.1", "127.0.3.2")) {
            assertEquals(40, audited.stream().filter(e -> source.equals(e.get("source"))
                    && "UNAUTHENTICATED".equals(e.get("outcome"))).count(), "refusals audited from " + source);
            assertEquals(1, audited.stream().filter(e -> source.equals(e.get("source"))
                    && "DENIED".equals(e.get("outcome"))).count(), "the limit's start audited once from " + source);
        }
        TestParties.as(base, "FLOOD-UDC").get(files("FLOOD-UDC")).then().statusCode(200);
    }

    @Test
    @Order(5)
    void auditFieldsAreCappedAndFreeOfControlCharacters() throws Exception {
        String longUser = "U".repeat(300) + "\r\nforged: yes";
        try (RawHttps c = new RawHttps(base, "127.0.4.1")) {
            RawHttps.Reply r = c.get(files("AUD-ESP"), basic(longUser, "whatever-password"));
            assertEquals(401, r.status());
            assertEquals("Invalid credentials", title(r), "an impossible user name, refused without bcrypt");
            RawHttps.Reply huge = c.get(files("AUD-ESP"), basic("U".repeat(3000), "whatever-password"));
            assertEquals(401, huge.status());
            assertEquals("Malformed credentials", title(huge), "an Authorization header over 1,024 characters");
        }
        seed.party("AUD-ESP", Role.ESP);
        TestParties.as(base, "AUD-ESP").get(files("AUD-ESP") + "/" + "f".repeat(2000)).then().statusCode(404);
        List<Map<String, Object>> logins = TestParties.as(base, TestParties.OPERATOR)
                .get("/api/v1/audit?action=LOGIN&limit=10000").then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, Object> login = logins.stream().filter(e -> String.valueOf(e.get("actor")).startsWith("UUUU"))
                .findFirst().orElseThrow(() -> new AssertionError("the refused login is audited"));
        String actor = (String) login.get("actor");
        assertTrue(actor.length() <= 100, "actor of " + actor.length() + " characters");
        assertTrue(actor.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f), "no control characters: " + actor);
        List<Map<String, Object>> downloads = TestParties.as(base, TestParties.OPERATOR)
                .get("/api/v1/audit?action=DOWNLOAD&party=AUD-ESP").then().statusCode(200).extract().jsonPath().getList("items");
        assertFalse(downloads.isEmpty(), "the download attempt is audited");
        for (Map<String, Object> e : downloads) {
            assertTrue(String.valueOf(e.get("resource")).length() <= 100, "resource " + e.get("resource"));
        }
    }

    @Test
    @Order(6)
    void everyHttpsAnswerCarriesHsts() {
        for (Response r : List.of(TestParties.anonymous(base).get(files("AUD-ESP")),
                TestParties.as(base, "AUD-ESP").get(files("AUD-ESP")))) {
            String hsts = r.header("Strict-Transport-Security");
            assertNotNull(hsts, "HSTS on a " + r.statusCode());
            long maxAge = Long.parseLong(hsts.replaceAll(".*max-age=(\\d+).*", "$1"));
            assertTrue(maxAge >= 31_536_000L, hsts);
        }
    }

    @Test
    @Order(7)
    void aFailedLoginThatCannotBeRecordedRefusesTheLoginsOfThatParty() {
        String party = "DOWN-ESP";
        seed.party(party, Role.ESP);
        lockoutSink.down = true;
        Response wrong = TestParties.as(base, party, "a-wrong-guess-1").get(files(party));
        assertEquals(503, wrong.statusCode(), wrong.asString());
        assertEquals("Login cannot be checked now", wrong.jsonPath().getString("title"));
        assertNotNull(wrong.header("Retry-After"));
        long checked = hasher.verifications.get();
        Response right = TestParties.as(base, party).get(files(party));
        assertEquals(503, right.statusCode(), "not even the right password while a failure is unrecorded");
        assertEquals(checked, hasher.verifications.get(), "and it was not checked");
        lockoutSink.down = false;
        TestParties.as(base, party).get(files(party)).then().statusCode(200);
    }

    @Test
    @Order(8)
    void fileContentsLeaveOnlyOnceTheirDownloadIsInTheAuditTrail() {
        String party = "DUR-UDC";
        seed.party(party, Role.UDC);
        MailboxFile f = seed.post867(party, "durable");
        auditSink.durableDown = true;
        Response refused = TestParties.as(base, party).get(files(party) + "/" + f.id());
        assertEquals(503, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("Audit trail unavailable", refused.jsonPath().getString("title"));
        assertFalse(refused.asString().contains("ISA*"), "no file bytes");
        auditSink.durableDown = false;
        Response served = TestParties.as(base, party).get(files(party) + "/" + f.id());
        assertEquals(200, served.statusCode());
        assertTrue(served.asString().startsWith("ISA*"));
        List<Map<String, Object>> downloads = TestParties.as(base, TestParties.OPERATOR)
                .get("/api/v1/audit?action=DOWNLOAD&party=" + party).then().statusCode(200).extract().jsonPath()
                .getList("items");
        assertEquals(1, downloads.stream().filter(e -> "SUCCESS".equals(e.get("outcome"))).count(),
                "one successful download, the one that was served");
    }
}
