package energy.mdma.ingest.api;

import energy.mdma.party.auth.AuthOutcome;
import energy.mdma.party.auth.AuthResult;
import energy.mdma.party.auth.Authenticator;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * HTTP Basic against the party model (parties and credentials from mdma.parties / mdma.credentials) for everything
 * under /api. Runs after routing on the endpoint's worker thread (the endpoints are blocking), so bcrypt never
 * blocks the event loop. A missing, malformed or wrong login, a locked or an expired password: 401. Logs the user
 * and outcome, never the password.
 */
public class AuthenticationFilter {
    private static final Logger LOG = Logger.getLogger(AuthenticationFilter.class);
    static final String CHALLENGE = "Basic realm=\"MDMA ingest\", charset=\"UTF-8\"";

    @Inject
    Authenticator authenticator;
    @Inject
    Caller caller;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = "/" + ctx.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith("/api/")) {
            return null;
        }
        String header = ctx.getHeaderString("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return unauthorized("authentication-required", "Authentication required",
                    "Send HTTP Basic credentials: user = your party id (or operator name), and your password.", path);
        }
        String user;
        char[] password;
        try {
            byte[] raw = Base64.getDecoder().decode(header.substring(6).trim());
            CharBuffer buf = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            Arrays.fill(raw, (byte) 0);
            char[] decoded = new char[buf.remaining()];
            buf.get(decoded);
            if (buf.hasArray()) {
                Arrays.fill(buf.array(), '\0');
            }
            int colon = -1;
            for (int i = 0; i < decoded.length && colon < 0; i++) {
                if (decoded[i] == ':') {
                    colon = i;
                }
            }
            if (colon < 0) {
                Arrays.fill(decoded, '\0');
                throw new IllegalArgumentException();
            }
            user = new String(decoded, 0, colon);
            password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
            Arrays.fill(decoded, '\0');
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return unauthorized("malformed-credentials", "Malformed credentials",
                    "The Authorization header is not HTTP Basic: send 'Basic ' + base64(UTF-8 of 'user:password').",
                    path);
        }
        String source = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        AuthResult result;
        try {
            result = authenticator.authenticate(user, password, source);
        } finally {
            Arrays.fill(password, '\0');
        }
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

    private static String safe(String user) {
        return user.length() > 64 ? user.substring(0, 64) + "..." : user.replaceAll("[^A-Za-z0-9._-]", "?");
    }

    private static Response unauthorized(String slug, String title, String detail, String path) {
        return new Problem(slug, title, 401, detail).instance(path).response(Map.of("WWW-Authenticate", CHALLENGE));
    }
}
