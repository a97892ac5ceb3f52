package energy.mdma.party.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A client certificate registered for a principal, or its removal. Carries only the certificate's SHA-256
 * fingerprint ({@link energy.mdma.party.auth.CertificateFingerprint}), never the certificate's key (the private key
 * is never sent to the MDMA at all). On mdma.credentials it is keyed by
 * {@link energy.mdma.party.kafka.PartyAvro#certificateKey(String, String)}, so compaction keeps it next to, not
 * instead of, the principal's password record.
 *
 * @param principal   the party id (or operator name) the certificate authenticates as
 * @param fingerprint lower-case hex SHA-256 of the certificate's DER encoding (64 characters)
 * @param registered  true when registered, false when removed
 * @param at          when
 * @param actor       who did it
 */
public record CertificateEvent(String principal, String fingerprint, boolean registered, Instant at, String actor) {

    public CertificateEvent {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(at, "at");
        if (!isFingerprint(fingerprint)) {
            throw new IllegalArgumentException("fingerprint must be 64 lower-case hex characters");
        }
    }

    public boolean isRemoval() {
        return !registered;
    }

    /** 64 lower-case hex characters (SHA-256). */
    public static boolean isFingerprint(String s) {
        return s != null && s.matches("[0-9a-f]{64}");
    }
}
