package energy.mdma.party.auth;

import energy.mdma.testsupport.TestClock;
import energy.mdma.party.model.CredentialChange;
import energy.mdma.party.model.LockoutEvent;
import energy.mdma.party.model.LockoutSink;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.party.model.PartyEventSink;
import energy.mdma.party.model.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A failed login that cannot be recorded must not open the door: the principal's logins are refused unchecked
 * (UNAVAILABLE) until the record is written, and the failures still count.
 */
class FailClosedTest {

    static final String PW = "correct-horse-battery";
    final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    final AtomicBoolean logDown = new AtomicBoolean();
    final List<LockoutEvent> written = new ArrayList<>();
    final CountingHasher hasher = new CountingHasher();
    final LockoutSink sink = e -> {
        if (logDown.get()) {
            throw new IllegalStateException("the log is unreachable");
        }
        written.add(e);
    };

    Authenticator authenticator() {
        PartyDirectoryView directory = new PartyDirectoryView();
        PartyRegistry registry = new PartyRegistry(directory, PartyEventSink.NONE, hasher, PasswordPolicy.defaults(), clock);
        registry.upsertParty(new Party("ESP1", Role.ESP, "ESP", null), "t");
        registry.setPassword("ESP1", PW.toCharArray(), "t");
        LoginLockout lockout = new LoginLockout(CredentialPolicy.defaults(), clock, sink, "test-1", Duration.ofSeconds(5));
        return new Authenticator(directory, hasher, lockout, clock, Duration.ZERO);
    }

    @Test
    void failuresThatCannotBeRecordedRefuseTheLoginUntilTheyAre() {
        Authenticator a = authenticator();
        logDown.set(true);
        hasher.verifications.set(0);
        assertEquals(AuthOutcome.UNAVAILABLE, a.authenticate("ESP1", "wrong-guess-0".toCharArray(), "x").outcome(),
                "a wrong password whose failure cannot be written");
        for (int i = 1; i < 10; i++) {
            assertEquals(AuthOutcome.UNAVAILABLE, a.authenticate("ESP1", ("wrong-guess-" + i).toCharArray(), "x").outcome());
        }
        assertEquals(AuthOutcome.UNAVAILABLE, a.authenticate("ESP1", PW.toCharArray(), "x").outcome(),
                "not even the right password gets in while a failure is unrecorded");
        assertEquals(1, hasher.verifications.get(), "only the first guess was checked");

        logDown.set(false);
        assertEquals(AuthOutcome.OK, a.authenticate("ESP1", PW.toCharArray(), "x").outcome(),
                "once the failure is written, the right password works again");
        assertEquals(List.of(CredentialChange.LOGIN_FAILED, CredentialChange.FAILURES_RESET),
                written.stream().map(LockoutEvent::change).toList());
        assertEquals(1, written.get(0).failures(), "the unrecorded failure was counted");
    }

    @Test
    void aFailureCountedWhileTheLogWasDownStillCountsTowardsTheLock() {
        Authenticator a = authenticator();
        for (int i = 0; i < 4; i++) {
            assertEquals(AuthOutcome.BAD_PASSWORD, a.authenticate("ESP1", ("wrong-" + i).toCharArray(), "x").outcome());
        }
        logDown.set(true);
        assertEquals(AuthOutcome.UNAVAILABLE, a.authenticate("ESP1", "wrong-4".toCharArray(), "x").outcome());
        logDown.set(false);
        AuthResult r = a.authenticate("ESP1", PW.toCharArray(), "x");
        assertEquals(AuthOutcome.LOCKED, r.outcome(), "the fifth failure locked the party although its write failed");
        assertEquals(CredentialChange.LOCKED_OUT, written.get(written.size() - 1).change());
    }
}
