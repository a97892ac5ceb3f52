package energy.mdma.delivery.security;

import energy.mdma.delivery.app.DeliveryConfig;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.Auditor;
import energy.mdma.party.auth.AuthMethod;
import energy.mdma.party.auth.AuthOutcome;
import energy.mdma.party.auth.AuthResult;
import energy.mdma.party.auth.Authenticator;
import energy.mdma.service.auth.BasicAuthPolicy;
import energy.mdma.service.auth.Caller;
import energy.mdma.service.auth.RateLimiter;
import energy.mdma.service.auth.RequestThrottle;
import energy.mdma.service.text.SafeText;
import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery API's side of HTTP Basic ({@link energy.mdma.service.auth.BasicAuthenticationFilter}) for everything
 * under /api and the SLA dashboard page (/dashboard). The filter has applied the cheap checks and the rate limits
 * (per source address for unproven requests, per party) before anything arrives here; every attempt that arrives is
 * audited (user, source, outcome; never the password; fields capped). A request refused by a limit is answered 429
 * and audited once when the limit starts refusing, not one by one.
 *
 * <p>Refusals: no/wrong credentials, unknown user, locked (with Retry-After) and expired (with what to do) all
 * answer 401 with WWW-Authenticate; the only thing an expired password may still do is set a new password for
 * its own principal.
 */
@ApplicationScoped
public class DeliveryAuthPolicy implements BasicAuthPolicy {

    static final String CHALLENGE = "Basic realm=\"MDMA delivery\", charset=\"UTF-8\"";

    @Inject
    Authenticator authenticator;
    @Inject
    DeliveryConfig config;
    @Inject
    RequestThrottle throttle;
    @Inject
    Caller caller;
    @Inject
    Auditor auditor;
    @Inject
    Clock clock;

    @Override
    public boolean protects(String path) {
        return path.startsWith("/api/") || path.equals("/dashboard") || path.startsWith("/dashboard/");
    }

    @Override
    public Response missing(ContainerRequestContext ctx, String path, String source) {
        auditor.recordLogin(null, null, source, AuditOutcome.UNAUTHENTICATED, "NO_CREDENTIALS", path);
        return unauthorized("authentication-required", "Authentication required",
                "Send HTTP Basic credentials: user = your party id (or operator name), and your password.",
                path, null);
    }

    @Override
    public Response malformed(ContainerRequestContext ctx, String path, String source) {
        auditor.recordLogin(null, null, source, AuditOutcome.UNAUTHENTICATED, "MALFORMED_CREDENTIALS", path);
        return unauthorized("malformed-credentials", "Malformed credentials",
                "The Authorization header is not valid HTTP Basic: send 'Basic ' + base64(UTF-8 of 'user:password').",
                path, null);
    }

    @Override
    public Response authenticated(ContainerRequestContext ctx, String path, String source, String user,
                                  AuthResult result) {
        String role = result.principal() == null ? null : result.principal().role().name();
        boolean ok = result.outcome() == AuthOutcome.OK;
        String detail = result.method() == AuthMethod.CERTIFICATE
                ? result.outcome().name() + " method=certificate" : result.outcome().name();
        auditor.recordLogin(user, role, source, ok ? AuditOutcome.SUCCESS : AuditOutcome.UNAUTHENTICATED,
                detail, path);
        switch (result.outcome()) {
            case OK:
                caller.set(result, source);
                return null;
            case EXPIRED:
                if ("PUT".equals(ctx.getMethod()) && path.equals("/api/v1/parties/" + user + "/password")) {
                    caller.set(result, source);
                    return null;
                }
                return unauthorized("password-expired", "Password expired",
                        "The password of " + user + " expired on " + result.expiresAt() + ". Set a new one with PUT /api/v1/parties/"
                                + user + "/password and JSON {\"password\": \"...\"} (at least " + config.auth().passwordMinLength()
                                + " characters), authenticating with the expired password, or ask an MDMA operator to set one.",
                        path, Map.of("expiredAt", result.expiresAt().toString()));
            case LOCKED: {
                long seconds = Math.max(1, Duration.between(clock.instant(), result.lockedUntil()).toSeconds());
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Retry-After", Long.toString(seconds));
                return unauthorized("account-locked", "Account locked",
                        "Too many failed logins in a row for " + user + ": it is locked until " + result.lockedUntil()
                                + ". Retry after that with the right password, or ask an MDMA operator to set a new one (which unlocks it).",
                        path, Map.of("lockedUntil", result.lockedUntil().toString()), headers);
            }
            case UNAVAILABLE: {
                Problem p = new Problem("login-unavailable", "Login cannot be checked now", 503,
                        "Logins of " + SafeText.cap(user, 64) + " are refused for now: a failed login could not be "
                                + "recorded (the event log is unreachable), or too many attempts for it are under way. "
                                + "Retry later; the password was not checked.");
                return Problems.response(p, path, Map.of("Retry-After", "30"));
            }
            default: {
                return unauthorized("invalid-credentials", "Invalid credentials",
                        "The user name or password is wrong. After " + authenticator.policy().maxFailures()
                                + " failures in a row the account is locked for "
                                + authenticator.policy().lockoutDuration().toMinutes() + " minutes.",
                        path, result.lockedUntil() == null ? null : Map.of("lockedUntil", result.lockedUntil().toString()));
            }
        }
    }

