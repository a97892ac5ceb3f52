package energy.mdma.party.auth;

import energy.mdma.party.model.CertificateEvent;
import energy.mdma.party.model.CredentialChange;
import energy.mdma.party.model.CredentialRecord;
import energy.mdma.party.model.CredentialUpdate;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.party.model.PartyEventSink;
import energy.mdma.party.model.PartyUpdate;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The write side of the party directory: every change becomes an event, is published to the
 * {@link PartyEventSink} (a failing publish aborts the change) and then applied to the {@link PartyDirectory}.
 * Credential changes of one principal are serialized (per principal, not globally: the publish is I/O); the slow
 * hashing happens outside the lock.
 *
 * <p>Only the owner of the credentials (delivery-service) writes through a registry with a real sink: it alone sets
 * passwords and raises a credential's version. Failed logins are not credential changes ({@link LoginLockout}).
 */
public class PartyRegistry {

    private final PartyDirectory directory;
    private final PartyEventSink sink;
    private final PasswordHasher hasher;
    private final PasswordPolicy passwordPolicy;
    private final Clock clock;
    /** One monitor per principal for its credential changes (principals are parties: a bounded set). */
    private final ConcurrentMap<String, Object> principalLocks = new ConcurrentHashMap<>();
    /** Certificate registrations check fingerprints across principals: one monitor for them (operator actions). */
    private final Object certificates = new Object();

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
    public PartyUpdate upsertParty(Party party, String actor) {
        PartyUpdate event = PartyUpdate.upsert(party, clock.instant(), actor);
        sink.publish(event);
        directory.apply(event);
        return event;
    }

    /** Removes a party and its credential. */
    public void removeParty(String partyId, String actor) {
        Instant now = clock.instant();
        synchronized (lockOf(partyId)) {
            Optional<CredentialRecord> held = directory.credential(partyId);
            if (held.isPresent()) {
                commit(new CredentialUpdate(partyId, null, CredentialChange.REMOVED, now, actor));
            }
        }
        for (String fingerprint : directory.certificates(partyId)) {
            removeCertificate(partyId, fingerprint, actor);
        }
        PartyUpdate event = PartyUpdate.removed(partyId, now, actor);
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
    public boolean registerCertificate(String principal, String fingerprint, String actor) {
        synchronized (certificates) {
            return registerCertificateLocked(principal, fingerprint, actor);
        }
    }

    private boolean registerCertificateLocked(String principal, String fingerprint, String actor) {
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
    public boolean removeCertificate(String principal, String fingerprint, String actor) {
        synchronized (certificates) {
            if (!directory.certificates(principal).contains(fingerprint)) {
                return false;
            }
            commit(new CertificateEvent(principal, fingerprint, false, clock.instant(), actor));
            return true;
        }
    }

    /**
     * Sets a principal's password (after checking the policy): a new salted hash, a new set date and a higher
     * version, which voids any failure count or lockout of the old password ({@link LoginLockout}).
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
        synchronized (lockOf(principal)) {
            long version = directory.credential(principal).map(CredentialRecord::version).orElse(0L) + 1;
            CredentialRecord record = new CredentialRecord(principal, hash, now, version);
            commit(new CredentialUpdate(principal, record, CredentialChange.PASSWORD_SET, now, actor));
            return record;
        }
    }

    private Object lockOf(String principal) {
        return principalLocks.computeIfAbsent(principal, p -> new Object());
    }

    private void commit(CredentialUpdate event) {
        sink.publish(event);
        directory.apply(event);
    }

    private void commit(CertificateEvent event) {
        sink.publish(event);
        directory.apply(event);
    }
}
