package energy.mdma.e2e;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import energy.mdma.edi.testsupport.AcceptanceCheck;
import energy.mdma.testsupport.ExamplePackage;
import energy.mdma.testsupport.TrustAnyCertificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The utility's acceptance test, end to end: {@code ./mdma up} starts the broker, the registry and the
 * four services; {@code ./mdma acceptance} uploads the example package ({@code examples/sample}) through the ingest
 * API, waits for the summary and downloads the UDC's mailbox; the project's {@link AcceptanceCheck} (and the utility's
 * {@code compare.py}, where its kit is beside the repository) must report 100%. Then
 * data differentiation (an ESP sees only its own accounts) and a restart of every service in the
 * middle of a package.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest extends OnAFreshStack {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SAMPLE = ExamplePackage.dir();
    static final Path HOME = ROOT.resolve("e2e").resolve("target").resolve("mdma-home");
    static final String OPERATOR_PASSWORD = "E2E-operator-pass-" + Long.toHexString(new SecureRandom().nextLong());
    static final String COMPLETE = "acceptance: 20/20 account-periods match, summary 26/26 rows match";


    /** What every e2e class starts from: python3 there, an empty MDMA_HOME, then {@code ./mdma up}. */
    static void upFromScratch() throws Exception {
        requirePython3();
        deleteTree(HOME);
        Result r = mdma(Duration.ofMinutes(15), "up");
        assertEquals(0, r.exit, "./mdma up failed:\n" + r.output);
    }

    /** {@code ./mdma down}, its output printed. */
    static void down() throws Exception {
        System.out.println(mdma(Duration.ofMinutes(3), "down").output);
    }

    @Test
    @Order(1)
    void theSamplePackageMatchesTheUtilitysResults() throws Exception {
        Path out = HOME.resolve("out-1");
        Result run = mdma(Duration.ofMinutes(20), "acceptance", SAMPLE.toString(), out.toString());
        assertEquals(0, run.exit, "./mdma acceptance failed:\n" + run.output + logs());
        assertEquals(COMPLETE, AcceptanceCheck.verdictOnExamplePackage(out));
    }

    @Test
    @Order(2)
    void anEspSeesOnlyItsOwnAccounts() throws Exception {
        Map<String, Set<String>> accountsByEsp = new HashMap<>();
        for (String line : Files.readAllLines(SAMPLE.resolve("meters.csv")).subList(1, Files.readAllLines(SAMPLE.resolve("meters.csv")).size())) {
            String[] f = line.split(",");
            accountsByEsp.computeIfAbsent(f[2], k -> new TreeSet<>()).add(f[0]);
        }
        Api operator = new Api("operator", OPERATOR_PASSWORD);
        String espPassword = "E2E-esp-password-2026";
        for (String esp : List.of("ESP01", "ESP02")) {
            HttpResponse<String> set = operator.send("PUT", "/parties/" + esp + "/password", "{\"password\":\"" + espPassword + "\"}");
            assertEquals(204 / 100, set.statusCode() / 100, "setting " + esp + "'s password: " + set.statusCode() + " " + set.body());
        }
        Api esp01 = new Api("ESP01", espPassword);
        assertEquals(403, esp01.send("GET", "/mailboxes/SCE/files?status=all", null).statusCode(), "ESP01 reading the UDC's mailbox");
        assertEquals(403, esp01.send("GET", "/mailboxes/ESP02/files?status=all", null).statusCode(), "ESP01 reading ESP02's mailbox");
        assertEquals(403, esp01.send("GET", "/mailboxes/SCE/summary", null).statusCode(), "ESP01 reading the UDC's summary");
        HttpResponse<String> list = esp01.send("GET", "/mailboxes/ESP01/files?status=all&limit=1000", null);
        assertEquals(200, list.statusCode(), list.body());
        Matcher ids = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(list.body());
        Pattern account = Pattern.compile("REF\\*12\\*([0-9]+)~");
        Set<String> seen = new TreeSet<>();
        int files = 0;
        while (ids.find()) {
            HttpResponse<String> file = esp01.send("GET", "/mailboxes/ESP01/files/" + ids.group(1), null);
            assertEquals(200, file.statusCode());
            files++;
            Matcher m = account.matcher(file.body());
            while (m.find()) {
                seen.add(m.group(1));
            }
        }
        assertTrue(files > 0, "ESP01's mailbox is empty");
        assertFalse(seen.isEmpty(), "no 867 in ESP01's mailbox");
        assertTrue(accountsByEsp.get("ESP01").containsAll(seen), "ESP01 got accounts " + seen + ", serves " + accountsByEsp.get("ESP01"));
    }

    @Test
    @Order(3)
    void restartingEveryServiceInTheMiddleOfAPackageLosesNothing() throws Exception {
        assertEquals(0, mdma(Duration.ofMinutes(3), "reset").exit);
        Result started = mdma(Duration.ofMinutes(10), "up");
        assertEquals(0, started.exit, started.output);
        Path out = HOME.resolve("out-2");
        Result upload = mdma(Duration.ofMinutes(10), "acceptance", SAMPLE.toString(), out.toString(), "--upload-only");
        assertEquals(0, upload.exit, upload.output);
        // VEE and EDI are working on the package now: stop every service (not the broker), start them again
        assertEquals(0, mdma(Duration.ofMinutes(3), "stop", "ingest", "vee", "edi", "delivery").exit);
        Result again = mdma(Duration.ofMinutes(10), "up");
        assertEquals(0, again.exit, again.output);
        Result rest = mdma(Duration.ofMinutes(20), "acceptance", SAMPLE.toString(), out.toString(), "--skip-upload");
        assertEquals(0, rest.exit, "./mdma acceptance after the restart failed:\n" + rest.output + logs());
        assertEquals(COMPLETE, AcceptanceCheck.verdictOnExamplePackage(out));
    }

    /**
     * A larger package (the sample copied 40 times under new ids: 1.7M interval rows, 800 account-periods), uploaded
     * scrambled ({@code ./mdma acceptance --scramble}: shuffled parts in a random order, one twice), downloaded as soon
     * as the summary is complete and has not changed for 15 s: the first download must be 100% right (settled data
     * only reach the mailbox), and each account-period is posted once (no cancellation: nothing in it changed after
     * its first posting).
     */
    @Test
    @Order(4)
    void aLargerScrambledPackageIsRightOnTheFirstDownloadAndPostedOnce() throws Exception {
        int copies = Integer.getInteger("mdma.e2e.copies", 40);
        Path pkg = HOME.resolveSibling("larger-package");
        deleteTree(pkg);
        Result made = run(Duration.ofMinutes(5), "python3", ROOT.resolve("deploy/acceptance/replicate.py").toString(),
                SAMPLE.toString(), pkg.toString(), Integer.toString(copies));
        assertEquals(0, made.exit, made.output);
        assertEquals(0, mdma(Duration.ofMinutes(3), "reset").exit);
        Result started = mdma(Duration.ofMinutes(10), "up");
        assertEquals(0, started.exit, started.output);
        Path out = HOME.resolve("out-larger");
        long t0 = System.nanoTime();
        Result client = mdma(Duration.ofMinutes(40), "acceptance", pkg.toString(), out.toString(), "--scramble", "19",
                "--timeout", "2400");
        System.out.printf("larger package: %d copies of the sample, ./mdma acceptance done after %.0f s%n", copies,
                (System.nanoTime() - t0) / 1e9);
        assertEquals(0, client.exit, "./mdma acceptance --scramble failed:\n" + client.output + logs());
        AcceptanceCheck.Result compared = AcceptanceCheck.check(pkg.resolve("expected"), out);
        int aps = 20 * copies;
        int rows = 26 * copies;
        assertEquals("acceptance: " + aps + "/" + aps + " account-periods match, summary " + rows + "/" + rows + " rows match",
                compared.line(), "the first download: " + compared.report());
        System.out.println("larger package: posted to the UDC " + compared.transactionSets() + " transaction sets, of which "
                + compared.cancellations() + " cancellations, for " + aps + " account-periods (" + 17 * copies + " not held)");
        assertEquals(0, compared.cancellations(), "an account-period was posted more than once");
        assertEquals(17 * copies, compared.transactionSets(), "one original per account-period that is not held");
        deleteTree(pkg);
    }

    // ------------------------------------------------------------------------------------------

    record Result(int exit, String output) {
    }

    static Result mdma(Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("mdma").toString());
        cmd.addAll(List.of(args));
        return run(timeout, cmd.toArray(String[]::new));
    }

    static Result run(Duration timeout, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("MDMA_HOME", HOME.toString());
        pb.environment().put("MDMA_OPERATOR_PASSWORD", OPERATOR_PASSWORD);
        Path log = Files.createTempFile("mdma-e2e", ".log");
        pb.redirectOutput(log.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        boolean done = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        System.out.println("$ " + String.join(" ", cmd) + "\n" + output);
        return new Result(done ? p.exitValue() : -1, output);
    }

    /** ./mdma acceptance and deploy/acceptance/replicate.py are Python 3: without it the test fails, saying so. */
    static void requirePython3() throws Exception {
        Result r = run(Duration.ofSeconds(10), "python3", "--version");
        assertEquals(0, r.exit, "python3 is needed (./mdma acceptance and deploy/acceptance/*.py are Python 3): install "
                + "python3 and run the test again; python3 --version said: " + r.output);
    }

    static String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        Path dir = HOME.resolve("logs");
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                sb.append("\n--- ").append(f.getFileName()).append(" (last 40 lines)\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> sb.append(l).append('\n'));
            }
        }
        return sb.toString();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The delivery API over HTTPS with HTTP Basic; the local stack's certificate is self-signed. */
    static final class Api {
        private final HttpClient http;
        private final String auth;

        Api(String user, String password) throws Exception {
            SSLContext tls = TrustAnyCertificate.sslContext();
            http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
            auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> send(String method, String path, String json) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:8443/api/v1" + path))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", auth);
            if (json != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