    @Override
    public Response unknownCertificate(ContainerRequestContext ctx, String path, String source, String fingerprint) {
        auditor.recordLogin(null, null, source, AuditOutcome.UNAUTHENTICATED, "UNKNOWN_CERTIFICATE sha256=" + fingerprint,
                path);
        return unauthorized("unknown-certificate", "Unknown client certificate",
                "The client certificate presented is not registered for any party (or is outside its validity dates). "
                        + "Ask an MDMA operator to register it (PUT /api/v1/parties/{party}/certificate), or send HTTP "
                        + "Basic credentials.", path, Map.of("fingerprint", fingerprint));
    }

    @Override
    public Response ambiguous(ContainerRequestContext ctx, String path, String source, String certificateUser,
                              String basicUser) {
        auditor.recordLogin(certificateUser, null, source, AuditOutcome.UNAUTHENTICATED, "AMBIGUOUS_CREDENTIALS", path);
        return unauthorized("ambiguous-credentials", "Ambiguous credentials",
                "The client certificate and the HTTP Basic user name are for different parties: send one of them, "
                        + "or both for the same party.", path, null);
    }

    @Override
    public Response rateLimited(ContainerRequestContext ctx, String path, String source, String party,
                                RateLimiter.Decision decision) {
        RequestThrottle.Settings limits = throttle.settings();
        String who = party == null ? "this address (requests without valid credentials, and password checks)"
                : SafeText.cap(party, 64);
        String limit = party == null
                ? limits.perSourcePerSecond() + " per second, burst " + limits.perSourceBurst()
                : limits.perPartyPerSecond() + " per second, burst " + limits.perPartyBurst();
        if (decision.firstRefusal()) {
            // once per episode, not per request: a flood must not fill the audit
            auditor.recordLogin(party, null, source, AuditOutcome.DENIED,
                    party == null ? "RATE_LIMITED source" : "RATE_LIMITED party", path);
        }
        Problem p = new Problem("rate-limited", "Too many requests", 429,
                "Too many requests for " + who + " (limit " + limit + "). Retry after "
                        + decision.retryAfterSeconds() + " s.").with("retryAfterSeconds", decision.retryAfterSeconds());
        return Problems.response(p, path, Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
    }

    private static Response unauthorized(String slug, String title, String detail, String path, Map<String, Object> ext) {
        return unauthorized(slug, title, detail, path, ext, new LinkedHashMap<>());
    }

    private static Response unauthorized(String slug, String title, String detail, String path, Map<String, Object> ext,
                                         Map<String, String> headers) {
        Problem p = new Problem(slug, title, 401, detail);
        if (ext != null) {
            ext.forEach(p::with);
        }
        headers.put("WWW-Authenticate", CHALLENGE);
        return Problems.response(p, path, headers);
    }
}
