package energy.mdma.ingest.api;

import energy.mdma.ingest.kafka.IngestLog;
import energy.mdma.party.auth.AuthMethod;
import energy.mdma.party.auth.AuthOutcome;
import energy.mdma.party.auth.AuthResult;
import energy.mdma.service.auth.BasicAuthPolicy;
import energy.mdma.service.auth.BasicAuthenticationFilter;
import energy.mdma.service.auth.Caller;
import energy.mdma.service.auth.RateLimiter;
import energy.mdma.service.auth.RequestThrottle;
import energy.mdma.service.problem.Problem;
import energy.mdma.service.text.SafeText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * The ingest API's side of HTTP Basic ({@link BasicAuthenticationFilter}): everything under
 * /api needs a login (parties and credentials from mdma.parties / mdma.credentials; the credentials are delivery's,
 * failed logins here are counted by the lockout and shared on mdma.credentials). The filter has applied the cheap
 * checks and the rate limits before anything arrives here. A missing, malformed or wrong login, a locked or an
 * expired password: 401; a limit: 429; a failed login that cannot be recorded: 503.
 *
 * <p>Every login attempt that arrives here is audited on mdma.audit as delivery does (user, role, source, outcome,
 * path; never the password), refusals are logged; every text from the request is capped and freed of control
 * characters first ({@link SafeText}), so a user name cannot forge a log line.
 */
@ApplicationScoped
public class IngestAuthPolicy implements BasicAuthPolicy {
    private static final Logger LOG = Logger.getLogger(IngestAuthPolicy.class);
    static final String CHALLENGE = "Basic realm=\"MDMA ingest\", charset=\"UTF-8\"";

    @Inject
    Caller caller;
    @Inject
    IngestLog log;
    @Inject
    RequestThrottle throttle;

    @Override
    public boolean protects(String path) {
        return path.startsWith("/api/");
    }

    @Override
    public Response missing(ContainerRequestContext ctx, String path, String source) {
        audit(null, null, source, "UNAUTHENTICATED", "NO_CREDENTIALS", path);
        return unauthorized("authentication-required", "Authentication required",
                "Send HTTP Basic credentials: user = your party id (or operator name), and your password.", path);
    }

    @Override
    public Response malformed(ContainerRequestContext ctx, String path, String source) {
        audit(null, null, source, "UNAUTHENTICATED", "MALFORMED_CREDENTIALS", path);
        return unauthorized("malformed-credentials", "Malformed credentials",
                "The Authorization header is not HTTP Basic: send 'Basic ' + base64(UTF-8 of 'user:password').", path);
    }

    @Override
    public Response authenticated(ContainerRequestContext ctx, String path, String source, String user,
                                  AuthResult result) {
        String detail = result.method() == AuthMethod.CERTIFICATE
                ? result.outcome().name() + " method=certificate" : result.outcome().name();
        if (result.outcome() == AuthOutcome.OK) {
            caller.set(result, source);
            audit(user, result.principal().role().name(), source, "SUCCESS", detail, path);
            return null;
        }
        audit(user, result.principal() == null ? null : result.principal().role().name(), source, "UNAUTHENTICATED",
                detail, path);
        LOG.infof("login refused: user %s from %s: %s", safe(user), safe(source), result.outcome());
        return switch (result.outcome()) {
            case LOCKED -> unauthorized("locked", "Locked out", "Too many failed logins: " + safe(user)
                    + " is locked until " + result.lockedUntil() + ".", path);
            case EXPIRED -> unauthorized("password-expired", "Password expired", "The password of " + safe(user)
                    + " has expired; set a new one through the delivery API (PUT /api/v1/parties/" + safe(user)
                    + "/password).", path);
            case UNAVAILABLE -> new Problem("login-unavailable", "Login cannot be checked now", 503,
                    "Logins of " + safe(user) + " are refused for now: a failed login could not be recorded (the event "
                            + "log is unreachable), or too many attempts for it are under way. Retry later.")
                    .instance(path).response(Map.of("Retry-After", "30"));
            default -> unauthorized("invalid-credentials", "Invalid credentials",
                    "The user name or password is wrong (or the party has no password yet).", path);
        };
    }

    @Override
    public Response unknownCertificate(ContainerRequestContext ctx, String path, String source, String fingerprint) {
        audit(null, null, source, "UNAUTHENTICATED", "UNKNOWN_CERTIFICATE sha256=" + fingerprint, path);
        LOG.infof("login refused: unregistered client certificate sha256 %s from %s", fingerprint, safe(source));
        return unauthorized("unknown-certificate", "Unknown client certificate",
                "The client certificate presented is not registered for any party (or is outside its validity dates); "
                        + "an MDMA operator registers it through the delivery API, or send HTTP Basic credentials.", path);
    }

    @Override
    public Response ambiguous(ContainerRequestContext ctx, String path, String source, String certificateUser,
                              String basicUser) {
        audit(certificateUser, null, source, "UNAUTHENTICATED", "AMBIGUOUS_CREDENTIALS", path);
        LOG.infof("login refused: certificate of %s with Basic user %s from %s", safe(certificateUser), safe(basicUser),
                safe(source));
        return unauthorized("ambiguous-credentials", "Ambiguous credentials",
                "The client certificate and the HTTP Basic user name are for different parties.", path);
    }

    @Override
    public Response rateLimited(ContainerRequestContext ctx, String path, String source, String party,
                                RateLimiter.Decision decision) {
        RequestThrottle.Settings s = throttle.settings();
        if (decision.firstRefusal()) {
            // once per episode, not per request: a flood must not fill the audit or the log
            audit(party, null, source, "DENIED", party == null ? "RATE_LIMITED source" : "RATE_LIMITED party", path);
            LOG.infof("rate limited: %s from %s", party == null ? "unauthenticated requests" : safe(party), safe(source));
        }
        String limit = party == null ? s.perSourcePerSecond() + " per second, burst " + s.perSourceBurst()
                : s.perPartyPerSecond() + " per second, burst " + s.perPartyBurst();
        return new Problem("rate-limited", "Too many requests", 429, "Too many requests for "
                + (party == null ? "this address (requests without valid credentials, and password checks)" : safe(party))
                + " (limit " + limit + "). Retry after " + decision.retryAfterSeconds() + " s.")
                .with("retryAfterSeconds", decision.retryAfterSeconds()).instance(path)
                .response(Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
    }

    private void audit(String user, String role, String source, String outcome, String detail, String path) {
        log.audit(log.event(user, role, "LOGIN", null, path, source, outcome, detail));
    }

    /** Text from the request, safe for a log line or a message: at most 64 characters, no control characters. */
    static String safe(String s) {
        return s == null ? "-" : SafeText.cap(s, 64);
    }

    private static Response unauthorized(String slug, String title, String detail, String path) {
        return new Problem(slug, title, 401, detail).instance(SafeText.cap(path, 256))
                .response(Map.of("WWW-Authenticate", CHALLENGE));
    }
}
