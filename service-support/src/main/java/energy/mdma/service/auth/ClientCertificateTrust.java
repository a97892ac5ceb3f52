package energy.mdma.service.auth;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Client certificates on the HTTPS listener ({@code quarkus.http.ssl.client-auth=request}: asked for, not required).
 *
 * <p>With a trust store of client CAs configured ({@code quarkus.http.ssl.certificate.trust-store-file} or the TLS
 * registry), Quarkus/Vert.x validate the client's chain against it in the handshake (an untrusted certificate
 * fails the handshake) and this customizer changes nothing.
 *
 * <p>Without one, parties use self-signed certificates that are pinned by their registered SHA-256 fingerprint.
 * Then this customizer installs {@link PinnedByFingerprint}: the handshake takes any client certificate (the
 * client still proves possession of its private key with CertificateVerify), and the trust decision is the
 * fingerprint check that {@link BasicAuthenticationFilter} makes on <em>every</em> protected request. A certificate
 * whose fingerprint is not registered authenticates nothing (401 without Basic; with Basic the password decides).
 * Unprotected paths (health is on the management interface) do not depend on the certificate at all.
 */
@ApplicationScoped
public class ClientCertificateTrust implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        if (options.getClientAuth() == null || options.getClientAuth() == ClientAuth.NONE) {
            return;
        }
        if (options.getClientAuth() == ClientAuth.REQUEST && options.getTrustOptions() == null) {
            options.setTrustOptions(TrustOptions.wrap(new PinnedByFingerprint()));
        }
    }

    /**
     * Server side only: takes any non-empty client chain in the handshake and advertises no CA names, so that a
     * client sends its self-signed certificate. NOT a trust decision: {@link BasicAuthenticationFilter} authenticates
     * a certificate only when its fingerprint is registered for a party.
     */
    static final class PinnedByFingerprint extends X509ExtendedTrustManager {

        private static void requireChain(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no client certificate");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            requireChain(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            requireChain(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            requireChain(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a client trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a client trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a client trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
