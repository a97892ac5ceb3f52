package energy.mdma.ingest.api;

import energy.mdma.party.auth.PartyPrincipal;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request (set by {@link IngestAuthPolicy}). */
@RequestScoped
public class Caller {
    private PartyPrincipal principal;

    void set(PartyPrincipal principal) {
        this.principal = principal;
    }

    public PartyPrincipal principal() {
        if (principal == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        return principal;
    }

    public String id() {
        return principal().getName();
    }
}
