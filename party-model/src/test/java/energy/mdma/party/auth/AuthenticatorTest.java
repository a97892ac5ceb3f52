package energy.mdma.party.auth;

import energy.mdma.testsupport.TestClock;
import energy.mdma.party.model.CredentialChange;
import energy.mdma.party.model.CredentialRecord;
import energy.mdma.party.model.CredentialUpdate;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.party.model.RecordingPartyEventSink;
import energy.mdma.party.model.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AuthenticatorTest {

    static final String PW = "correct-horse-battery";
    final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    final RecordingPartyEventSink sink = new RecordingPartyEventSink();
    final List<Object> events = sink.published;
    final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);
    PartyDirectoryView directory;
    PartyRegistry registry;

    @BeforeEach
    void setUp() {
        directory = new PartyDirectoryView();
        registry = new PartyRegistry(directory, sink, hasher, PasswordPolicy.defaults(), clock);
        registry.upsertParty(new Party("UDC1", Role.UDC, "Utility", "123456789"), "test");
        registry.setPassword("UDC1", PW.toCharArray(), "test");
    }

    Authenticator auth(CredentialPolicy policy, Duration cache) {
        return new Authenticator(registry, hasher, policy, cache);
    }

    @Test
    void okWithRightPassword() {
        AuthResult r = auth(CredentialPolicy.defaults(), Duration.ZERO).authenticate("UDC1", PW.toCharArray(), "10.0.0.1");
        assertEquals(AuthOutcome.OK, r.outcome());
        assertEquals("UDC1", r.principal().getName());
        assertEquals(Role.UDC, r.principal().role());
        assertNull(r.expiresAt());
        assertFalse(r.expiryWarning());
        assertEquals("10.0.0.1", r.source());
    }

    @Test
    void unknownUserAndPartyWithoutCredential() {
        registry.upsertParty(new Party("ESP1", Role.ESP, "ESP", null), "test");
        Authenticator a = auth(CredentialPolicy.defaults(), Duration.ZERO);
        assertEquals(AuthOutcome.UNKNOWN, a.authenticate("nobody", PW.toCharArray(), "x").outcome());
        assertEquals(AuthOutcome.UNKNOWN, a.authenticate("ESP1", PW.toCharArray(), "x").outcome());
        assertEquals(AuthOutcome.UNKNOWN, a.authenticate(null, null, "x").outcome());
    }

    @Test
    void lockoutAfterFiveFailuresForFifteenMinutes() {
        Authenticator a = auth(CredentialPolicy.defaults(), Duration.ofMinutes(5));
        for (int i = 1; i <= 4; i++) {
            AuthResult r = a.authenticate("UDC1", "wrong-password-xx".toCharArray(), "x");
            assertEquals(AuthOutcome.BAD_PASSWORD, r.outcome());
            assertNull(r.lockedUntil());
        }
        AuthResult fifth = a.authenticate("UDC1", "wrong-password-xx".toCharArray(), "x");
        assertEquals(AuthOutcome.BAD_PASSWORD, fifth.outcome());
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), fifth.lockedUntil());
        // even the right password is refused while locked
        assertEquals(AuthOutcome.LOCKED, a.authenticate("UDC1", PW.toCharArray(), "x").outcome());
        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertEquals(AuthOutcome.LOCKED, a.authenticate("UDC1", PW.toCharArray(), "x").outcome());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(AuthOutcome.OK, a.authenticate("UDC1", PW.toCharArray(), "x").outcome());
        assertTrue(events.stream().noneMatch(e -> e instanceof CredentialUpdate ce && ce.change() != CredentialChange.PASSWORD_SET),
                "logins never change the credential record");
    }

    @Test
    void successResetsTheCountSoFailuresMustBeInARow() {
        Authenticator a = auth(CredentialPolicy.defaults(), Duration.ZERO);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertEquals(AuthOutcome.BAD_PASSWORD, a.authenticate("UDC1", "nope-nope-nope".toCharArray(), "x").outcome());
            }
            assertEquals(AuthOutcome.OK, a.authenticate("UDC1", PW.toCharArray(), "x").outcome());
        }
    }

    @Test
    void newPasswordClearsLockout() {
        Authenticator a = auth(CredentialPolicy.defaults(), Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            a.authenticate("UDC1", "nope-nope-nope".toCharArray(), "x");
        }
        assertEquals(AuthOutcome.LOCKED, a.authenticate("UDC1", PW.toCharArray(), "x").outcome());
        registry.setPassword("UDC1", "another-long-password".toCharArray(), "operator");
        assertEquals(AuthOutcome.OK, a.authenticate("UDC1", "another-long-password".toCharArray(), "x").outcome());
        assertEquals(AuthOutcome.BAD_PASSWORD, a.authenticate("UDC1", PW.toCharArray(), "x").outcome());
    }

    @Test
    void cachedVerificationIsInvalidatedByPasswordChange() {
        Authenticator a = auth(CredentialPolicy.defaults(), Duration.ofMinutes(10));
        assertEquals(AuthOutcome.OK, a.authenticate("UDC1", PW.toCharArray(), "x").outcome());
        assertEquals(AuthOutcome.OK, a.authenticate("UDC1", PW.toCharArray(), "x").outcome());
        registry.setPassword("UDC1", "a-brand-new-password".toCharArray(), "UDC1");
        assertEquals(AuthOutcome.BAD_PASSWORD, a.authenticate("UDC1", PW.toCharArray(), "x").outcome());
        // cache never accepts a different password
        assertEquals(AuthOutcome.BAD_PASSWORD, a.authenticate("UDC1", "a-brand-new-passworD".toCharArray(), "x").outcome());
    }

    @Test
    void expiryOffByDefault() {
        clock.advance(Duration.ofDays(800));
        assertEquals(AuthOutcome.OK, auth(CredentialPolicy.defaults(), Duration.ZERO).authenticate("UDC1", PW.toCharArray(), "x").outcome());
    }

    @Test
    void expiryWhenEnforcedWithWarningWindow() {
        Authenticator a = auth(CredentialPolicy.defaults().withExpiryEnforced(true), Duration.ZERO);
        AuthResult fresh = a.authenticate("UDC1", PW.toCharArray(), "x");
        assertEquals(AuthOutcome.OK, fresh.outcome());
        assertEquals(Instant.parse("2027-03-01T10:00:00Z"), fresh.expiresAt());
        assertFalse(fresh.expiryWarning());

        clock.advance(Duration.between(clock.instant(), Instant.parse("2027-01-30T09:59:59Z")));
        assertFalse(a.authenticate("UDC1", PW.toCharArray(), "x").expiryWarning(), "31 days before: no warning");
        clock.advance(Duration.ofDays(1));
        AuthResult soon = a.authenticate("UDC1", PW.toCharArray(), "x");
        assertEquals(AuthOutcome.OK, soon.outcome());
        assertTrue(soon.expiryWarning(), "within 30 days: warning");

        clock.advance(Duration.between(clock.instant(), Instant.parse("2027-03-01T10:00:00Z")));
        AuthResult expired = a.authenticate("UDC1", PW.toCharArray(), "x");
        assertEquals(AuthOutcome.EXPIRED, expired.outcome());
        assertNotNull(expired.principal());
        // a wrong password on an expired credential is still a bad password
        assertEquals(AuthOutcome.BAD_PASSWORD, a.authenticate("UDC1", "nope-nope-nope".toCharArray(), "x").outcome());
    }

    @Test
    void storesOnlyASaltedHash() {
        CredentialRecord rec = directory.credential("UDC1").orElseThrow();
        assertTrue(rec.passwordHash().startsWith("$2b$04$"), rec.passwordHash().substring(0, 7));
        assertFalse(rec.passwordHash().contains(PW));
        assertFalse(rec.toString().contains(rec.passwordHash()));
        String again = hasher.hash(PW.toCharArray());
        assertNotEquals(rec.passwordHash(), again, "salted");
        for (Object e : events) {
            assertFalse(e.toString().contains(PW));
        }
    }
}
