package energy.mdma.ingest.api;

import energy.mdma.party.auth.PartyPrincipal;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request (set by {@link IngestAuthPolicy}). */
@RequestScoped
public class Caller {
    private PartyPrincipal principal;
    private String source;

    void set(PartyPrincipal principal, String source) {
        this.principal = principal;
        this.source = source;
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

    public String role() {
        return principal().role().name();
    }

    /** The source address of the request. */
    public String source() {
        return source;
    }
}
