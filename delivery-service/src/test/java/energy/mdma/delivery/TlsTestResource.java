package energy.mdma.delivery;

import energy.mdma.party.tls.SelfSignedCertificate;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Generates a throw-away self-signed certificate (the production generator) for the HTTPS test server. */
public class TlsTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("mdma-test-tls");
            SelfSignedCertificate.PemFiles f = SelfSignedCertificate.ensure(dir, "delivery", "localhost");
            Path files = Files.createTempDirectory("mdma-test-files");
            return Map.of(
                    "quarkus.http.ssl.certificate.files", f.certificate().toString(),
                    "quarkus.http.ssl.certificate.key-files", f.key().toString(),
                    "mdma.mailbox.files-dir", files.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
    }
}
