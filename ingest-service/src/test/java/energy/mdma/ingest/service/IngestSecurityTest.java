package energy.mdma.ingest.service;

import energy.mdma.testsupport.RawHttps;
import energy.mdma.events.AuditEvent;
import energy.mdma.events.CredentialEvent;
import energy.mdma.events.CredentialKind;
import energy.mdma.events.PartyRole;
import energy.mdma.events.kafka.Topics;
import energy.mdma.party.auth.BcryptPasswordHasher;
import energy.mdma.testsupport.MdmaPlatformTestResource;
import energy.mdma.testsupport.Poll;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Attacks on the ingest API's authentication and what it audits, over HTTPS on the test platform: a password reset by
 * the credential's owner (delivery) after failed logins here, random credentials from one address, log injection
 * through the user name, the audit of logins, uploads and raw-file downloads, HSTS.
 */
@QuarkusTest
@TestProfile(IngestSecurityTest.Limited.class)
@WithTestResource(value = MdmaPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestHome.class, scope = TestResourceScope.GLOBAL)
class IngestSecurityTest {

    /** Small limits for unproven requests: a burst of 20 per address, one every two seconds after it. */
    public static class Limited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdma.rate-limit.unauthenticated-per-second", "0.5",
                    "mdma.rate-limit.unauthenticated-burst", "20");
        }
    }

    static final String PROBE = "/api/v1/files/f000000000000000000000000";

    @TestHTTPResource(value = "/", tls = true)
    URL base;

    static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** One request from the given source address (per-source limits: each test step uses its own address). */
    RawHttps.Reply get(String source, String path, String user, String password) throws Exception {
        try (RawHttps c = new RawHttps(base, source)) {
            return c.get(path, user == null ? null : basic(user, password));
        }
    }

    /** Polls until the login answers 404 on the probe (accepted) or the timeout passes. */
    boolean accepted(String source, String user, String password, Duration timeout) throws Exception {
        try {
            Poll.until("login of " + user + " accepted", timeout, () -> get(source, PROBE, user, password).status() == 404);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    @Test
    void aPasswordResetByDeliveryWinsOverFailedLoginsCountedHere() throws Exception {
        String party = "RESET-ESP";
        TestKafka.party(party, PartyRole.ESP, "Old-password-123");
        assertTrue(accepted("127.0.6.1", party, "Old-password-123", Duration.ofSeconds(60)), "the first password works");
        for (int i = 0; i < 3; i++) {
            RawHttps.Reply r = get("127.0.6.2", PROBE, party, "a-wrong-guess-" + i);
            assertEquals(401, r.status(), r.body());
        }
        // the failures are recorded apart from the credential, and the credential's version is untouched
        CredentialEvent failures = (CredentialEvent) TestKafka.await(Topics.CREDENTIALS,
                r -> (party + "/lockout").equals(r.key()) && ((CredentialEvent) r.value()).getConsecutiveFailures() == 3,
                Duration.ofSeconds(20)).value();
        assertEquals("LOGIN_FAILED", failures.getChange());
        assertEquals(1L, failures.getVersion(), "counted against version 1 of the credential");
        assertTrue(TestKafka.readAll(Topics.CREDENTIALS).stream().filter(r -> party.equals(r.key()))
                .allMatch(r -> ((CredentialEvent) r.value()).getVersion() == 1L), "only the owner writes the credential");
        // what delivery publishes for a reset: its own record's version + 1
        String hash = new BcryptPasswordHasher(4).hash("New-password-456".toCharArray());
        TestKafka.send(Topics.CREDENTIALS, party, CredentialEvent.newBuilder().setPartyId(party)
                .setKind(CredentialKind.PASSWORD).setHash(hash).setSetAt(Instant.now()).setSetBy("operator")
                .setChange("PASSWORD_SET").setConsecutiveFailures(0).setLockedUntil(null).setVersion(2L).build());
        assertTrue(accepted("127.0.6.3", party, "New-password-456", Duration.ofSeconds(30)), "the new password works here");
        RawHttps.Reply old = get("127.0.6.4", PROBE, party, "Old-password-123");
        assertEquals(401, old.status(), "the old password no longer works: " + old.body());
    }

    @Test
    void randomCredentialsFromOneAddressAreRateLimitedBeforeTheyAreChecked() throws Exception {
        int unauthorized = 0;
        int limited = 0;
        long t0 = System.nanoTime();
        try (RawHttps c = new RawHttps(base, "127.0.5.1")) {
            for (int i = 0; i < 300; i++) {
                String creds = "u" + UUID.randomUUID().toString().substring(0, 8) + ":" + UUID.randomUUID();
                RawHttps.Reply r = c.get(PROBE, Map.of("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(creds.getBytes(StandardCharsets.UTF_8))));
                if (r.status() == 429) {
                    limited++;
                    assertNotNull(r.header("Retry-After"), "429 says when to retry");
                    assertTrue(r.header("content-type").startsWith("application/problem+json"));
                } else {
                    assertEquals(401, r.status(), r.body());
                    unauthorized++;
                }
            }
        }
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L + 1;
        assertTrue(unauthorized >= 20 && unauthorized <= 20 + seconds / 2 + 1, unauthorized + " answered 401 in "
                + seconds + " s (burst 20, one every 2 s), " + limited + " 429");
        assertEquals(300, unauthorized + limited);
    }

    @Test
    void controlCharactersInTheUserNameCannotForgeLogLines() throws Exception {
        List<String> messages = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String text = record.getMessage();
                try {
                    text = (String) record.getClass().getMethod("getFormattedMessage").invoke(record);
                } catch (ReflectiveOperationException ignored) {
                    // a plain record
                }
                synchronized (messages) {
                    messages.add(text);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("energy.mdma");
        logger.addHandler(capture);
        try {
            String user = "a\nERROR [energy.mdma] FORGED line\r" + "x".repeat(80);
            assertEquals(401, get("127.0.7.1", PROBE, user, "whatever-password-1").status());
            assertEquals(401, get("127.0.7.1", PROBE, "b\u001b[31mred", "whatever-password-1").status());
            // a long user name cannot fill the log either
            assertEquals(401, get("127.0.7.1", PROBE, "long-" + "y".repeat(4000), "whatever-password-1").status());
        } finally {
            logger.removeHandler(capture);
        }
        synchronized (messages) {
            assertFalse(messages.isEmpty(), "the refused logins are logged");
            for (String m : messages) {
                assertTrue(m.chars().noneMatch(c -> c < 0x20 || c == 0x7f), "a log message with a control character: " + m);
                assertTrue(m.length() < 300, () -> "a log message of " + m.length() + " characters: " + m.substring(0, 120));
            }
            // refused by the cheap checks or logged cut: never in full
            assertTrue(messages.stream().noneMatch(m -> m.contains("y".repeat(65))), "a long user name logged uncut");
        }
    }

    @Test
    void loginsUploadsAndRawDownloadsAreAudited() throws Exception {
        String stranger = "AUDIT-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(401, get("127.0.8.1", PROBE, stranger, "whatever-password-1").status());
        TestKafka.party("AUDIT-OP", PartyRole.OPERATOR, "Audit-operator-pass-1");
        assertTrue(accepted("127.0.8.2", "AUDIT-OP", "Audit-operator-pass-1", Duration.ofSeconds(60)));
        String id;
        try (RawHttps c = new RawHttps(base, "127.0.8.3")) {
            Map<String, String> h = new java.util.HashMap<>(basic("AUDIT-OP", "Audit-operator-pass-1"));
            h.put("Content-Type", "text/csv");
            RawHttps.Reply up = c.request("POST", "/api/v1/files/intervals?name=audit.csv", h,
                    "meter_id,channel,interval_end,value,status\n");
            assertEquals(200, up.status(), up.body());
            id = io.restassured.path.json.JsonPath.from(up.body()).getString("fileId");
            RawHttps.Reply raw = c.get("/api/v1/files/" + id + "/content", basic("AUDIT-OP", "Audit-operator-pass-1"));
            assertEquals(200, raw.status(), raw.body());
        }

        AuditEvent login = (AuditEvent) TestKafka.await(Topics.AUDIT, r -> r.value() instanceof AuditEvent a
                && stranger.equals(a.getActor()) && "LOGIN".equals(a.getAction()), Duration.ofSeconds(20)).value();
        assertEquals("UNAUTHENTICATED", login.getOutcome());
        assertNotNull(login.getSourceAddress());
        AuditEvent upload = (AuditEvent) TestKafka.await(Topics.AUDIT, r -> r.value() instanceof AuditEvent a
                && "UPLOAD".equals(a.getAction()) && id.equals(a.getTarget()) && "AUDIT-OP".equals(a.getActor()),
                Duration.ofSeconds(20)).value();
        assertEquals("AUDIT-OP", upload.getActor());
        assertEquals("SUCCESS", upload.getOutcome());
        AuditEvent download = (AuditEvent) TestKafka.await(Topics.AUDIT, r -> r.value() instanceof AuditEvent a
                && "DOWNLOAD".equals(a.getAction()) && id.equals(a.getTarget()) && "AUDIT-OP".equals(a.getActor()),
                Duration.ofSeconds(20)).value();
        assertEquals("AUDIT-OP", download.getActor());
        assertEquals("OPERATOR", download.getRole());
    }

    @Test
    void everyHttpsAnswerCarriesHsts() throws Exception {
        RawHttps.Reply anonymous = get("127.0.9.1", PROBE, null, null);
        assertEquals(401, anonymous.status());
        String hsts = anonymous.header("Strict-Transport-Security");
        assertNotNull(hsts, "HSTS on the 401");
        assertTrue(Long.parseLong(hsts.replaceAll(".*max-age=(\\d+).*", "$1")) >= 31_536_000L, hsts);
    }
}
