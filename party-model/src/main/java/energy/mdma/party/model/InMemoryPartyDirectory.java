package energy.mdma.party.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link PartyDirectory} held in memory, rebuilt by applying events. */
public class InMemoryPartyDirectory implements PartyDirectory {

    private final ConcurrentMap<String, Party> parties = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CredentialRecord> credentials = new ConcurrentHashMap<>();

    @Override
    public Optional<Party> party(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(parties.get(id));
    }

    @Override
    public List<Party> parties() {
        List<Party> all = new ArrayList<>(parties.values());
        all.sort(Comparator.comparing(Party::id));
        return all;
    }

    @Override
    public Optional<CredentialRecord> credential(String principal) {
        return principal == null ? Optional.empty() : Optional.ofNullable(credentials.get(principal));
    }

    @Override
    public void apply(PartyEvent event) {
        if (event.isRemoval()) {
            parties.remove(event.partyId());
        } else {
            parties.put(event.partyId(), event.party());
        }
    }

    @Override
    public void apply(CredentialEvent event) {
        if (event.isRemoval()) {
            credentials.remove(event.principal());
            return;
        }
        CredentialRecord incoming = event.credential();
        credentials.merge(event.principal(), incoming,
                (held, in) -> in.version() > held.version() ? in : held);
    }
}
