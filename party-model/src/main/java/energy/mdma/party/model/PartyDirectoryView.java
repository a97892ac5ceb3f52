package energy.mdma.party.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The party directory view ingest and delivery serve from: {@link PartyDirectory} held in memory, rebuilt by
 * applying the events of mdma.parties and mdma.credentials. Production code, not a test double.
 */
public class PartyDirectoryView implements PartyDirectory {

    private final ConcurrentMap<String, Party> parties = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CredentialRecord> credentials = new ConcurrentHashMap<>();
    /** fingerprint -> principals (a fingerprint is registered for one principal; the log decides, not this map) */
    private final ConcurrentMap<String, Set<String>> certificateHolders = new ConcurrentHashMap<>();

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
    public void apply(PartyUpdate event) {
        if (event.isRemoval()) {
            parties.remove(event.partyId());
        } else {
            parties.put(event.partyId(), event.party());
        }
    }

    @Override
    public void apply(CredentialUpdate event) {
        if (event.isRemoval()) {
            credentials.remove(event.principal());
            return;
        }
        CredentialRecord incoming = event.credential();
        credentials.merge(event.principal(), incoming,
                (held, in) -> in.version() > held.version() ? in : held);
    }

    @Override
    public Set<String> certificates(String principal) {
        Set<String> out = new TreeSet<>();
        if (principal != null) {
            certificateHolders.forEach((fp, holders) -> {
                if (holders.contains(principal)) {
                    out.add(fp);
                }
            });
        }
        return out;
    }

    @Override
    public Set<String> certificateHolders(String fingerprint) {
        Set<String> held = fingerprint == null ? null : certificateHolders.get(fingerprint);
        return held == null ? Set.of() : new TreeSet<>(held);
    }

    @Override
    public void apply(CertificateEvent event) {
        certificateHolders.compute(event.fingerprint(), (fp, held) -> {
            Set<String> next = held == null ? new TreeSet<>() : new TreeSet<>(held);
            if (event.registered()) {
                next.add(event.principal());
            } else {
                next.remove(event.principal());
            }
            return next.isEmpty() ? null : Set.copyOf(next);
        });
    }
}
