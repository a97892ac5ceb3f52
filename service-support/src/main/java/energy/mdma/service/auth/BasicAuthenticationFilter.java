package energy.mdma.service.auth;

import energy.mdma.party.auth.AuthResult;
import energy.mdma.party.auth.Authenticator;
import energy.mdma.party.auth.CertificateFingerprint;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * TLS client certificates (registered by SHA-256 fingerprint) and HTTP Basic against the party model
 * ({@link Authenticator}) for the paths the service's {@link BasicAuthPolicy} protects. Runs after routing on the
 * endpoint's worker thread (the endpoints are blocking), so bcrypt never blocks the event loop.
 *
 * <p>The order is the defence against floods and CPU exhaustion: cheap checks first (header syntax and length, user
 * name syntax, password length: {@link BasicCredentials}, {@link Authenticator#plausible}), then the rate limits
 * ({@link RequestThrottle}: per source address for every request not already proven, per party for every request of
 * a known party), and only then a bcrypt check. A refusal reaches the policy (which audits it) only after it passed
 * the source address's limit; a request refused by a limit is answered 429 and not audited one by one. The password
 * is wiped once checked and never logged.
 */
public class BasicAuthenticationFilter {

    /**
     * Resolved at the first request, not when REST creates its filters at static init (the services' Authenticator
     * is built from runtime configuration, which does not exist then).
     */
    @Inject
    Instance<Authenticator> authenticator;
    @Inject
    Instance<RequestThrottle> throttle;
    @Inject
    BasicAuthPolicy policy;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext ctx, HttpServerRequest request) {
        String path = "/" + ctx.getUriInfo().getPath().replaceFirst("^/", "");
        if (!policy.protects(path)) {
            return null;
        }
        String source = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return decide(ctx, path, source, ctx.getHeaderString("Authorization"), peerCertificate(request),
                authenticator.get(), throttle.get(), policy);
    }

    /**
     * The decision for one protected request: null to let it through (the policy recorded the caller), else the
     * answer. Separate from the REST plumbing so that its order can be tested on its own.
     */
    static Response decide(ContainerRequestContext ctx, String path, String source, String header,
                           X509Certificate certificate, Authenticator auth, RequestThrottle throttle,
                           BasicAuthPolicy policy) {
        boolean basic = BasicCredentials.isBasic(header);
        Optional<BasicCredentials> decoded = basic ? BasicCredentials.decode(header) : Optional.empty();
        try {
            if (certificate != null) {
                // every request with a certificate is gated here by its registered fingerprint: the TLS layer may
                // have accepted any certificate (see ClientCertificateTrust)
                AuthResult byCertificate = auth.authenticateCertificate(certificate, source);
                if (byCertificate.ok()) {
                    if (!basic) {
                        RateLimiter.Decision d = throttle.party(byCertificate.user());
                        return !d.allowed() ? policy.rateLimited(ctx, path, source, byCertificate.user(), d)
                                : policy.authenticated(ctx, path, source, byCertificate.user(), byCertificate);
                    }
                    if (decoded.isPresent() && !decoded.get().user().equals(byCertificate.user())) {
                        RateLimiter.Decision d = throttle.source(source);
                        return !d.allowed() ? policy.rateLimited(ctx, path, source, null, d)
                                : policy.ambiguous(ctx, path, source, byCertificate.user(), decoded.get().user());
                    }
                    // the same party both ways: the password is checked as it would be without the certificate
                } else if (!basic) {
                    RateLimiter.Decision d = throttle.source(source);
                    return !d.allowed() ? policy.rateLimited(ctx, path, source, null, d)
                            : policy.unknownCertificate(ctx, path, source, CertificateFingerprint.sha256(certificate));
                }
                // an unknown certificate with HTTP Basic: the password decides, as without a certificate
            }
            if (!basic) {
                RateLimiter.Decision d = throttle.source(source);
                return !d.allowed() ? policy.rateLimited(ctx, path, source, null, d) : policy.missing(ctx, path, source);
            }
            if (decoded.isEmpty()) {
                RateLimiter.Decision d = throttle.source(source);
                return !d.allowed() ? policy.rateLimited(ctx, path, source, null, d)
                        : policy.malformed(ctx, path, source);
            }
            BasicCredentials credentials = decoded.get();
            String user = credentials.user();
            if (!auth.isCached(user, credentials.password())) {
                // this attempt will be refused or costs a bcrypt check: the source's limit first
                RateLimiter.Decision d = throttle.source(source);
                if (!d.allowed()) {
                    return policy.rateLimited(ctx, path, source, null, d);
                }
            }
            if (auth.knows(user)) {
                RateLimiter.Decision d = throttle.party(user);
                if (!d.allowed()) {
                    return policy.rateLimited(ctx, path, source, user, d);
                }
            }
            AuthResult result = auth.authenticate(user, credentials.password(), source);
            return policy.authenticated(ctx, path, source, user, result);
        } finally {
            decoded.ifPresent(BasicCredentials::close);
        }
    }

    /** The client's leaf certificate of this TLS connection, or null (plain HTTP, none sent, not X.509). */
    static X509Certificate peerCertificate(HttpServerRequest request) {
        SSLSession session = request.sslSession();
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
