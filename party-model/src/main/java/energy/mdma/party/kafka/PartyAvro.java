package energy.mdma.party.kafka;

import energy.mdma.events.CredentialEvent;
import energy.mdma.events.CredentialKind;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.party.auth.LoginLockout;
import energy.mdma.party.model.CertificateEvent;
import energy.mdma.party.model.CredentialChange;
import energy.mdma.party.model.CredentialRecord;
import energy.mdma.party.model.CredentialUpdate;
import energy.mdma.party.model.LockoutEvent;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.party.model.PartyUpdate;
import energy.mdma.party.model.Role;

import java.time.Instant;
import java.util.Optional;

/**
 * Maps the party model's events to and from the Avro events of the compacted topics {@code mdma.parties}
 * ({@link PartyEvent}, key party id) and {@code mdma.credentials} ({@link CredentialEvent}, key principal). A removal
 * is a tombstone: key with a null value.
 *
 * <p>Every service that feeds a {@link PartyDirectory} from the topics should map through here, so that all of them
 * read the same state from the same log.
 */
public final class PartyAvro {

    private PartyAvro() {
    }

    /** The record value for mdma.parties, or null for a removal (tombstone). Key: {@link PartyUpdate#partyId()}. */
    public static PartyEvent toAvro(PartyUpdate event) {
        if (event.isRemoval()) {
            return null;
        }
        Party p = event.party();
        return PartyEvent.newBuilder()
                .setPartyId(p.id())
                .setRole(PartyRole.valueOf(p.role().name()))
                .setName(p.name())
                .setDuns(p.duns())
                .setChangedBy(event.actor() == null ? "unknown" : event.actor())
                .setChangedAt(event.at())
                .setSourceFileId(null)
                .build();
    }

    /**
     * The party event a record of mdma.parties stands for.
     *
     * @param key        the record key (party id)
     * @param value      the value, or null for a tombstone
     * @param recordTime the record's timestamp (used for tombstones)
     * @return empty when the record cannot be a party (invalid id)
     */
    public static Optional<PartyUpdate> fromAvro(String key, PartyEvent value, Instant recordTime) {
        if (value == null) {
            return key == null ? Optional.empty() : Optional.of(PartyUpdate.removed(key, recordTime, "log"));
        }
        if (!Party.isValidId(value.getPartyId())) {
            return Optional.empty();
        }
        Party party = new Party(value.getPartyId(), Role.valueOf(value.getRole().name()), value.getName(),
                value.getDuns());
        return Optional.of(PartyUpdate.upsert(party, value.getChangedAt(), value.getChangedBy()));
    }

    /**
     * The record value for mdma.credentials, or null for a removal (tombstone). Key:
     * {@link CredentialUpdate#principal()}.
     */
    public static CredentialEvent toAvro(CredentialUpdate event) {
        if (event.isRemoval()) {
            return null;
        }
        CredentialRecord c = event.credential();
        return CredentialEvent.newBuilder()
                .setPartyId(c.principal())
                .setKind(CredentialKind.PASSWORD)
                .setHash(c.passwordHash())
                .setSetAt(c.passwordSetAt())
                .setSetBy(event.actor() == null ? "unknown" : event.actor())
                .setChange(event.change().name())
                .setConsecutiveFailures(0)
                .setLockedUntil(null)
                .setVersion(c.version())
                .build();
    }

    /**
     * The credential event a record of mdma.credentials stands for.
     *
     * <p>Records written before the login state was part of the event carry version 0: the log order decides
     * for them (they are given the held record's version + 1), as it does on a compacted topic. Failure counts and
     * locks in a password record (written before lockout state had its own key) are not taken: that state is a
     * {@link LockoutEvent} now.
     *
     * @param key        the record key (principal)
     * @param value      the value, or null for a tombstone
     * @param recordTime the record's timestamp
     * @param held       the record currently held for that principal
     * @return empty for credentials this model does not handle (client certificates)
     */
    public static Optional<CredentialUpdate> fromAvro(String key, CredentialEvent value,
                                                      Instant recordTime, Optional<CredentialRecord> held) {
        if (value == null) {
            return key == null || isCertificateKey(key) || isLockoutKey(key) ? Optional.empty()
                    : Optional.of(new CredentialUpdate(key, null, CredentialChange.REMOVED, recordTime, "log"));
        }
        if (value.getKind() != CredentialKind.PASSWORD || isLockoutKey(key)) {
            return Optional.empty();
        }
        long version = value.getVersion();
        if (version <= 0) {
            version = held.map(CredentialRecord::version).orElse(0L) + 1;
        }
        CredentialRecord record = new CredentialRecord(value.getPartyId(), value.getHash(), value.getSetAt(), version);
        return Optional.of(new CredentialUpdate(value.getPartyId(), record, change(value.getChange()),
                value.getSetAt(), value.getSetBy()));
    }

    /** Separates a principal from a certificate fingerprint in a key: not a character of a party id. */
    private static final String CERTIFICATE_KEY_INFIX = "/certificate/";

    /**
     * The key of a client certificate's record on mdma.credentials: {@code {principal}/certificate/{fingerprint}}.
     * Not the principal alone, so that on the compacted topic a certificate never replaces (nor is replaced by) the
     * principal's password record, and each certificate is removed by its own tombstone.
     */
    public static String certificateKey(String principal, String fingerprint) {
        return principal + CERTIFICATE_KEY_INFIX + fingerprint;
    }

    static boolean isCertificateKey(String key) {
        return key != null && key.contains(CERTIFICATE_KEY_INFIX);
    }

