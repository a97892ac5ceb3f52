package energy.mdma.party.auth;

import energy.mdma.testsupport.TestClock;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.party.model.PartyEventSink;
import energy.mdma.party.model.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Attacks on the lockout with real threads: parallel guesses must be serialised per party (at most
 * {@code maxFailures} passwords are ever checked per lockout window) and a correct password never clears an active
 * lock.
 */
class LockoutRaceTest {

    static final String PW = "correct-horse-battery";
    final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));

    final CountingHasher hasher = new CountingHasher();

    private Authenticator authenticator(String... parties) {
        PartyRegistry registry = new PartyRegistry(new PartyDirectoryView(), PartyEventSink.NONE, hasher,
                PasswordPolicy.defaults(), clock);
        for (String p : parties) {
            registry.upsertParty(new Party(p, Role.ESP, p, null), "test");
            registry.setPassword(p, PW.toCharArray(), "test");
        }
        return new Authenticator(registry, hasher, CredentialPolicy.defaults(), Duration.ZERO);
    }

    /** Runs the attempts at once (one thread each, released together) and returns their outcomes in order. */
    private static List<AuthOutcome> inParallel(Authenticator a, String user, List<String> passwords) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(passwords.size());
        try {
            CyclicBarrier start = new CyclicBarrier(passwords.size());
            List<Future<AuthOutcome>> futures = new ArrayList<>();
            for (String pw : passwords) {
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return a.authenticate(user, pw.toCharArray(), "203.0.113.9").outcome();
                }));
            }
            List<AuthOutcome> out = new ArrayList<>();
            for (Future<AuthOutcome> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<AuthOutcome, Integer> count(List<AuthOutcome> outcomes) {
        Map<AuthOutcome, Integer> m = new EnumMap<>(AuthOutcome.class);
        outcomes.forEach(o -> m.merge(o, 1, Integer::sum));
        return m;
    }

    @Test
    void parallelWrongGuessesAreCheckedAtMostFiveTimesAndTheRightOneIsThenLockedOut() throws Exception {
        Authenticator a = authenticator("ESP1");
        hasher.verifications.set(0);
        List<String> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            guesses.add("wrong-guess-number-" + i);
        }
        Map<AuthOutcome, Integer> outcomes = count(inParallel(a, "ESP1", guesses));
        assertEquals(Map.of(AuthOutcome.BAD_PASSWORD, 5, AuthOutcome.LOCKED, 35), outcomes,
                "five guesses checked, the other 35 refused unchecked");
        assertEquals(5, hasher.verifications.get(), "bcrypt ran for five guesses only");
        AuthResult right = a.authenticate("ESP1", PW.toCharArray(), "203.0.113.9");
        assertEquals(AuthOutcome.LOCKED, right.outcome(), "the right password after the guesses");
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), right.lockedUntil());
        clock.advance(Duration.ofMinutes(15));
        assertEquals(AuthOutcome.OK, a.authenticate("ESP1", PW.toCharArray(), "203.0.113.9").outcome(),
                "the lock ends after the lockout duration");
    }

    @Test
    void aCorrectPasswordRacingWrongOnesNeverClearsAnActiveLock() throws Exception {
        int locked = 0;
        for (int round = 0; round < 20; round++) {
            String party = "MIX" + round;
            Authenticator a = authenticator(party);
            for (int i = 0; i < 4; i++) { // one failure short of the lock
                assertEquals(AuthOutcome.BAD_PASSWORD, a.authenticate(party, ("first-guess-" + i).toCharArray(), "x").outcome());
            }
            List<String> attempts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                attempts.add("wrong-guess-number-" + i);
                attempts.add(PW);
            }
            List<AuthOutcome> outcomes = inParallel(a, party, attempts);
            if (outcomes.contains(AuthOutcome.LOCKED)) {
                locked++;
                // the lock was active during the round: nothing but its end may lift it
                assertEquals(AuthOutcome.LOCKED, a.authenticate(party, PW.toCharArray(), "x").outcome(),
                        "round " + round + ": a correct password cleared an active lock; outcomes " + outcomes);
            }
        }
        assertTrue(locked > 0, "the attack locked the party in some round");
    }
}
