package energy.mdma.delivery;

import energy.mdma.delivery.push.TestMftServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.util.Map;

/**
 * A real HTTPS MFT server for the Kafka test: the UDC "KUDC" pushes there; it fails (503) twice, then accepts.
 * The service trusts its certificate through mdma.mft.trust-store.
 */
public class MftTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String USER = "kudc-mft";
    public static final String SECRET = "Kudc-mft-secret-value";
    static volatile TestMftServer server;

    @Override
    public Map<String, String> start() {
        try {
            String auth = "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((USER + ":" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            server = new TestMftServer(Files.createTempDirectory("mdma-test-mft"), 2, auth);
            java.nio.file.Path dir = Files.createTempDirectory("mdma-test-push");
            java.nio.file.Path secret = Files.writeString(dir.resolve("kudc-password"), SECRET + "\n");
            java.nio.file.Path targets = Files.writeString(dir.resolve("push-targets.json"),
                    "{\"KUDC\": {\"url\": \"" + server.url() + "\", \"username\": \"" + USER
                            + "\", \"passwordFile\": \"" + secret + "\"}}");
            return Map.of(
                    "mdma.mft.targets-file", targets.toString(),
                    "mdma.mft.trust-store", server.trustStore().toString(),
                    "mdma.mft.trust-store-password", TestMftServer.STORE_PASSWORD,
                    "mdma.mft.initial-backoff", "0.1S",
                    "mdma.mft.max-backoff", "1S");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
