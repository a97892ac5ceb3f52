package energy.mdma.ingest.app;

import energy.mdma.party.tls.SelfSignedCertificate;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: unless a certificate is configured ({@code quarkus.http.ssl.certificate.files}, a key store or a TLS
 * registry configuration), makes sure a self-signed one exists in {@code $MDMA_HOME/tls} (ingest.crt / ingest.key)
 * and uses it, then starts Quarkus. HTTPS only.
 */
@QuarkusMain
public class IngestMain {

    public static void main(String... args) throws Exception {
        SelfSignedCertificate.useUnlessConfigured("ingest");
        Quarkus.run(args);
    }
}
