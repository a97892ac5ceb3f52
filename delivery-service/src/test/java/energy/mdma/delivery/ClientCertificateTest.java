package energy.mdma.delivery;

import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.party.auth.CertificateFingerprint;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.party.model.Role;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Client certificates over HTTPS: self-signed key pairs made by the JDK's keytool, registered by an operator
 * (fingerprint only), then used by a JDK HTTP client that presents them in the TLS handshake.
 */
@QuarkusTest
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCertificateTest {

    static final String ESP = "CERT-ESP";
    static final String UDC = "CERT-UDC";

    @TestHTTPResource(value = "/", tls = true)
    URL base;
    @ConfigProperty(name = "quarkus.http.ssl.certificate.files")
    String serverCertificate;
    @Inject
    PartyRegistry registry;
    @Inject
    PartyDirectory directory;
    @Inject
    TestSeed seed;

    /** A client key pair and self-signed certificate, made by keytool; the key never leaves the store. */
    record ClientKey(KeyStore store, char[] password, X509Certificate certificate) {
        String pem() throws Exception {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        }

        String fingerprint() {
            return CertificateFingerprint.sha256(certificate);
        }
    }

    ClientKey espKey;
    ClientKey strangerKey;

    @BeforeAll
    void keys() throws Exception {
        seed.awaitReady();
        espKey = keytool("CN=" + ESP);
        strangerKey = keytool("CN=stranger");
    }

    static ClientKey keytool(String dname) throws Exception {
        Path dir = Files.createTempDirectory("mdma-client-cert");
        Path file = dir.resolve("client.p12");
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = HexFormat.of().formatHex(random).toCharArray(); // throw-away, test only
        ProcessBuilder p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-dname", dname, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass:env", "MDMA_TEST_STOREPASS", "-keypass:env", "MDMA_TEST_STOREPASS")
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile());
        p.environment().put("MDMA_TEST_STOREPASS", new String(password));
        Process run = p.start();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, run.exitValue(), "keytool exit code");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return new ClientKey(ks, password, (X509Certificate) ks.getCertificate("client"));
    }

    HttpClient client(ClientKey key) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(serverCertificate))) {
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        if (key != null) {
            kmf.init(key.store(), key.password());
        } else {
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            kmf.init(empty, new char[0]);
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> get(HttpClient client, String path, String basicUser) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (basicUser != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (basicUser + ":" + TestParties.pw(basicUser)).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String register(ClientKey key, String party) throws Exception {
        String body = TestParties.as(base, TestParties.OPERATOR).contentType("application/x-pem-file").body(key.pem().getBytes(StandardCharsets.US_ASCII))
                .put("/api/v1/parties/" + party + "/certificate")
                .then().statusCode(200).body("fingerprint", equalTo(key.fingerprint())).extract().asString();
        assertFalse(body.contains(key.pem().split("\n")[1]), "the certificate is not echoed");
        return key.fingerprint();
    }

    @Test
    void registeredCertificateAuthenticatesAsItsPartyUntilRemoved() throws Exception {
        seed.party(ESP, Role.ESP);
        seed.party(UDC, Role.UDC);
        seed.post867(ESP, "cert");
        seed.post867(UDC, "cert");
        HttpClient withKey = client(espKey);

        // not registered yet: 401 problem detail, no password asked for by the certificate
        HttpResponse<String> before = get(withKey, "/api/v1/mailboxes/" + ESP + "/files", null);
        assertEquals(401, before.statusCode(), before.body());
        assertTrue(before.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(before.body().contains("urn:mdma:problem:unknown-certificate"), before.body());

        String fp = register(espKey, ESP);
        assertEquals(Set.of(fp), directory.certificates(ESP));
        assertEquals(Set.of(ESP), directory.certificateHolders(fp));

        HttpResponse<String> own = get(withKey, "/api/v1/mailboxes/" + ESP + "/files", null);
        assertEquals(200, own.statusCode(), own.body());
        assertTrue(own.body().contains("MDMA_867_" + ESP), own.body());
        HttpResponse<String> other = get(withKey, "/api/v1/mailboxes/" + UDC + "/files", null);
        assertEquals(403, other.statusCode(), other.body());

        // certificate and Basic for the same party: fine; for another party: ambiguous, 401
        assertEquals(200, get(withKey, "/api/v1/mailboxes/" + ESP + "/files", ESP).statusCode());
        HttpResponse<String> ambiguous = get(withKey, "/api/v1/mailboxes/" + UDC + "/files", UDC);
        assertEquals(401, ambiguous.statusCode(), ambiguous.body());
        assertTrue(ambiguous.body().contains("urn:mdma:problem:ambiguous-credentials"), ambiguous.body());

        // the login is audited with the method
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/audit?actor=" + ESP + "&action=LOGIN")
                .then().statusCode(200).body("items.detail", hasItem("OK method=certificate"));

        // GET lists the fingerprint; removal ends it
        TestParties.as(base, ESP).get("/api/v1/parties/" + ESP + "/certificate")
                .then().statusCode(200).body("fingerprints", equalTo(List.of(fp)));
        TestParties.as(base, TestParties.OPERATOR).delete("/api/v1/parties/" + ESP + "/certificate/" + fp)
                .then().statusCode(200).body("fingerprints", equalTo(List.of()));
        assertTrue(directory.certificates(ESP).isEmpty());
        HttpResponse<String> removed = get(withKey, "/api/v1/mailboxes/" + ESP + "/files", null);
        assertEquals(401, removed.statusCode(), removed.body());
        // Basic still works with the (now unknown) certificate presented
        assertEquals(200, get(withKey, "/api/v1/mailboxes/" + ESP + "/files", ESP).statusCode());
    }

    @Test
    void unregisteredCertificateIsRefusedAndBasicStillWorks() throws Exception {
        seed.party(UDC, Role.UDC);
        HttpClient stranger = client(strangerKey);
        HttpResponse<String> r = get(stranger, "/api/v1/mailboxes/" + UDC + "/files", null);
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("WWW-Authenticate").isPresent());
        assertTrue(r.body().contains("urn:mdma:problem:unknown-certificate"), r.body());
        assertEquals(200, get(stranger, "/api/v1/mailboxes/" + UDC + "/files", UDC).statusCode());
        // no certificate at all: as before
        HttpClient none = client(null);
        assertEquals(401, get(none, "/api/v1/mailboxes/" + UDC + "/files", null).statusCode());
        assertEquals(200, get(none, "/api/v1/mailboxes/" + UDC + "/files", UDC).statusCode());
    }

    @Test
    void registrationIsForOperatorsTakesPemOrJsonAndNeverAKey() throws Exception {
        seed.party("CERT-ESP2", Role.ESP);
        seed.party(UDC, Role.UDC);
        ClientKey key = keytool("CN=CERT-ESP2");
        TestParties.as(base, "CERT-ESP2").contentType("application/x-pem-file").body(key.pem().getBytes(StandardCharsets.US_ASCII))
                .put("/api/v1/parties/CERT-ESP2/certificate").then().statusCode(403);
        TestParties.as(base, TestParties.OPERATOR).contentType("application/x-pem-file")
                .body(("-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----\n" + key.pem()).getBytes(StandardCharsets.US_ASCII))
                .put("/api/v1/parties/CERT-ESP2/certificate").then().statusCode(400);
        TestParties.as(base, TestParties.OPERATOR).contentType("application/x-pem-file").body("not a certificate".getBytes(StandardCharsets.US_ASCII))
                .put("/api/v1/parties/CERT-ESP2/certificate").then().statusCode(400);
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                .body(java.util.Map.of("certificate", key.pem()))
                .put("/api/v1/parties/CERT-ESP2/certificate").then().statusCode(200)
                .body("fingerprint", equalTo(key.fingerprint())).body("alreadyRegistered", equalTo(false));
        // the same certificate for another party: 409
        TestParties.as(base, TestParties.OPERATOR).contentType("application/x-pem-file").body(key.pem().getBytes(StandardCharsets.US_ASCII))
                .put("/api/v1/parties/" + UDC + "/certificate").then().statusCode(409);
        assertEquals(200, get(client(key), "/api/v1/mailboxes/CERT-ESP2/files", null).statusCode());
        TestParties.as(base, TestParties.OPERATOR).delete("/api/v1/parties/CERT-ESP2/certificate").then().statusCode(200);
        assertEquals(401, get(client(key), "/api/v1/mailboxes/CERT-ESP2/files", null).statusCode());
    }

    HttpResponse<String> putPassword(HttpClient client, String party, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                        + "/api/v1/parties/" + party + "/password")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPartyAuthenticatedByCertificateMustProveItsCurrentPasswordToChangeIt() throws Exception {
        String party = "CERT-ESP3";
        seed.party(party, Role.ESP);
        ClientKey key = keytool("CN=" + party);
        register(key, party);
        HttpClient withKey = client(key);
        assertEquals(200, get(withKey, "/api/v1/mailboxes/" + party + "/files", null).statusCode());

        // whoever holds the certificate (a stolen key) may not take over the password without the current one
        HttpResponse<String> without = putPassword(withKey, party, "{\"password\":\"Taken-over-password-1\"}");
        assertEquals(403, without.statusCode(), without.body());
        assertTrue(without.body().contains("urn:mdma:problem:current-password-required"), without.body());
        HttpResponse<String> wrong = putPassword(withKey, party,
                "{\"password\":\"Taken-over-password-1\",\"currentPassword\":\"not-the-password-1\"}");
        assertEquals(403, wrong.statusCode(), wrong.body());
        TestParties.as(base, party).get("/api/v1/mailboxes/" + party + "/files").then().statusCode(200);

        HttpResponse<String> proven = putPassword(withKey, party, "{\"password\":\"Renewed-password-2027\","
                + "\"currentPassword\":\"" + TestParties.pw(party) + "\"}");
        assertEquals(200, proven.statusCode(), proven.body());
        TestParties.as(base, party, "Renewed-password-2027").get("/api/v1/mailboxes/" + party + "/files")
                .then().statusCode(200);
        seed.party(party, Role.ESP);
    }
}
