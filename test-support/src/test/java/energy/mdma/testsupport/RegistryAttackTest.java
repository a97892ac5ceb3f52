package energy.mdma.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema registry of the test platform (platform/registry, started as ./mdma starts it) refuses every write
 * without the writer account's credentials (issue 13, "the schema registry likewise"): anonymous, a wrong password,
 * another user name with the right password, on the core API and the Confluent API, for registering, changing rules and
 * deleting. Each refusal is a 401 and leaves the registry as it was (checked by reading back); reads stay open.
 * Each refusal is checked beside the same request with the right credentials, so the test cannot pass on a request
 * the registry would refuse anyway.
 */
@ExtendWith(MdmaPlatformExtension.class)
class RegistryAttackTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void anonymousRegistrationIsRefusedAndNotStored(MdmaTestPlatform platform) throws Exception {
        String id = artifactId();
        HttpResponse<String> anonymous = send(register(platform, id).build());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals(404, send(get(platform, id)).statusCode(), "an anonymous registration was stored");
        assertFalse(send(GET(platform.registryUrl() + "/search/artifacts?name=" + id)).body().contains(id));

        HttpResponse<String> allowed = send(register(platform, id)
                .header("Authorization", basic(platform.registryUsername(), platform.registryPassword())).build());
        assertEquals(200, allowed.statusCode(), allowed.body());
        // reads need no credentials
        HttpResponse<String> read = send(get(platform, id));
        assertEquals(200, read.statusCode(), read.body());
        assertTrue(read.body().contains(id), read.body());
    }

    @Test
    void aWrongPasswordOrAnotherUserIsRefused(MdmaTestPlatform platform) throws Exception {
        String id = artifactId();
        String[][] wrong = {
                {platform.registryUsername(), "not-the-password"},
                {platform.registryUsername(), platform.registryPassword() + "x"},
                {platform.registryUsername(), ""},
                {"admin", platform.registryPassword()},
                {"", platform.registryPassword()},
        };
        for (String[] credentials : wrong) {
            HttpResponse<String> refused = send(register(platform, id)
                    .header("Authorization", basic(credentials[0], credentials[1])).build());
            assertEquals(401, refused.statusCode(), "user '" + credentials[0] + "': " + refused.body());
        }
        // not Basic at all, and a Basic header that is not base64
        for (String header : new String[] {"Bearer " + platform.registryPassword(), "Basic %%%", "Basic"}) {
            HttpResponse<String> refused = send(register(platform, id).header("Authorization", header).build());
            assertEquals(401, refused.statusCode(), header.split(" ")[0] + ": " + refused.body());
        }
        assertEquals(404, send(get(platform, id)).statusCode(), "a refused registration was stored");
        assertEquals(200, send(register(platform, id)
                .header("Authorization", basic(platform.registryUsername(), platform.registryPassword())).build()).statusCode());
    }

    @Test
    void changingOrDeletingNeedsTheWriterToo(MdmaTestPlatform platform) throws Exception {
        String id = artifactId();
        String writer = basic(platform.registryUsername(), platform.registryPassword());
        assertEquals(200, send(register(platform, id).header("Authorization", writer).build()).statusCode());
        String artifact = platform.registryUrl() + "/groups/mdma-attack/artifacts/" + id;

        // a new version (PUT), a rule (POST), the global rules (PUT), deleting (DELETE), an odd method
        String v2 = schema(id, "\"fields\":[{\"name\":\"meter\",\"type\":\"string\"},"
                + "{\"name\":\"x\",\"type\":\"string\",\"default\":\"\"}]");
        HttpRequest.Builder[] writes = {
                HttpRequest.newBuilder(URI.create(artifact)).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(v2)),
                HttpRequest.newBuilder(URI.create(artifact + "/rules")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"VALIDITY\",\"config\":\"NONE\"}")),
                HttpRequest.newBuilder(URI.create(platform.registryUrl() + "/admin/rules")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"COMPATIBILITY\",\"config\":\"NONE\"}")),
                HttpRequest.newBuilder(URI.create(artifact + "/meta")).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"forged\"}")),
                HttpRequest.newBuilder(URI.create(artifact)).DELETE(),
                HttpRequest.newBuilder(URI.create(artifact)).method("PATCH", HttpRequest.BodyPublishers.noBody()),
                HttpRequest.newBuilder(URI.create(platform.ccompatUrl() + "/subjects/" + id + "/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}")),
        };
        for (HttpRequest.Builder write : writes) {
            HttpRequest request = write.build();
            HttpResponse<String> refused = send(request);
            assertEquals(401, refused.statusCode(), request.method() + " " + request.uri() + ": " + refused.body());
        }
        // all as it was: one version, the original name, no artifact rule, no global rule, no ccompat subject
        assertEquals(200, send(get(platform, id)).statusCode(), "deleted anonymously");
        String versions = send(GET(artifact + "/versions")).body();
        assertTrue(versions.contains("\"count\":1"), versions);
        assertFalse(send(GET(artifact + "/meta")).body().contains("forged"));
        assertEquals("[]", send(GET(artifact + "/rules")).body().replace(" ", ""));
        assertEquals("[]", send(GET(platform.registryUrl() + "/admin/rules")).body().replace(" ", ""));
        assertNotEquals(200, send(GET(platform.ccompatUrl() + "/subjects/" + id + "/versions")).statusCode());

        // the same change with the writer's credentials goes through
        HttpResponse<String> changed = send(writes[0].header("Authorization", writer).build());
        assertEquals(200, changed.statusCode(), changed.body());
        assertTrue(send(GET(artifact + "/versions")).body().contains("\"count\":2"));
    }

    @Test
    void readsStayOpen(MdmaTestPlatform platform) throws Exception {
        assertEquals(200, send(GET(platform.registryUrl() + "/search/artifacts")).statusCode());
        assertEquals(200, send(GET(platform.ccompatUrl() + "/subjects")).statusCode());
        assertEquals(200, send(GET(platform.registryBaseUrl() + "/health/ready")).statusCode());
        // credentials that are wrong do not stop a read either (the serdes send theirs on every request)
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(platform.registryUrl() + "/search/artifacts"))
                .header("Authorization", basic("nobody", "wrong")).GET().build()).statusCode());
    }

    // ---------------------------------------------------------------------------------------------

    private static String artifactId() {
        return "Attack" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String schema(String name, String fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"energy.mdma.attack\"," + fields + "}";
    }

    private static HttpRequest.Builder register(MdmaTestPlatform platform, String id) {
        return HttpRequest.newBuilder(URI.create(platform.registryUrl() + "/groups/mdma-attack/artifacts"))
                .header("Content-Type", "application/json")
                .header("X-Registry-ArtifactId", id)
                .header("X-Registry-ArtifactType", "AVRO")
                .POST(HttpRequest.BodyPublishers.ofString(schema(id, "\"fields\":[{\"name\":\"meter\",\"type\":\"string\"}]")));
    }

    private static HttpRequest get(MdmaTestPlatform platform, String id) {
        return GET(platform.registryUrl() + "/groups/mdma-attack/artifacts/" + id);
    }

    private static HttpRequest GET(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        // a bounded wait: a registry that never answers fails the test rather than hanging it
        return HTTP.send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
