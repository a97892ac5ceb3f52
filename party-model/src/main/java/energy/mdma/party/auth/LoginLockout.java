package energy.mdma.party.auth;

import energy.mdma.party.model.CredentialChange;
import energy.mdma.party.model.LockoutEvent;
import energy.mdma.party.model.LockoutSink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Failed-login counting and lockout ({@link CredentialPolicy#maxFailures()} failures in a row lock a principal for
 * {@link CredentialPolicy#lockoutDuration()}), kept apart from the credential record:
 * <ul>
 *   <li>the state is bound to the version of the credential it counted against: a new password (a higher version,
 *       set by the credential's owner) voids it, so a reset always unlocks and can never be masked;</li>
 *   <li>the attempts of one principal are serialised ({@link #begin}): a password is checked only while no other
 *       attempt of that principal is under way, so parallel guesses are counted one by one and at most
 *       {@code maxFailures} of them are ever checked per lockout window; a correct password never lifts an active
 *       lock (only its end or a new password does);</li>
 *   <li>every failure is counted in memory first and then written to the {@link LockoutSink}; when that write fails,
 *       the principal's logins are refused unchecked until it succeeds (fail closed). Only that principal's attempts
 *       wait for the write: there is no global lock.</li>
 * </ul>
 * The state written by the other login services (and instances) comes back through {@link #apply}: failures and
 * locks are merged (the higher count, the later lock end), so a lock set by one service holds in all of them.
 */
public final class LoginLockout {

    private final CredentialPolicy policy;
    private final Clock clock;
    private final LockoutSink sink;
    private final String writer;
    private final Duration maxWait;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** One principal: the attempt lock and the state (guarded by the entry's monitor). */
    static final class Entry {
        final ReentrantLock attempts = new ReentrantLock(true);
        final String principal;
        long version = Long.MIN_VALUE;
        int failures;
        Instant lockedUntil;
        boolean unrecorded;

        Entry(String principal) {
            this.principal = principal;
        }
    }

    /**
     * @param sink    where failures are recorded ({@link LockoutSink#NONE} in a single process)
     * @param writer  this service instance, e.g. {@code delivery-5f2c...} (events it wrote itself are not re-applied)
     * @param maxWait how long an attempt waits for the earlier attempts of the same principal before it is refused
     */
    public LoginLockout(CredentialPolicy policy, Clock clock, LockoutSink sink, String writer, Duration maxWait) {
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
        this.sink = Objects.requireNonNull(sink);
        this.writer = Objects.requireNonNull(writer);
        this.maxWait = maxWait == null ? Duration.ofSeconds(30) : maxWait;
    }

    /** In memory only (tests, a single process). */
    public static LoginLockout inMemory(CredentialPolicy policy, Clock clock) {
        return new LoginLockout(policy, clock, LockoutSink.NONE, "local", Duration.ofSeconds(30));
    }

    public CredentialPolicy policy() {
        return policy;
    }

    public String writer() {
        return writer;
    }

    /**
     * Holds back the other attempts of {@code principal} until {@link Attempt#close()}; then
     * {@link Attempt#against} names the credential version being checked.
     *
     * @return the attempt, or empty when the earlier attempts took longer than the configured wait
     */
    Optional<Attempt> begin(String principal) {
        Entry e = entries.computeIfAbsent(principal, Entry::new);
        try {
            if (!e.attempts.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return Optional.of(new Attempt(e));
    }

    private static void sync(Entry e, long credentialVersion) {
        if (e.version != credentialVersion) {
            // another password than the one counted against: a reset (or the first attempt) starts afresh
            e.version = credentialVersion;
            e.failures = 0;
            e.lockedUntil = null;
            e.unrecorded = false;
        }
    }

    /** The end of the principal's active lock for that credential version, if any (for views). */
    public Optional<Instant> lockedUntil(String principal, long credentialVersion) {
        Entry e = entries.get(principal);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            if (e.version != credentialVersion || e.lockedUntil == null || !clock.instant().isBefore(e.lockedUntil)) {
                return Optional.empty();
            }
            return Optional.of(e.lockedUntil);
        }
    }

    /**
     * A lockout event read from the log. Ignored when this instance wrote it, or when it counted against another
     * credential version than the one held ({@code currentCredentialVersion}, or none: negative).
     */
    public void apply(LockoutEvent event, long currentCredentialVersion) {
        if (writer.equals(event.writer()) || currentCredentialVersion < 0
                || event.credentialVersion() != currentCredentialVersion) {
            return;
        }
        Entry e = entries.computeIfAbsent(event.principal(), Entry::new);
        synchronized (e) {
            sync(e, currentCredentialVersion);
            Instant now = clock.instant();
            boolean activeHere = e.lockedUntil != null && now.isBefore(e.lockedUntil);
            if (event.change() == CredentialChange.FAILURES_RESET) {
                // a correct password elsewhere: the count restarts, an active lock here stays
                e.failures = 0;
                if (!activeHere) {
                    e.lockedUntil = null;
                }
                return;
            }
            e.failures = Math.max(e.failures, event.failures());
            if (event.lockedUntil() != null && (e.lockedUntil == null || event.lockedUntil().isAfter(e.lockedUntil))) {
                e.lockedUntil = event.lockedUntil();
            }
        }
    }

    /** One login attempt of a principal, holding back its other attempts until closed. */
    final class Attempt implements AutoCloseable {
        private final Entry e;
        private long version;

        private Attempt(Entry e) {
            this.e = e;
        }

        /** The credential version this attempt is checked against (a newer one voids the state counted so far). */
        Attempt against(long credentialVersion) {
            this.version = credentialVersion;
            synchronized (e) {
                sync(e, credentialVersion);
            }
            return this;
        }

        /** Writes the failures still unrecorded; false when that fails (the attempt must be refused unchecked). */
        boolean recorded() {
            LockoutEvent pending;
            synchronized (e) {
                if (!e.unrecorded) {
                    return true;
                }
                pending = event(e.lockedUntil != null ? CredentialChange.LOCKED_OUT : CredentialChange.LOGIN_FAILED);
            }
            return publish(pending);
        }

        /** End of the active lock, or null. */
        Instant lockedUntil(Instant now) {
            synchronized (e) {
                return e.lockedUntil != null && now.isBefore(e.lockedUntil) ? e.lockedUntil : null;
            }
        }

        /**
         * Counts a wrong password (in memory first) and records it.
         *
         * @return the failure's outcome: the lock it caused (or null) and whether it was recorded
         */
        Failure failed(Instant now) {
            LockoutEvent event;
            Instant locked;
            synchronized (e) {
                e.failures++;
                CredentialChange change;
                if (e.failures >= policy.maxFailures()) {
                    e.failures = 0;
                    e.lockedUntil = now.plus(policy.lockoutDuration());
                    change = CredentialChange.LOCKED_OUT;
                } else {
                    change = CredentialChange.LOGIN_FAILED;
                }
                e.unrecorded = true;
                locked = change == CredentialChange.LOCKED_OUT ? e.lockedUntil : null;
                event = event(change);
            }
            return new Failure(locked, publish(event));
        }

        /** A correct password (never called during an active lock): the count restarts. */
        void succeeded() {
            LockoutEvent event;
            synchronized (e) {
                if (e.failures == 0) {
                    return;
                }
                e.failures = 0;
                event = event(CredentialChange.FAILURES_RESET);
                e.unrecorded = true;
            }
            if (!publish(event)) {
                // not security-relevant: the others keep a higher count until the next record
                synchronized (e) {
                    e.unrecorded = false;
                }
            }
        }

        /** Caller holds the monitor. */
        private LockoutEvent event(CredentialChange change) {
            return new LockoutEvent(e.principal, version, e.failures, e.lockedUntil, change, clock.instant(), writer);
        }

        private boolean publish(LockoutEvent event) {
            try {
                sink.publish(event);
            } catch (RuntimeException ex) {
                // the logger is looked up only here: a library class should not start the logging system by loading
                System.getLogger(LoginLockout.class.getName()).log(System.Logger.Level.WARNING, "could not record the login state of a principal ("
                        + ex.getClass().getSimpleName() + "): its logins are refused until it is recorded");
                return false;
            }
            synchronized (e) {
                e.unrecorded = false;
            }
            return true;
        }

        @Override
        public void close() {
            e.attempts.unlock();
        }
    }

    /** @param lockedUntil the lock this failure caused, or null; @param recorded whether it was written */
    record Failure(Instant lockedUntil, boolean recorded) {
    }
}
