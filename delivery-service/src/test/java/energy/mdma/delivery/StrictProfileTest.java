package energy.mdma.delivery;

import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.auth.PasswordHasher;
import energy.mdma.party.model.CredentialChange;
import energy.mdma.party.model.CredentialRecord;
import energy.mdma.party.model.CredentialUpdate;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.party.model.Role;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.*;

/** Password expiry enforced, and a small rate limit. */
@QuarkusTest
@TestProfile(StrictProfileTest.Strict.class)
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class StrictProfileTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdma.auth.expiry-enforced", "true",
                    "mdma.rate-limit.per-second", "0.2",
                    "mdma.rate-limit.burst", "5");
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL base;
    @Inject
    PartyDirectory directory;
    @Inject
    PasswordHasher hasher;
    @Inject
    TestSeed seed;

    /** Gives the party a credential whose password was set {@code age} ago (an event on the log, as replayed). */
    private void passwordSetAgo(String party, Duration age) {
        seed.party(party, Role.ESP);
        CredentialRecord held = directory.credential(party).orElseThrow();
        CredentialRecord old = new CredentialRecord(party, hasher.hash(TestParties.pw(party).toCharArray()),
                Instant.now().minus(age).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), held.version() + 1);
        seed.credential(new CredentialUpdate(party, old, CredentialChange.PASSWORD_SET, Instant.now(), "test"));
        assertEquals(old.passwordSetAt(), directory.credential(party).orElseThrow().passwordSetAt(), "the old credential applied");
    }

    @Test
    void expiredPasswordIs401WithWhatToDoAndMayOnlyBeChanged() {
        passwordSetAgo("EXP-ESP", Duration.ofDays(400));
        Response r = TestParties.as(base, "EXP-ESP").get("/api/v1/mailboxes/EXP-ESP/files");
        assertEquals(401, r.statusCode());
        assertEquals("application/problem+json", r.contentType());
        assertEquals("Password expired", r.jsonPath().getString("title"));
        assertTrue(r.jsonPath().getString("detail").contains("PUT /api/v1/parties/EXP-ESP/password"));
        assertNotNull(r.jsonPath().getString("expiredAt"));
        assertNotNull(r.header("WWW-Authenticate"));
        TestParties.as(base, "EXP-ESP").contentType("application/json").body("{\"password\":\"Renewed-password-2027\"}")
                .put("/api/v1/parties/EXP-ESP/password").then().statusCode(200);
        TestParties.as(base, "EXP-ESP", "Renewed-password-2027").get("/api/v1/mailboxes/EXP-ESP/files")
                .then().statusCode(200).header("Warning", (String) null);
    }

    @Test
    void warningHeaderWithin30DaysOfExpiry() {
        passwordSetAgo("WARN-ESP", Duration.ofDays(350));
        Response r = TestParties.as(base, "WARN-ESP").get("/api/v1/mailboxes/WARN-ESP/files");
        assertEquals(200, r.statusCode());
        assertTrue(r.header("Warning").startsWith("299 "), r.header("Warning"));
        assertTrue(r.header("Warning").contains("PUT /api/v1/parties/WARN-ESP/password"));
        Instant expires = Instant.parse(r.header("X-Password-Expires"));
        Instant expected = Instant.now().minus(Duration.ofDays(350)).atOffset(ZoneOffset.UTC).plusMonths(12).toInstant();
        assertTrue(Duration.between(expected, expires).abs().toMinutes() < 5);

        passwordSetAgo("FRESH-ESP", Duration.ofDays(300));
        TestParties.as(base, "FRESH-ESP").get("/api/v1/mailboxes/FRESH-ESP/files")
                .then().statusCode(200).header("Warning", (String) null);
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        seed.party("RATE-ESP", Role.ESP);
        for (int i = 0; i < 5; i++) {
            TestParties.as(base, "RATE-ESP").get("/api/v1/mailboxes/RATE-ESP/files").then().statusCode(200);
        }
        Response r = TestParties.as(base, "RATE-ESP").get("/api/v1/mailboxes/RATE-ESP/files");
        assertEquals(429, r.statusCode());
        assertEquals("application/problem+json", r.contentType());
        long retry = Long.parseLong(r.header("Retry-After"));
        assertTrue(retry >= 1 && retry <= 5, "retry " + retry);
        // another party is not affected
        seed.party("RATE-ESP2", Role.ESP);
        TestParties.as(base, "RATE-ESP2").get("/api/v1/mailboxes/RATE-ESP2/files").then().statusCode(200)
                .body("items.size()", equalTo(0));
        TestParties.as(base, "RATE-ESP").get("/api/v1/mailboxes/RATE-ESP/files").then().statusCode(429)
                .body("detail", containsString("Retry after"));
    }
}
