package energy.mdma.party.auth;

import energy.mdma.testsupport.TestClock;
import energy.mdma.party.model.CredentialChange;
import energy.mdma.party.model.LockoutEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** Lockout state written by other services comes back from the log and is merged, never shortening a lock. */
class LoginLockoutTest {

    final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    final Instant t = clock.instant();

    LoginLockout lockout() {
        return new LoginLockout(CredentialPolicy.defaults(), clock, e -> { }, "delivery-1", Duration.ofSeconds(5));
    }

    @Test
    void aLockSetByAnotherServiceHoldsHereUntilItEnds() {
        LoginLockout l = lockout();
        l.apply(new LockoutEvent("ESP1", 4, 0, t.plusSeconds(900), CredentialChange.LOCKED_OUT, t, "ingest-1"), 4);
        assertEquals(t.plusSeconds(900), l.lockedUntil("ESP1", 4).orElseThrow());
        // a reset elsewhere does not lift an active lock here
        l.apply(new LockoutEvent("ESP1", 4, 0, null, CredentialChange.FAILURES_RESET, t, "ingest-2"), 4);
        assertTrue(l.lockedUntil("ESP1", 4).isPresent());
        clock.advance(Duration.ofSeconds(900));
        assertTrue(l.lockedUntil("ESP1", 4).isEmpty(), "the lock ends");
    }

    @Test
    void stateOfAnotherPasswordAndOwnEventsAreIgnored() {
        LoginLockout l = lockout();
        l.apply(new LockoutEvent("ESP1", 3, 0, t.plusSeconds(900), CredentialChange.LOCKED_OUT, t, "ingest-1"), 4);
        assertTrue(l.lockedUntil("ESP1", 4).isEmpty(), "counted against the old password: void after a reset");
        l.apply(new LockoutEvent("ESP1", 4, 0, t.plusSeconds(900), CredentialChange.LOCKED_OUT, t, "delivery-1"), 4);
        assertTrue(l.lockedUntil("ESP1", 4).isEmpty(), "its own events are already applied");
        l.apply(new LockoutEvent("ESP1", 4, 0, t.plusSeconds(900), CredentialChange.LOCKED_OUT, t, "ingest-1"), -1);
        assertTrue(l.lockedUntil("ESP1", 4).isEmpty(), "no credential held: nothing to lock");
    }

    @Test
    void failuresCountedElsewhereAddUpToTheLockHere() {
        LoginLockout l = lockout();
        l.apply(new LockoutEvent("ESP1", 4, 4, null, CredentialChange.LOGIN_FAILED, t, "ingest-1"), 4);
        LoginLockout.Attempt a = l.begin("ESP1").orElseThrow().against(4);
        try (a) {
            assertNull(a.lockedUntil(t));
            LoginLockout.Failure f = a.failed(t);
            assertEquals(t.plus(Duration.ofMinutes(15)), f.lockedUntil(), "the fifth failure in a row, four of them elsewhere");
            assertTrue(f.recorded());
        }
    }
}
