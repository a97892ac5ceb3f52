package energy.mdma.party.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of a credential: the record's full new state, or its removal ({@code credential == null}).
 * Meant for a compacted topic (mdma.credentials) keyed by {@link #principal()}. Carries a bcrypt hash, never a
 * password; {@link #toString()} omits the hash.
 *
 * @param principal  the key (party id or operator name)
 * @param credential the new state, or null when removed (tombstone)
 * @param change     what happened
 * @param at         when
 * @param actor      who did it (the principal itself, an operator's name, "bootstrap")
 */
public record CredentialUpdate(String principal, CredentialRecord credential, CredentialChange change,
                               Instant at, String actor) {

    public CredentialUpdate {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(at, "at");
        if (credential != null && !credential.principal().equals(principal)) {
            throw new IllegalArgumentException("credential principal differs from key " + principal);
        }
    }

    public boolean isRemoval() {
        return credential == null;
    }
}
