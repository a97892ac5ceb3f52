package energy.mdma.service.auth;

import energy.mdma.party.auth.AuthOutcome;
import energy.mdma.party.auth.AuthResult;
import energy.mdma.party.auth.Authenticator;
import energy.mdma.party.auth.CountingHasher;
import energy.mdma.party.auth.CredentialPolicy;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.auth.PasswordPolicy;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.party.model.PartyEventSink;
import energy.mdma.party.model.Role;
import energy.mdma.testsupport.TestClock;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** The order of the authentication filter: cheap checks, rate limits, then bcrypt. */
class BasicAuthenticationFilterTest {

    final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    final CountingHasher hasher = new CountingHasher();
    final List<String> calls = new ArrayList<>();
    final BasicAuthPolicy policy = new BasicAuthPolicy() {
        public boolean protects(String path) { return true; }
        public Response missing(ContainerRequestContext c, String p, String s) { calls.add("missing"); return null; }
        public Response malformed(ContainerRequestContext c, String p, String s) { calls.add("malformed"); return null; }
        public Response authenticated(ContainerRequestContext c, String p, String s, String u, AuthResult r) {
            calls.add(r.outcome().name());
            return null;
        }
        public Response unknownCertificate(ContainerRequestContext c, String p, String s, String f) {
            calls.add("unknownCertificate");
            return null;
        }
        public Response ambiguous(ContainerRequestContext c, String p, String s, String cu, String bu) {
            calls.add("ambiguous");
            return null;
        }
        public Response rateLimited(ContainerRequestContext c, String p, String s, String party, RateLimiter.Decision d) {
            calls.add(party == null ? "429 source" + (d.firstRefusal() ? " first" : "") : "429 party " + party);
            return null;
        }
    };

    Authenticator authenticator(Duration cache) {
        PartyRegistry registry = new PartyRegistry(new PartyDirectoryView(), PartyEventSink.NONE, hasher,
                PasswordPolicy.defaults(), clock);
        registry.upsertParty(new Party("ESP1", Role.ESP, "ESP", null), "t");
        registry.setPassword("ESP1", "correct-horse-battery".toCharArray(), "t");
        return new Authenticator(registry, hasher, CredentialPolicy.defaults(), cache);
    }

    RequestThrottle throttle(int sourceBurst, int partyBurst) {
        return new RequestThrottle(new RequestThrottle.Settings(true, 1, partyBurst, 1, sourceBurst, 1000), clock);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    void request(String header, Authenticator a, RequestThrottle t, String source) {
        BasicAuthenticationFilter.decide(null, "/api/v1/x", source, header, null, a, t, policy);
    }

    @Test
    void missingAndMalformedAreLimitedPerSourceBeforeThePolicySeesThem() {
        Authenticator a = authenticator(Duration.ZERO);
        RequestThrottle t = throttle(10, 100);
        for (int i = 0; i < 100; i++) {
            request(null, a, t, "198.51.100.1");
            request("Basic !!!", a, t, "198.51.100.1");
            request("Basic " + "A".repeat(5000), a, t, "198.51.100.1");
        }
        assertEquals(10, calls.stream().filter(c -> c.equals("missing") || c.equals("malformed")).count(),
                "only the source's burst reaches the policy (and its audit): " + calls.subList(0, 12));
        assertEquals(1, calls.stream().filter(c -> c.equals("429 source first")).count(), "the limit's start, once");
        assertEquals(290, calls.stream().filter(c -> c.startsWith("429 source")).count());
        assertEquals(0, hasher.verifications.get());
        calls.clear();
        request(null, a, t, "198.51.100.2");
        assertEquals(List.of("missing"), calls, "another address has its own limit");
    }

    @Test
    void randomCredentialsAreLimitedBeforeBcrypt() {
        Authenticator a = authenticator(Duration.ofMinutes(5));
        RequestThrottle t = throttle(20, 100);
        hasher.verifications.set(0);
        for (int i = 0; i < 300; i++) {
            request(basic("u" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID().toString()), a, t,
                    "198.51.100.3");
        }
        assertEquals(20, hasher.verifications.get(), "bcrypt ran for the source's burst only");
        assertEquals(280, calls.stream().filter(c -> c.startsWith("429 source")).count());
        // impossible user names and passwords: refused without bcrypt (but still within the source's limit)
        RequestThrottle t2 = throttle(20, 100);
        calls.clear();
        request(basic("U".repeat(300), "x"), a, t2, "198.51.100.4");
        request(basic("ESP1", "p".repeat(73)), a, t2, "198.51.100.4");
        assertEquals(List.of("UNKNOWN", "BAD_PASSWORD"), calls);
        assertEquals(20, hasher.verifications.get());
    }

    @Test
    void aProvenPasswordIsNotHeldBackByItsAddressButByItsPartysLimit() {
        Authenticator a = authenticator(Duration.ofMinutes(5));
        RequestThrottle t = throttle(3, 5);
        String good = basic("ESP1", "correct-horse-battery");
        request(good, a, t, "198.51.100.5"); // checked once (a source token), then cached
        for (int i = 0; i < 10; i++) {
            request(null, a, t, "198.51.100.5"); // the address's limit is used up by others
        }
        calls.clear();
        for (int i = 0; i < 6; i++) {
            request(good, a, t, "198.51.100.5");
        }
        assertEquals(List.of("OK", "OK", "OK", "OK", "429 party ESP1", "429 party ESP1"), calls,
                "cached: only the party's limit (burst 5, one used by the first check)");
        assertEquals(1, hasher.verifications.get(), "one bcrypt check for seven requests");
    }

    @Test
    void aWrongPasswordOfAKnownPartyUsesBothLimits() {
        Authenticator a = authenticator(Duration.ZERO);
        RequestThrottle t = throttle(100, 3);
        for (int i = 0; i < 5; i++) {
            request(basic("ESP1", "wrong-guess-" + i), a, t, "198.51.100.6");
        }
        assertEquals(List.of(AuthOutcome.BAD_PASSWORD.name(), "BAD_PASSWORD", "BAD_PASSWORD", "429 party ESP1",
                "429 party ESP1"), calls);
    }
}
