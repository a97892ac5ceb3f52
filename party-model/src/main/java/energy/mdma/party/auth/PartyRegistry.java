package energy.mdma.party.auth;

import energy.mdma.party.model.CertificateEvent;
import energy.mdma.party.model.CredentialChange;
import energy.mdma.party.model.CredentialEvent;
import energy.mdma.party.model.CredentialRecord;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.party.model.PartyEvent;
import energy.mdma.party.model.PartyEventSink;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The write side of the party directory: every change becomes an event, is published to the
 * {@link PartyEventSink} (a failing publish aborts the change) and then applied to the {@link PartyDirectory}.
 * Credential changes of one principal are serialized; the slow hashing happens outside the lock.
 */
public class PartyRegistry {

    private final PartyDirectory directory;
    private final PartyEventSink sink;
    private final PasswordHasher hasher;
    private final PasswordPolicy passwordPolicy;
    private final Clock clock;

    public PartyRegistry(PartyDirectory directory, PartyEventSink sink, PasswordHasher hasher,
                         PasswordPolicy passwordPolicy, Clock clock) {
        this.directory = Objects.requireNonNull(directory);
        this.sink = Objects.requireNonNull(sink);
        this.hasher = Objects.requireNonNull(hasher);
        this.passwordPolicy = Objects.requireNonNull(passwordPolicy);
        this.clock = Objects.requireNonNull(clock);
    }

    public PartyDirectory directory() {
        return directory;
    }

    public PasswordPolicy passwordPolicy() {
        return passwordPolicy;
    }

    public Clock clock() {
        return clock;
    }

    /** Creates or replaces a party. */
    public PartyEvent upsertParty(Party party, String actor) {
        PartyEvent event = PartyEvent.upsert(party, clock.instant(), actor);
        sink.publish(event);
        directory.apply(event);
        return event;
    }

    /** Removes a party and its credential. */
    public void removeParty(String partyId, String actor) {
        Instant now = clock.instant();
        synchronized (this) {
            Optional<CredentialRecord> held = directory.credential(partyId);
            if (held.isPresent()) {
                commit(new CredentialEvent(partyId, null, CredentialChange.REMOVED, now, actor));
            }
        }
        for (String fingerprint : directory.certificates(partyId)) {
            removeCertificate(partyId, fingerprint, actor);
        }
        PartyEvent event = PartyEvent.removed(partyId, now, actor);
        sink.publish(event);
        directory.apply(event);
    }

    /**
     * Registers a client certificate for a principal by its SHA-256 fingerprint (the certificate's key is never
     * seen). Registering the same fingerprint again changes nothing.
     *
     * @return true when it was not registered for the principal before
     * @throws UnknownPartyException         when the principal is not a known party
     * @throws CertificateInUseException     when the fingerprint is registered for another principal
     */
    public synchronized boolean registerCertificate(String principal, String fingerprint, String actor) {
        if (directory.party(principal).isEmpty()) {
            throw new UnknownPartyException(principal);
        }
        for (String holder : directory.certificateHolders(fingerprint)) {
            if (!holder.equals(principal)) {
                throw new CertificateInUseException(holder);
            }
        }
        if (directory.certificates(principal).contains(fingerprint)) {
            return false;
        }
        commit(new CertificateEvent(principal, fingerprint, true, clock.instant(), actor));
        return true;
    }

    /** Removes a client certificate of a principal; false when it was not registered for it. */
    public synchronized boolean removeCertificate(String principal, String fingerprint, String actor) {
        if (!directory.certificates(principal).contains(fingerprint)) {
            return false;
        }
        commit(new CertificateEvent(principal, fingerprint, false, clock.instant(), actor));
        return true;
    }

    /**
     * Sets a principal's password (after checking the policy): a new salted hash, a new set date, and any
     * failure count or lockout cleared.
     *
     * @throws UnknownPartyException    when the principal is not a known party
     * @throws PasswordPolicyException  when the password is refused
     */
    public CredentialRecord setPassword(String principal, char[] password, String actor) {
        if (directory.party(principal).isEmpty()) {
            throw new UnknownPartyException(principal);
        }
        passwordPolicy.violation(principal, password).ifPresent(msg -> {
            throw new PasswordPolicyException(msg);
        });
        String hash = hasher.hash(password);
        Instant now = clock.instant();
        synchronized (this) {
            long version = directory.credential(principal).map(CredentialRecord::version).orElse(0L) + 1;
            CredentialRecord record = new CredentialRecord(principal, hash, now, 0, null, version);
            commit(new CredentialEvent(principal, record, CredentialChange.PASSWORD_SET, now, actor));
            return record;
        }
    }

    /** Counts a failed login; locks the principal out when the policy's maximum is reached. */
    CredentialRecord recordFailure(String principal, String expectedHash, CredentialPolicy policy) {
        Instant now = clock.instant();
        synchronized (this) {
            CredentialRecord held = directory.credential(principal).orElse(null);
            if (held == null || !held.passwordHash().equals(expectedHash)) {
                return held; // changed meanwhile (new password): this failure is moot
            }
            if (held.lockedAt(now)) {
                return held;
            }
            int failures = held.consecutiveFailures() + 1;
            CredentialRecord next;
            CredentialChange change;
            if (failures >= policy.maxFailures()) {
                next = held.withFailures(0, now.plus(policy.lockoutDuration()));
                change = CredentialChange.LOCKED_OUT;
            } else {
                next = held.withFailures(failures, held.lockedUntil());
                change = CredentialChange.LOGIN_FAILED;
            }
            commit(new CredentialEvent(principal, next, change, now, principal));
            return next;
        }
    }

    /** Clears the failure count after a successful login (no event when there is nothing to clear). */
    void recordSuccess(String principal) {
        Instant now = clock.instant();
        synchronized (this) {
            CredentialRecord held = directory.credential(principal).orElse(null);
            if (held == null || (held.consecutiveFailures() == 0 && held.lockedUntil() == null)) {
                return;
            }
            commit(new CredentialEvent(principal, held.withFailures(0, null), CredentialChange.FAILURES_RESET,
                    now, principal));
        }
    }

    private void commit(CredentialEvent event) {
        sink.publish(event);
        directory.apply(event);
    }

    private void commit(CertificateEvent event) {
        sink.publish(event);
        directory.apply(event);
    }
}
