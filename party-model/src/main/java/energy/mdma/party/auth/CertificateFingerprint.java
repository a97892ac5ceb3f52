package energy.mdma.party.auth;

import energy.mdma.events.Sha256;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;

/** SHA-256 fingerprints of X.509 client certificates and the parsing of a PEM certificate. */
public final class CertificateFingerprint {

    private CertificateFingerprint() {
    }

    /** Lower-case hex SHA-256 of the certificate's DER encoding (what {@code openssl x509 -fingerprint -sha256} shows, without colons). */
    public static String sha256(X509Certificate certificate) {
        try {
            return Sha256.hex(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }

    /**
     * Normalizes a fingerprint as people write it ({@code AB:CD:...}, upper case, with or without colons) to 64
     * lower-case hex characters; null when it is not a SHA-256 fingerprint.
     */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String hex = text.replace(":", "").trim().toLowerCase(Locale.ROOT);
        return hex.matches("[0-9a-f]{64}") ? hex : null;
    }

    /**
     * Exactly one X.509 certificate in PEM ({@code -----BEGIN CERTIFICATE-----}). Refuses anything holding a private
     * key (the key never leaves the party), more than one certificate, or no certificate.
     *
     * @throws IllegalArgumentException with a message fit for the caller (never echoing the input)
     */
    public static X509Certificate parsePem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no certificate: send one PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        if (pem.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException("the body holds a private key: send only the certificate, never the key");
        }
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("not a PEM certificate: expected -----BEGIN CERTIFICATE-----");
        }
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
            if (certs.size() != 1) {
                throw new IllegalArgumentException("send exactly one certificate (the party's own), not " + certs.size());
            }
            Certificate c = certs.iterator().next();
            if (!(c instanceof X509Certificate x509)) {
                throw new IllegalArgumentException("not an X.509 certificate");
            }
            return x509;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the PEM certificate cannot be read");
        }
    }
}
