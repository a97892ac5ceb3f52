package energy.mdma.delivery.tls;

import energy.mdma.party.tls.SelfSignedCertificate;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.file.Path;

/**
 * Entry point: before Quarkus starts, makes sure the HTTPS server has a certificate. Unless a certificate is
 * configured by system property or environment ({@code quarkus.http.ssl.certificate.*}, {@code quarkus.tls.*},
 * {@code quarkus.http.tls-configuration-name}) or {@code MDMA_TLS_SELF_SIGNED=false}, a self-signed one is
 * generated once into {@code $MDMA_HOME/tls} (default ./.mdma/tls; host name from MDMA_TLS_HOSTNAME) and used.
 */
@QuarkusMain
public class DeliveryMain {

    public static void main(String... args) throws Exception {
        if (!certificateConfigured()) {
            String home = firstNonBlank(System.getProperty("mdma.home"), System.getenv("MDMA_HOME"), ".mdma");
            Path dir = Path.of(home, "tls");
            SelfSignedCertificate.PemFiles files = SelfSignedCertificate.ensure(dir, "delivery",
                    firstNonBlank(System.getenv("MDMA_TLS_HOSTNAME"), "localhost"));
            System.setProperty("quarkus.http.ssl.certificate.files", files.certificate().toAbsolutePath().toString());
            System.setProperty("quarkus.http.ssl.certificate.key-files", files.key().toAbsolutePath().toString());
            System.err.println("delivery: no TLS certificate configured; using the self-signed one in " + dir.toAbsolutePath());
        }
        Quarkus.run(args);
    }

    /**
     * True when a certificate is configured through system properties or the environment
     * (quarkus.http.ssl.certificate.*, quarkus.tls.*, quarkus.http.tls-configuration-name), or when
     * MDMA_TLS_SELF_SIGNED=false says not to generate one (e.g. configured in config/application.properties).
     */
    static boolean certificateConfigured() {
        if ("false".equalsIgnoreCase(System.getenv("MDMA_TLS_SELF_SIGNED"))) {
            return true;
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("quarkus.http.ssl.certificate.") || key.startsWith("quarkus.tls.")
                    || key.equals("quarkus.http.tls-configuration-name")) {
                return true;
            }
        }
        for (String key : System.getenv().keySet()) {
            if (key.startsWith("QUARKUS_HTTP_SSL_CERTIFICATE_") || key.startsWith("QUARKUS_TLS_")
                    || key.equals("QUARKUS_HTTP_TLS_CONFIGURATION_NAME")) {
                return true;
            }
        }
        return false;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }
}
