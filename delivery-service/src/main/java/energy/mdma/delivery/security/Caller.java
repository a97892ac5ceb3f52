package energy.mdma.delivery.security;

import energy.mdma.party.auth.AuthResult;
import energy.mdma.party.auth.PartyPrincipal;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request (set by {@link DeliveryAuthPolicy}). */
@RequestScoped
public class Caller {

    private AuthResult result;
    private String source;

    void set(AuthResult result, String source) {
        this.result = result;
        this.source = source;
    }

    public boolean isAuthenticated() {
        return result != null && result.principal() != null;
    }

    public PartyPrincipal principal() {
        if (!isAuthenticated()) {
            throw new IllegalStateException("no authenticated caller");
        }
        return result.principal();
    }

    public String id() {
        return isAuthenticated() ? result.principal().getName() : (result == null ? null : result.user());
    }

    public String role() {
        return isAuthenticated() ? result.principal().role().name() : null;
    }

    public boolean isOperator() {
        return isAuthenticated() && result.principal().isOperator();
    }

    public AuthResult result() {
        return result;
    }

    public String source() {
        return source;
    }
}
