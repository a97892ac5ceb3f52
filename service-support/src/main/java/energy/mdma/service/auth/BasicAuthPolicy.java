package energy.mdma.service.auth;

import energy.mdma.party.auth.AuthResult;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

/**
 * What a service decides around {@link BasicAuthenticationFilter}: which paths need a login and how each outcome
 * is answered (problem details, audit, what an expired password may still do). The filter itself applies the cheap
 * checks and the rate limits ({@link RequestThrottle}) before any password is checked; every refusal reaching these
 * methods has passed them. Every service using the filter provides exactly one bean of this type.
 */
public interface BasicAuthPolicy {

    /** Whether a request to {@code path} (e.g. {@code /api/v1/...}) must authenticate. */
    boolean protects(String path);

    /** No Authorization header, or not the Basic scheme: the refusal (401 + WWW-Authenticate). */
    Response missing(ContainerRequestContext ctx, String path, String source);

    /** A Basic header that is not base64 of UTF-8 {@code user:password}: the refusal. */
    Response malformed(ContainerRequestContext ctx, String path, String source);

    /**
     * The party model has answered for {@code user}: null to let the request through (after recording the
     * caller), or the refusal. {@link AuthResult#method()} says whether a password or a registered client
     * certificate authenticated the request (for a certificate, the outcome is OK and {@code user} its party).
     */
    Response authenticated(ContainerRequestContext ctx, String path, String source, String user, AuthResult result);

    /**
     * A client certificate registered for no party (or outside its validity dates) and no Basic header: the
     * refusal (401). {@code fingerprint} is the certificate's SHA-256 fingerprint (not a secret).
     */
    Response unknownCertificate(ContainerRequestContext ctx, String path, String source, String fingerprint);

    /**
     * A client certificate registered for {@code certificateUser} and HTTP Basic for another user: the refusal
     * (401), neither is taken.
     */
    Response ambiguous(ContainerRequestContext ctx, String path, String source, String certificateUser,
                       String basicUser);

    /**
     * Refused by a rate limit before anything was checked: 429 with Retry-After. Not audited one by one (a flood
     * must not fill the audit): {@link RateLimiter.Decision#firstRefusal()} marks the first refusal of a limit.
     *
     * @param party the party whose limit it is, or null for the source address's limit of unproven requests
     */
    Response rateLimited(ContainerRequestContext ctx, String path, String source, String party,
                         RateLimiter.Decision decision);
}
