package energy.mdma.ingest.api;

import energy.mdma.party.auth.AuthOutcome;
import energy.mdma.party.auth.AuthResult;
import energy.mdma.service.auth.BasicAuthPolicy;
import energy.mdma.service.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * The ingest API's side of HTTP Basic ({@link energy.mdma.service.auth.BasicAuthenticationFilter}): everything under
 * /api needs a login (parties and credentials from mdma.parties / mdma.credentials). A missing, malformed or wrong
 * login, a locked or an expired password: 401. Logs the user and outcome, never the password.
 */
@ApplicationScoped
public class IngestAuthPolicy implements BasicAuthPolicy {
    private static final Logger LOG = Logger.getLogger(IngestAuthPolicy.class);
    static final String CHALLENGE = "Basic realm=\"MDMA ingest\", charset=\"UTF-8\"";

    @Inject
    Caller caller;

    @Override
    public boolean protects(String path) {
        return path.startsWith("/api/");
    }

    @Override
    public Response missing(ContainerRequestContext ctx, String path, String source) {
        return unauthorized("authentication-required", "Authentication required",
                "Send HTTP Basic credentials: user = your party id (or operator name), and your password.", path);
    }

    @Override
    public Response malformed(ContainerRequestContext ctx, String path, String source) {
        return unauthorized("malformed-credentials", "Malformed credentials",
                "The Authorization header is not HTTP Basic: send 'Basic ' + base64(UTF-8 of 'user:password').", path);
    }

    @Override
    public Response authenticated(ContainerRequestContext ctx, String path, String source, String user,
                                  AuthResult result) {
        if (result.outcome() == AuthOutcome.OK) {
            caller.set(result.principal());
            return null;
        }
        LOG.infof("login refused: user %s from %s: %s", safe(user), source, result.outcome());
        return switch (result.outcome()) {
            case LOCKED -> unauthorized("locked", "Locked out", "Too many failed logins: " + safe(user)
                    + " is locked until " + result.lockedUntil() + ".", path);
            case EXPIRED -> unauthorized("password-expired", "Password expired", "The password of " + safe(user)
                    + " has expired; set a new one through the delivery API (PUT /api/v1/parties/" + safe(user)
                    + "/password).", path);
            default -> unauthorized("invalid-credentials", "Invalid credentials",
                    "The user name or password is wrong (or the party has no password yet).", path);
        };
    }

    @Override
    public Response unknownCertificate(ContainerRequestContext ctx, String path, String source, String fingerprint) {
        LOG.infof("login refused: unregistered client certificate sha256 %s from %s", fingerprint, source);
        return unauthorized("unknown-certificate", "Unknown client certificate",
                "The client certificate presented is not registered for any party (or is outside its validity dates); "
                        + "an MDMA operator registers it through the delivery API, or send HTTP Basic credentials.", path);
    }

    @Override
    public Response ambiguous(ContainerRequestContext ctx, String path, String source, String certificateUser,
                              String basicUser) {
        LOG.infof("login refused: certificate of %s with Basic user %s from %s", safe(certificateUser), safe(basicUser), source);
        return unauthorized("ambiguous-credentials", "Ambiguous credentials",
                "The client certificate and the HTTP Basic user name are for different parties.", path);
    }

    private static String safe(String user) {
        return user.length() > 64 ? user.substring(0, 64) + "..." : user.replaceAll("[^A-Za-z0-9._-]", "?");
    }

    private static Response unauthorized(String slug, String title, String detail, String path) {
        return new Problem(slug, title, 401, detail).instance(path).response(Map.of("WWW-Authenticate", CHALLENGE));
    }
}
