package energy.mdma.ingest.app;

import energy.mdma.party.tls.SelfSignedCertificate;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.file.Path;

/**
 * Entry point: unless a certificate is configured ({@code quarkus.http.ssl.certificate.files}, a key store or a TLS
 * registry configuration), makes sure a self-signed one exists in {@code $MDMA_HOME/tls} (ingest.crt / ingest.key)
 * and uses it, then starts Quarkus. HTTPS only.
 */
@QuarkusMain
public class IngestMain {

    public static void main(String... args) throws Exception {
        if (!certificateConfigured()) {
            String home = first(System.getProperty("mdma.home"), System.getenv("MDMA_HOME"), ".mdma");
            Path dir = Path.of(home, "tls");
            SelfSignedCertificate.PemFiles pem = SelfSignedCertificate.ensure(dir, "ingest",
                    first(System.getenv("MDMA_TLS_HOSTNAME"), "localhost"));
            System.setProperty("quarkus.http.ssl.certificate.files", pem.certificate().toAbsolutePath().toString());
            System.setProperty("quarkus.http.ssl.certificate.key-files", pem.key().toAbsolutePath().toString());
            System.err.println("ingest: no TLS certificate configured; using the self-signed one in "
                    + dir.toAbsolutePath());
        }
        Quarkus.run(args);
    }

    static boolean certificateConfigured() {
        for (String p : new String[]{"quarkus.http.ssl.certificate.files", "quarkus.http.ssl.certificate.key-store-file",
                "quarkus.http.tls-configuration-name"}) {
            String env = p.toUpperCase().replaceAll("[^A-Z0-9]", "_");
            if (!first(System.getProperty(p), System.getenv(env), "").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
