package energy.mdma.party.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Read model of parties and credentials. Its state is exactly what the applied events say: it can be rebuilt
 * from scratch by applying the compacted topics mdma.parties and mdma.credentials in order. Writes go through
 * {@link energy.mdma.party.auth.PartyRegistry}, which turns every change into an event, publishes it to a
 * {@link PartyEventSink} and applies it here.
 *
 * <p>{@code apply} is idempotent: applying the same event twice, or a credential event older (lower version)
 * than the held record, changes nothing. Implementations are thread-safe.
 */
public interface PartyDirectory {

    Optional<Party> party(String id);

    /** All parties, sorted by id. */
    List<Party> parties();

    Optional<CredentialRecord> credential(String principal);

    void apply(PartyUpdate event);

    void apply(CredentialUpdate event);

    /** The SHA-256 fingerprints of the client certificates registered for {@code principal}, sorted. */
    Set<String> certificates(String principal);

    /** The principals a client certificate fingerprint is registered for (normally none or one), sorted. */
    Set<String> certificateHolders(String fingerprint);

    void apply(CertificateEvent event);
}
