package energy.mdma.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The schema registry (platform/registry, Apicurio 2.4.2) as a child process on a free port, with its
 * in-memory H2 storage. With a {@link Journal} it keeps its schemas in that Kafka topic (loaded at start, recorded after
 * every write: platform/registry KafkaJournal), as the platform's registry does; without, they live as long as the
 * process (an empty registry, fresh every start). It is told the pid of this JVM and exits by itself when this
 * JVM is gone, even after a kill -9.
 *
 * <p>Writes need the writer account ({@link #WRITER_USER}) with a fresh random password per start: the registry gets
 * only its digest ({@link #writerPasswordHash}), the test JVM keeps the password ({@link #writerPassword()}).
 */
final class RegistryProcess {

    /** System property with the path of the registry's quarkus-run.jar. */
    static final String JAR_PROPERTY = "mdma-platform.registry.jar";
    /** Environment variable with the same meaning (after the system property). */
    static final String JAR_ENV = "MDMA_REGISTRY_JAR";
    /** Where the registry is built, relative to the repository root. */
    static final String JAR_IN_REPO = "platform/registry/target/quarkus-app/quarkus-run.jar";
    /** Extra JVM options for the registry, separated by spaces. */
    static final String JAVA_OPTS_PROPERTY = "mdma-platform.test.registry.java-opts";

    /** The registry's one account that may write (platform/registry application.properties). */
    static final String WRITER_USER = "schema-writer";
    /** The realm name Quarkus's embedded users digest with. */
    private static final String REALM = "Quarkus";

    /**
     * The registry's Kafka journal: the broker, the principal it connects as (SCRAM-SHA-512), the topic (a
     * {@code mdma.registry.} one: deploy/acls.csv grants that prefix to principal registry), and an old H2 file whose
     * presence beside an empty journal stops the start (null: none).
     */
    record Journal(String bootstrap, String protocol, String username, String password, String topic, String legacyDb) {
    }

    private final Process process;
    private final int port;
    private final Path log;
    private final String writerPassword;

    private RegistryProcess(Process process, int port, Path log, String writerPassword) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.writerPassword = writerPassword;
    }

    /** The password of {@link #WRITER_USER} on this registry. */
    String writerPassword() {
        return writerPassword;
    }

    /**
     * What the registry takes in REGISTRY_WRITER_PASSWORD_HASH: HEX(SHA-512(user ":" realm ":" password)), the
     * digest form of Quarkus's embedded users (algorithm digest-sha-512).
     */
    static String writerPasswordHash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512")
                    .digest((WRITER_USER + ":" + REALM + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is missing from this JVM", e);
        }
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** Starts a registry without journal (empty, in memory); {@link #awaitReady} waits for it. */
    static RegistryProcess start(Path logDir) {
        return start(logDir, null);
    }

    /** Starts the registry with its schemas in {@code journal} (null: none); {@link #awaitReady} waits for it. */
    static RegistryProcess start(Path logDir, Journal journal) {
        Path jar = locateJar();
        int port = freePort();
        Path log = logDir.resolve("registry-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String opts = System.getProperty(JAVA_OPTS_PROPERTY, "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        for (String opt : opts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                command.add(opt);
            }
        }
        command.add("-Dmdma-platform.parent.pid=" + ProcessHandle.current().pid());
        command.add("-Dquarkus.http.host=localhost");
        command.add("-Dquarkus.log.level=WARN");
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(logDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        // in memory, fresh per run; a lock timeout longer than H2's 1 s default, or two clients registering schemas
        // at once can make one fail ("Concurrent update in table SEQUENCES")
        builder.environment().put("REGISTRY_DATASOURCE_URL", "jdbc:h2:mem:registry_db;LOCK_TIMEOUT=30000");
        // a registry started by ./mdma in this shell must not lend its writer (or its password) to the test one
        builder.environment().keySet().removeIf(k -> k.startsWith("REGISTRY_WRITER") || k.startsWith("MDMA_REGISTRY")
                || k.startsWith("MDMA_KAFKA"));
        if (journal != null) {
            builder.environment().put("MDMA_KAFKA", journal.bootstrap());
            builder.environment().put("MDMA_KAFKA_SECURITY_PROTOCOL", journal.protocol());
            builder.environment().put("MDMA_KAFKA_USERNAME", journal.username());
            builder.environment().put("MDMA_KAFKA_PASSWORD", journal.password());
            builder.environment().put("MDMA_REGISTRY_JOURNAL_TOPIC", journal.topic());
            if (journal.legacyDb() != null) {
                builder.environment().put("MDMA_REGISTRY_LEGACY_DB", journal.legacyDb());
            }
        }
        String password = randomPassword();
        builder.environment().put("REGISTRY_WRITER_PASSWORD_HASH", writerPasswordHash(password));
        try {
            return new RegistryProcess(builder.start(), port, log, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the registry " + jar, e);
        }
    }

    /** Waits until GET /health/ready answers 200; fails with the end of the registry's log. */
    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            Poll.until("the registry on port " + port + " ready (GET /health/ready answers 200)", timeout, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the registry exited with " + process.exitValue() + "; its log " + log
                            + " says:\n" + errors() + "\n... and ends with:\n" + tail());
                }
                try {
                    return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the registry", e);
                }
            });
        } catch (ConditionTimeoutException e) {
            stop();
            throw new IllegalStateException("the registry was not ready after " + timeout.toSeconds() + " s; its log "
                    + log + " ends with:\n" + tail(), e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The log's ERROR lines (the first 10): why it stopped, even when a shutdown's stack traces fill the tail. */
    String errors() {
        try {
            return String.join("\n", Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(" ERROR ")).limit(10).toList());
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    static Path locateJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(JAR_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            Path jar = Path.of(configured).toAbsolutePath().normalize();
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            throw new IllegalStateException("the registry jar " + jar + " (from " + JAR_PROPERTY + "/" + JAR_ENV
                    + ") does not exist: build it with ./mvnw -pl platform/registry package");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(JAR_IN_REPO);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            if (Files.isRegularFile(dir.resolve("platform/registry/pom.xml"))) {
                throw new IllegalStateException("the registry is not built (" + jar + " is missing): "
                        + "run ./mvnw -pl platform/registry package, or build through the reactor");
            }
        }
        throw new IllegalStateException("cannot find " + JAR_IN_REPO + " above " + Path.of("").toAbsolutePath()
                + "; set -D" + JAR_PROPERTY + "=/path/to/quarkus-run.jar");
    }

    static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
