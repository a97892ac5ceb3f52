package energy.mdma.party.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A self-signed TLS certificate for a service's first local start (production configures a real one). Shared by
 * the HTTPS services: each keeps its own pair under {@code $MDMA_HOME/tls}, named after the service.
 *
 * <p>The key pair (EC P-256) and certificate (SAN: localhost, 127.0.0.1, ::1 and the given host name, 825 days)
 * are made by the JDK's {@code keytool} in a throw-away PKCS#12 store whose random password lives only in this
 * method and the child's environment; the result is written as PEM: {@code NAME.crt} and {@code NAME.key}
 * (unencrypted PKCS#8, readable by the owner only). Files that already exist are reused as they are.
 */
public final class SelfSignedCertificate {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}");

    /** The PEM files of a certificate and its private key. */
    public record PemFiles(Path certificate, Path key) {
    }

    private SelfSignedCertificate() {
    }

    /**
     * For a service's entry point, before Quarkus starts: unless a certificate is configured by system property
     * or environment ({@code quarkus.http.ssl.certificate.*}, {@code quarkus.tls.*},
     * {@code quarkus.http.tls-configuration-name}) or {@code MDMA_TLS_SELF_SIGNED=false}, makes sure a self-signed
     * certificate {@code name} exists in {@code $MDMA_HOME/tls} (default ./.mdma/tls; host name from
     * {@code MDMA_TLS_HOSTNAME}, default localhost), points the HTTPS server at it and says so on standard error.
     *
     * @return the directory of the certificate used, or null when one is configured
     */
    public static Path useUnlessConfigured(String name) throws IOException {
        if (certificateConfigured()) {
            return null;
        }
        Path dir = Path.of(firstNonBlank(System.getProperty("mdma.home"), System.getenv("MDMA_HOME"), ".mdma"), "tls");
        PemFiles files = ensure(dir, name, firstNonBlank(System.getenv("MDMA_TLS_HOSTNAME"), "localhost"));
        System.setProperty("quarkus.http.ssl.certificate.files", files.certificate().toAbsolutePath().toString());
        System.setProperty("quarkus.http.ssl.certificate.key-files", files.key().toAbsolutePath().toString());
        System.err.println(name + ": no TLS certificate configured; using the self-signed one in " + dir.toAbsolutePath());
        return dir;
    }

    /** Whether the HTTPS certificate is configured by system property or environment (or generation is off). */
    public static boolean certificateConfigured() {
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

    /**
     * Returns {@code dir/NAME.crt} and {@code dir/NAME.key}, creating them first unless both exist.
     *
     * @param name     file base name and key alias, e.g. {@code ingest}: {@code [a-z0-9-]{1,40}}
     * @param hostName an extra DNS name for the certificate, or null/blank/"localhost" for none
     */
    public static synchronized PemFiles ensure(Path dir, String name, String hostName) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("certificate name must be 1-40 characters of a-z 0-9 -");
        }
        String host = hostName == null || hostName.isBlank() ? "localhost" : hostName.trim();
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host name must be a DNS name");
        }
        PemFiles files = new PemFiles(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
        if (Files.isRegularFile(files.certificate()) && Files.isRegularFile(files.key())) {
            return files;
        }
        Files.createDirectories(dir);
        Path store = dir.resolve(name + "-" + System.nanoTime() + ".p12.tmp");
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String storePassword = HexFormat.of().formatHex(random);
        try {
            runKeytool(store, name, host, storePassword);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, storePassword.toCharArray());
            }
            byte[] key = ks.getKey(name, storePassword.toCharArray()).getEncoded();
            byte[] cert = ks.getCertificate(name).getEncoded();
            Path keyTmp = ownerOnlyFile(dir.resolve(name + ".key.tmp"));
            Files.writeString(keyTmp, pem("PRIVATE KEY", key), StandardCharsets.US_ASCII);
            Path certTmp = dir.resolve(name + ".crt.tmp");
            Files.writeString(certTmp, pem("CERTIFICATE", cert), StandardCharsets.US_ASCII);
            Files.move(keyTmp, files.key(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(certTmp, files.certificate(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return files;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key store made by keytool: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(store);
        }
    }

    private static void runKeytool(Path store, String alias, String host, String storePassword) throws IOException {
        String san = "dns:localhost,ip:127.0.0.1,ip:::1" + (host.equals("localhost") ? "" : ",dns:" + host);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-validity", "825",
                "-dname", "CN=" + host + ", O=MDMA self-signed",
                "-ext", "SAN=" + san,
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass:env", "MDMA_TLS_STORE_PASS", "-keypass:env", "MDMA_TLS_STORE_PASS", "-noprompt"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MDMA_TLS_STORE_PASS", storePassword);
        Process p = pb.start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool could not make a self-signed certificate (exit " + p.exitValue() + "): "
                    + output);
        }
    }

    private static Path ownerOnlyFile(Path path) throws IOException {
        Files.deleteIfExists(path);
        try {
            return Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(path);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