    /**
     * The record value for a client certificate (kind CLIENT_CERTIFICATE, {@code hash} = the SHA-256 fingerprint,
     * nothing else of the certificate), or null for a removal (tombstone). Key: {@link #certificateKey}.
     */
    public static CredentialEvent toAvro(CertificateEvent event) {
        if (event.isRemoval()) {
            return null;
        }
        return CredentialEvent.newBuilder()
                .setPartyId(event.principal())
                .setKind(CredentialKind.CLIENT_CERTIFICATE)
                .setHash(event.fingerprint())
                .setSetAt(event.at())
                .setSetBy(event.actor() == null ? "unknown" : event.actor())
                .setChange("CERTIFICATE_REGISTERED")
                .setConsecutiveFailures(0)
                .setLockedUntil(null)
                .setVersion(1)
                .build();
    }

    /**
     * The certificate event a record of mdma.credentials stands for: a CLIENT_CERTIFICATE value, or a tombstone
     * under a {@link #certificateKey}; empty for passwords and for anything malformed.
     */
    public static Optional<CertificateEvent> certificateFromAvro(String key, CredentialEvent value,
                                                                 Instant recordTime) {
        if (value == null) {
            if (!isCertificateKey(key)) {
                return Optional.empty();
            }
            int at = key.lastIndexOf(CERTIFICATE_KEY_INFIX);
            String principal = key.substring(0, at);
            String fingerprint = key.substring(at + CERTIFICATE_KEY_INFIX.length());
            if (principal.isEmpty() || !CertificateEvent.isFingerprint(fingerprint)) {
                return Optional.empty();
            }
            return Optional.of(new CertificateEvent(principal, fingerprint, false, recordTime, "log"));
        }
        if (value.getKind() != CredentialKind.CLIENT_CERTIFICATE || !CertificateEvent.isFingerprint(value.getHash())
                || value.getPartyId() == null || value.getPartyId().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CertificateEvent(value.getPartyId(), value.getHash(), true, value.getSetAt(),
                value.getSetBy()));
    }

    /** Separates a principal from the lockout suffix in a key: not a character of a party id. */
    private static final String LOCKOUT_KEY_SUFFIX = "/lockout";

    /**
     * The key of a principal's lockout state on mdma.credentials: {@code {principal}/lockout}, beside (never instead
     * of) its password record, so that compaction keeps both.
     */
    public static String lockoutKey(String principal) {
        return principal + LOCKOUT_KEY_SUFFIX;
    }

    static boolean isLockoutKey(String key) {
        return key != null && key.endsWith(LOCKOUT_KEY_SUFFIX);
    }

    /**
     * The record value of a lockout state: kind PASSWORD without a hash (empty), {@code change} LOGIN_FAILED /
     * LOCKED_OUT / FAILURES_RESET, the count and lock end, {@code version} = the credential version it counted
     * against, {@code setBy} = the writing instance. Key: {@link #lockoutKey}.
     */
    public static CredentialEvent toAvro(LockoutEvent event) {
        return CredentialEvent.newBuilder()
                .setPartyId(event.principal())
                .setKind(CredentialKind.PASSWORD)
                .setHash("")
                .setSetAt(event.at())
                .setSetBy(event.writer())
                .setChange(event.change().name())
                .setConsecutiveFailures(event.failures())
                .setLockedUntil(event.lockedUntil())
                .setVersion(event.credentialVersion())
                .build();
    }

    /** The lockout state a record of mdma.credentials stands for; empty unless it is one (key and content). */
    public static Optional<LockoutEvent> lockoutFromAvro(String key, CredentialEvent value) {
        if (value == null || !isLockoutKey(key) || value.getKind() != CredentialKind.PASSWORD
                || !Party.isValidId(value.getPartyId()) || !key.equals(lockoutKey(value.getPartyId()))) {
            return Optional.empty();
        }
        CredentialChange change = change(value.getChange());
        if (change != CredentialChange.LOGIN_FAILED && change != CredentialChange.LOCKED_OUT
                && change != CredentialChange.FAILURES_RESET) {
            return Optional.empty();
        }
        return Optional.of(new LockoutEvent(value.getPartyId(), value.getVersion(),
                Math.max(0, value.getConsecutiveFailures()), value.getLockedUntil(), change, value.getSetAt(),
                value.getSetBy() == null ? "" : value.getSetBy()));
    }

    /**
     * Applies one record of mdma.credentials (password or client certificate, value or tombstone) to a directory;
     * lockout states are skipped (see the overload that takes a {@link LoginLockout}).
     */
    public static void applyCredential(String key, CredentialEvent value, Instant recordTime,
                                       PartyDirectory directory) {
        applyCredential(key, value, recordTime, directory, null);
    }

    /**
     * Applies one record of mdma.credentials: a password or client certificate (value or tombstone) to the
     * directory, a lockout state to {@code lockout} (when given). What every login service's reader calls.
     */
    public static void applyCredential(String key, CredentialEvent value, Instant recordTime,
                                       PartyDirectory directory, LoginLockout lockout) {
        if (isLockoutKey(key)) {
            if (lockout != null) {
                lockoutFromAvro(key, value).ifPresent(e -> lockout.apply(e,
                        directory.credential(e.principal()).map(CredentialRecord::version).orElse(-1L)));
            }
            return;
        }
        Optional<CertificateEvent> certificate = certificateFromAvro(key, value, recordTime);
        if (certificate.isPresent()) {
            directory.apply(certificate.get());
            return;
        }
        fromAvro(key, value, recordTime, directory.credential(key)).ifPresent(directory::apply);
    }

    private static CredentialChange change(String text) {
        if (text == null) {
            return CredentialChange.PASSWORD_SET;
        }
        try {
            return CredentialChange.valueOf(text);
        } catch (IllegalArgumentException e) {
            return CredentialChange.PASSWORD_SET;
        }
    }
}
