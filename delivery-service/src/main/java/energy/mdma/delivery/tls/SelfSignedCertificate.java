package energy.mdma.delivery.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes a self-signed certificate (EC P-256, SAN localhost/127.0.0.1/::1 plus the host name) with the JDK's
 * keytool and writes it as PEM files: {@code delivery.crt} and {@code delivery.key} (PKCS#8, owner-only).
 * For a first local start only; production configures a real certificate.
 */
public final class SelfSignedCertificate {

    public static final String CERT_FILE = "delivery.crt";
    public static final String KEY_FILE = "delivery.key";

    public record Files2(Path certificate, Path key) {
    }

    private SelfSignedCertificate() {
    }

    /** Creates the pair in {@code dir} unless both files exist; returns their paths. */
    public static Files2 ensure(Path dir, String hostName) throws IOException {
        Path crt = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (Files.isRegularFile(crt) && Files.isRegularFile(key)) {
            return new Files2(crt, key);
        }
        Files.createDirectories(dir);
        Path keystore = Files.createTempFile(dir, "keystore", ".p12");
        Files.delete(keystore);
        byte[] rnd = new byte[18];
        new SecureRandom().nextBytes(rnd);
        String pass = HexFormat.of().formatHex(rnd); // lives only for the few seconds of this method
        try {
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            String san = "dns:localhost,ip:127.0.0.1,ip:::1" + (hostName == null || hostName.isBlank() || hostName.equals("localhost") ? "" : ",dns:" + hostName);
            ProcessBuilder pb = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "delivery",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "825",
                    "-dname", "CN=" + (hostName == null || hostName.isBlank() ? "localhost" : hostName) + ", O=MDMA self-signed",
                    "-ext", "SAN=" + san, "-keystore", keystore.toString(), "-storetype", "PKCS12",
                    "-storepass:env", "MDMA_KS_PASS", "-keypass:env", "MDMA_KS_PASS", "-noprompt"));
            pb.environment().put("MDMA_KS_PASS", pass);
            pb.redirectErrorStream(true);
            Process p = pb.start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed to create a self-signed certificate: " + new String(out, StandardCharsets.UTF_8).trim());
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                ks.load(in, pass.toCharArray());
            }
            Key privateKey = ks.getKey("delivery", pass.toCharArray());
            Certificate cert = ks.getCertificate("delivery");
            Path keyTmp = dir.resolve(KEY_FILE + ".tmp");
            Files.deleteIfExists(keyTmp);
            try {
                Files.createFile(keyTmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(keyTmp);
            }
            Files.writeString(keyTmp, pem("PRIVATE KEY", privateKey.getEncoded()));
            Path crtTmp = dir.resolve(CERT_FILE + ".tmp");
            Files.writeString(crtTmp, pem("CERTIFICATE", cert.getEncoded()));
            Files.move(keyTmp, key, StandardCopyOption.REPLACE_EXISTING);
            Files.move(crtTmp, crt, StandardCopyOption.REPLACE_EXISTING);
            return new Files2(crt, key);
        } catch (GeneralSecurityException e) {
            throw new IOException("could not read the generated key store: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the certificate", e);
        } finally {
            Files.deleteIfExists(keystore);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
