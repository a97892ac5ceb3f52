package energy.mdma.service.auth;

import energy.mdma.party.auth.AuthResult;
import energy.mdma.party.auth.Authenticator;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * HTTP Basic against the party model ({@link Authenticator}) for the paths the service's {@link BasicAuthPolicy}
 * protects. Runs after routing on the endpoint's worker thread (the endpoints are blocking), so bcrypt never
 * blocks the event loop. The password is wiped once verified and never logged; what each outcome answers is the
 * policy's.
 */
public class BasicAuthenticationFilter {

    /**
     * Resolved at the first request, not when REST creates its filters at static init (the services' Authenticator
     * is built from runtime configuration, which does not exist then).
     */
    @Inject
    Instance<Authenticator> authenticator;
    @Inject
    BasicAuthPolicy policy;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = "/" + ctx.getUriInfo().getPath().replaceFirst("^/", "");
        if (!policy.protects(path)) {
            return null;
        }
        String source = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String header = ctx.getHeaderString("Authorization");
        if (!BasicCredentials.isBasic(header)) {
            return policy.missing(ctx, path, source);
        }
        Optional<BasicCredentials> decoded = BasicCredentials.decode(header);
        if (decoded.isEmpty()) {
            return policy.malformed(ctx, path, source);
        }
        AuthResult result;
        String user;
        try (BasicCredentials credentials = decoded.get()) {
            user = credentials.user();
            result = authenticator.get().authenticate(user, credentials.password(), source);
        }
        return policy.authenticated(ctx, path, source, user, result);
    }
}
