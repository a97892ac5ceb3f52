package energy.mdma.service.auth;

import energy.mdma.party.auth.AuthResult;
import energy.mdma.party.auth.PartyPrincipal;
import jakarta.enterprise.context.RequestScoped;

/**
 * The caller of the current request, as the service's {@link BasicAuthPolicy} let it in: the result of its
 * authentication and its source address (set by the policy, read by the resources and the audit).
 */
@RequestScoped
public class Caller {

    private AuthResult result;
    private String source;

    /** Called by the service's {@link BasicAuthPolicy} once it lets the request in. */
    public void set(AuthResult result, String source) {
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

    /** The principal's name, or the user that was refused (null before authentication). */
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

    /** The source address of the request. */
    public String source() {
        return source;
    }
}
