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
 * TLS client certificates (registered by SHA-256 fingerprint) and HTTP Basic against the party model ({@link Authenticator}) for the paths the service's {@link BasicAuthPolicy}
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
        boolean basic = BasicCredentials.isBasic(header);
        X509Certificate certificate = peerCertificate(request);
        if (certificate != null) {
            // every request with a certificate is gated here by its registered fingerprint: the TLS layer may have
            // accepted any certificate (see ClientCertificateTrust)
            AuthResult byCertificate = authenticator.get().authenticateCertificate(certificate, source);
            if (byCertificate.ok() && !basic) {
                return policy.authenticated(ctx, path, source, byCertificate.user(), byCertificate);
            }
            if (!byCertificate.ok() && !basic) {
                return policy.unknownCertificate(ctx, path, source, CertificateFingerprint.sha256(certificate));
            }
            if (byCertificate.ok()) {
                Optional<BasicCredentials> decoded = BasicCredentials.decode(header);
                if (decoded.isPresent()) {
                    try (BasicCredentials credentials = decoded.get()) {
                        if (!credentials.user().equals(byCertificate.user())) {
                            return policy.ambiguous(ctx, path, source, byCertificate.user(), credentials.user());
                        }
                    }
                }
                // the same party both ways: the password is checked as it would be without the certificate
            }
            // an unknown certificate with HTTP Basic: the password decides, as without a certificate
        }
        if (!basic) {
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
