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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 hole 6, first half: a failed login waited for the log under one global lock, so one party's slow write
 * held back every login. The wait is per party: while the log hangs on one party's failure, another party logs in
 * and has its own failure recorded.
 */
class SlowLogPerPartyTest {

    static final String PW = "correct-horse-battery";

    @Test
    void aFailureWriteThatHangsForOnePartyHoldsBackNoOther() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
        CountDownLatch inSlowWrite = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<LockoutEvent> written = new CopyOnWriteArrayList<>();
        LockoutSink sink = e -> {
            if (e.principal().equals("SLOW")) {
                inSlowWrite.countDown();
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ie);
                }
            }
            written.add(e);
        };
        BcryptPasswordHasher hasher = new BcryptPasswordHasher(4);
        PartyDirectoryView directory = new PartyDirectoryView();
        PartyRegistry registry = new PartyRegistry(directory, PartyEventSink.NONE, hasher, PasswordPolicy.defaults(), clock);
        for (String party : List.of("SLOW", "OTHER")) {
            registry.upsertParty(new Party(party, Role.ESP, party, null), "t");
            registry.setPassword(party, PW.toCharArray(), "t");
        }
        LoginLockout lockout = new LoginLockout(CredentialPolicy.defaults(), clock, sink, "test-1", Duration.ofSeconds(30));
        Authenticator a = new Authenticator(directory, hasher, lockout, clock, Duration.ZERO);

        CompletableFuture<AuthResult> slow = CompletableFuture.supplyAsync(
                () -> a.authenticate("SLOW", "wrong-guess".toCharArray(), "x"));
        try {
            assertTrue(inSlowWrite.await(30, TimeUnit.SECONDS), "the slow party's failure reached the log");

            // meanwhile the other party: the right password gets in, a wrong one is recorded, both without waiting
            CompletableFuture<AuthOutcome> right = CompletableFuture.supplyAsync(
                    () -> a.authenticate("OTHER", PW.toCharArray(), "x").outcome());
            assertEquals(AuthOutcome.OK, right.get(20, TimeUnit.SECONDS));
            CompletableFuture<AuthOutcome> wrong = CompletableFuture.supplyAsync(
                    () -> a.authenticate("OTHER", "wrong-guess".toCharArray(), "x").outcome());
            assertEquals(AuthOutcome.BAD_PASSWORD, wrong.get(20, TimeUnit.SECONDS));
            assertTrue(written.stream().anyMatch(e -> e.principal().equals("OTHER")
                    && e.change() == CredentialChange.LOGIN_FAILED), "the other party's failure is written: " + written);
            assertFalse(slow.isDone(), "the slow party's attempt still waits for its write");
        } finally {
            release.countDown();
        }
        assertEquals(AuthOutcome.BAD_PASSWORD, slow.get(30, TimeUnit.SECONDS).outcome());
    }
}
