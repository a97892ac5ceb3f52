package energy.mdma.party.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of a party: the party's full new state (upsert) or its removal ({@code party == null}).
 * Meant for a compacted topic (mdma.parties) keyed by {@link #partyId()}: the newest event per key is the state.
 *
 * @param partyId the key
 * @param party   the new state, or null when the party was removed (tombstone)
 * @param at      when the change was made
 * @param actor   who made it (operator name, "ingest", "bootstrap", ...)
 */
public record PartyUpdate(String partyId, Party party, Instant at, String actor) {

    public PartyUpdate {
        Objects.requireNonNull(partyId, "partyId");
        Objects.requireNonNull(at, "at");
        if (party != null && !party.id().equals(partyId)) {
            throw new IllegalArgumentException("party id " + party.id() + " differs from key " + partyId);
        }
    }

    public static PartyUpdate upsert(Party party, Instant at, String actor) {
        return new PartyUpdate(party.id(), party, at, actor);
    }

    public static PartyUpdate removed(String partyId, Instant at, String actor) {
        return new PartyUpdate(partyId, null, at, actor);
    }

    public boolean isRemoval() {
        return party == null;
    }
}
