package energy.mdma.ingest.service;

import energy.mdma.party.tls.SelfSignedCertificate;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A fresh MDMA_HOME and a throw-away self-signed certificate (the production generator) for the HTTPS server. */
public class TestHome implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path home = Files.createTempDirectory("mdma-ingest-test-home");
            SelfSignedCertificate.PemFiles pem = SelfSignedCertificate.ensure(home.resolve("tls"), "ingest", "localhost");
            return Map.of("mdma.home", home.toString(),
                    "quarkus.http.ssl.certificate.files", pem.certificate().toString(),
                    "quarkus.http.ssl.certificate.key-files", pem.key().toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }
}
