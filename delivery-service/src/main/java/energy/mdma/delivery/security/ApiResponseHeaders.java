package energy.mdma.delivery.security;

import energy.mdma.service.auth.Caller;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.time.Instant;

/** Headers of every API response: no-store, and the password expiry warning of the caller ({@link DeliveryAuthPolicy}). */
public class ApiResponseHeaders {

    @Inject
    Caller caller;

    /** Adds the password expiry warning and no-store to API responses. */
    @ServerResponseFilter
    public void warn(ContainerRequestContext req, ContainerResponseContext resp) {
        if (!req.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        resp.getHeaders().putSingle("Cache-Control", "no-store");
        if (caller.isAuthenticated() && caller.result().expiryWarning()) {
            Instant expires = caller.result().expiresAt();
            String user = caller.id();
            resp.getHeaders().putSingle("Warning", "299 mdma \"Password expires " + expires
                    + "; set a new one with PUT /api/v1/parties/" + user + "/password\"");
            resp.getHeaders().putSingle("X-Password-Expires", expires.toString());
        }
    }
}
