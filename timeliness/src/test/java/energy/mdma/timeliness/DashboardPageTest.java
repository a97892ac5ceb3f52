package energy.mdma.timeliness;

import static energy.mdma.timeliness.Fx.doc;
import static energy.mdma.timeliness.Fx.local;
import static energy.mdma.timeliness.Fx.meter;
import static energy.mdma.timeliness.Fx.original;
import static energy.mdma.timeliness.Fx.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renders the SLA dashboard page in headless Chromium against JSON made by the real
 * {@link TimelinessService}, served like delivery-service would (same origin), and checks what it shows.
 * Skipped only when no Chromium is installed ({@code apt-get install -y chromium}).
 */
class DashboardPageTest {

    private static final String PAGE = "META-INF/resources/dashboard/index.html";

    private HttpServer server;
    private final List<String> apiQueries = new CopyOnWriteArrayList<>();
    private final List<String> exceptionQueries = new CopyOnWriteArrayList<>();
    private String json;
    /** The UDC the server names in the page (delivery-service fills the meta tag, and the zone's), "" for none. */
    private volatile String defaultUdc = "";

    /** Two open exceptions as GET /api/v1/exceptions answers (a held channel-period, data missing past deadline 1). */
    static final String EXCEPTIONS = """
            {"items":[
             {"id":"x0123456789abcdef0123","type":"DATA_MISSING_PAST_DEADLINE","status":"OPEN","udc":"SCE","esp":"ESP01",
              "serviceAccount":"AI10x9","meterId":"I10-09","channel":null,"periodStart":"2025-10-10","periodEnd":"2025-11-12",
              "failurePoints":{},"missing":[{"from":"2025-10-10T07:00:00Z","to":"2025-11-12T08:00:00Z","what":"INTERVALS"}],
              "deadlines":[{"k":1,"at":"2025-11-14T08:00:00Z","passed":true},{"k":2,"at":"2025-11-15T08:00:00Z","passed":true},
                           {"k":5,"at":"2025-11-18T08:00:00Z","passed":false}],
              "message":"The usage of meter I10-09 was not posted by deadline 1.","raisedAt":"2025-11-14T08:00:05Z"},
             {"id":"x0123456789abcdef0124","type":"ESTIMATION_FAILED","status":"OPEN","udc":"SCE","esp":"ESP02",
              "serviceAccount":"A7471082","meterId":"M7471082","channel":1,"periodStart":"2025-10-29","periodEnd":"2025-11-28",
              "failurePoints":{"NOT_ESTIMATED":6},"missing":[{"from":"2025-10-29T07:00:00Z","to":"2025-10-29T08:30:00Z","what":"INTERVALS"}],
              "deadlines":[{"k":1,"at":"2025-11-30T08:00:00Z","passed":false}],
              "message":"Channel-period is held: estimation failed.","raisedAt":"2025-11-13T10:00:00Z"}
            ],"nextCursor":null}""";

    private static Optional<Path> chromium() {
        String env = System.getenv("CHROMIUM");
        Stream<String> candidates = Stream.of(env, "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/lib/chromium/chromium", "/usr/bin/google-chrome");
        return candidates.filter(s -> s != null && !s.isBlank()).map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Ten interval and ten non-interval read dates; two interval ones have late meters, one non-interval was late. */
    static List<CohortView> cannedCohorts() {
        TimelinessService service = new TimelinessService(TimelinessConfig.defaults(), Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            String cycle = String.format("C%02d", i + 1);
            LocalDate first = LocalDate.parse("2025-10-01").plusDays(i);
            LocalDate r = LocalDate.parse("2025-11-03").plusDays(i);
            service.apply(read(cycle, first.toString()));
            service.apply(read(cycle, r.toString()));
            int metInterval = i == 9 ? 7 : i == 4 ? 8 : 10;
            List<energy.mdma.events.ReportRef> reports = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                String id = String.format("I%02d-%02d", i + 1, j);
                String account = "AI" + (i + 1) + "x" + j;
                service.apply(meter(id, account, "SCE", j % 2 == 0 ? "ESP01" : "ESP02", cycle, 15));
                if (j < metInterval) {
                    reports.add(original(account, first.toString(), r.toString()));
                }
            }
            List<energy.mdma.events.ReportRef> registers = new ArrayList<>();
            List<energy.mdma.events.ReportRef> lateRegisters = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                String id = String.format("N%02d-%02d", i + 1, j);
                String account = "AN" + (i + 1) + "x" + j;
                service.apply(meter(id, account, "SCE", "ESP03", cycle, 0));
                (i == 2 && j == 3 ? lateRegisters : registers).add(original(account, first.toString(), r.toString()));
            }
            // interval data posted on R + 1 at 10:00 local, non-interval at 05:00; one register account of
            // 2025-11-05 comes on R + 3 (after its deadlines 1 and 2, before 5)
            service.apply(doc("F" + i, "SCE", local(r.plusDays(1) + "T10:00"),
                    reports.toArray(energy.mdma.events.ReportRef[]::new)));
            service.apply(doc("G" + i, "SCE", local(r.plusDays(1) + "T05:00"),
                    registers.toArray(energy.mdma.events.ReportRef[]::new)));
            if (!lateRegisters.isEmpty()) {
                service.apply(doc("H" + i, "SCE", local(r.plusDays(3) + "T07:00"),
                        lateRegisters.toArray(energy.mdma.events.ReportRef[]::new)));
            }
        }
        return service.cohorts("SCE", LocalDate.parse("2025-09-01"), LocalDate.parse("2025-11-16"),
                local("2025-11-16T12:00"));
    }

    @BeforeEach
    void serve() throws IOException {
        json = new ObjectMapper().writeValueAsString(cannedCohorts());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/dashboard/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (!path.equals("/dashboard/") && !path.equals("/dashboard/index.html")) {
                respond(ex, 404, "text/plain", "not found");
                return;
            }
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(PAGE)) {
                respond(ex, 200, "text/html; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("<meta name=\"mdma-udc\" content=\"\">", "<meta name=\"mdma-udc\" content=\"" + defaultUdc + "\">")
                        .replace("<meta name=\"mdma-zone\" content=\"\">",
                                "<meta name=\"mdma-zone\" content=\"" + TimelinessConfig.defaults().zone().getId() + "\">"));
            }
        });
        server.createContext("/api/v1/exceptions", ex -> {
            exceptionQueries.add(ex.getRequestURI().getRawQuery());
            respond(ex, 200, "application/json", EXCEPTIONS);
        });
        server.createContext("/api/v1/timeliness", ex -> {
            apiQueries.add(ex.getRequestURI().getRawQuery());
            respond(ex, 200, "application/json", json);
        });
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String run(Path chromium, String... args) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path err = Files.createTempFile("chromium", ".err");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                // let the page's fetch and rendering finish before the DOM is taken
                "--virtual-time-budget=20000"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish; stderr: " + readQuietly(err));
            }
            assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(err));
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            deleteQuietly(profile);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int count(String haystack, String regex) {
        Matcher m = Pattern.compile(regex).matcher(haystack);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void dashboardShowsCohortsTargetsTrendAndLateMeters() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium found (apt-get install -y chromium)");
        String url = "http://127.0.0.1:" + server.getAddress().getPort()
                + "/dashboard/?udc=SCE&from=2025-09-01&to=2025-11-16";

        String dumped = run(chromium.get(), "--dump-dom", url);
        Files.writeString(Path.of("target", "dashboard-dom.html"), dumped);
        // what the page shows, without its own script text
        String dom = dumped.replaceAll("(?s)<script.*?</script>", "");

        assertEquals(List.of("udc=SCE&from=2025-09-01&to=2025-11-16"), apiQueries, "what the page asked for");
        assertTrue(dom.contains("data-state=\"ready\""), () -> "page not rendered: " + dom);
        // recent cohorts: cards with bars against their three targets
        assertTrue(dom.contains("Interval · read 2025-11-12"), dom);
        assertTrue(dom.contains("Non-interval · read 2025-11-12"), dom);
        assertEquals(6 * 2, count(dom, "<div class=\"card\" "), "6 recent read dates, 2 data types");
        assertEquals(6 * 2 * 3, count(dom, "<rect class=\"bar\""), "one bar per deadline");
        assertTrue(count(dom, "<line class=\"target\"") >= 6 * 2 * 3, "a target mark per bar");
        assertTrue(dom.contains("70.00%"), "the last interval cohort: 7 of 10 met");
        assertTrue(dom.contains("80.00%"), "the 2025-11-07 interval cohort: 8 of 10 met");
        // trend: one chart per data type, one line per deadline
        assertEquals(2, count(dom, "<svg class=\"trend-chart\""));
        assertEquals(6, count(dom, "<polyline class=\"trend\""));
        // the last 30 read dates: 10 dates x 2 types x 3 deadlines
        assertEquals(1, count(dom, "<svg class=\"heatmap\""));
        assertEquals(60, count(dom, "<rect class=\"cell\""));
        assertTrue(dom.contains("2025-11-03"));
        // late meters: the three of the last interval read date, and the two of 2025-11-07
        assertEquals(5, count(dom, "<tr class=\"late-meter\""));
        assertTrue(dom.contains("I10-09") && dom.contains("I10-07") && dom.contains("I05-08"), dom);
        assertTrue(!dom.contains("I10-06"), "a met meter is not late");
        // headline tiles
        // headline tiles: interval 2025-11-07 and 2025-11-12, non-interval 2025-11-05 missed a target
        assertTrue(dom.contains("data-status=\"MISSED\"><b>3</b>"), "3 cohorts missed");
        assertTrue(dom.contains("data-status=\"MET\"><b>17</b>"), "17 cohorts met");

        // the open exceptions of the UDC beside the figures
        assertEquals(List.of("status=open&udc=SCE&limit=100"), exceptionQueries);
        assertTrue(dom.contains("<section id=\"exceptions\" data-state=\"ready\""), dom);
        assertEquals(2, count(dom, "<tr class=\"exception\""));

        // a screenshot to look at (target/dashboard.png)
        Path png = Path.of("target", "dashboard.png").toAbsolutePath();
        Files.deleteIfExists(png);
        run(chromium.get(), "--hide-scrollbars", "--window-size=1400,2400", "--screenshot=" + png, url);
        assertTrue(Files.size(png) > 10_000, "screenshot written");
    }

    @Test
    void opensOnTheUdcTheServerNamesAndShowsItsOpenExceptions() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium found (apt-get install -y chromium)");
        defaultUdc = "SCE";
        // no udc in the address and nothing remembered (a fresh browser profile)
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/dashboard/";

        String dumped = run(chromium.get(), "--dump-dom", url);
        Files.writeString(Path.of("target", "dashboard-default-udc-dom.html"), dumped);
        String dom = dumped.replaceAll("(?s)<script.*?</script>", "");

        assertEquals(1, apiQueries.size(), apiQueries.toString());
        assertTrue(apiQueries.get(0).startsWith("udc=SCE&from="), "opened on the server's UDC: " + apiQueries);
        assertTrue(dom.contains("data-state=\"ready\""), () -> "page not rendered: " + dom);
        assertTrue(dom.contains("value=\"SCE\"") || dom.contains("Interval · read"), "the figures of SCE");
        assertEquals(List.of("status=open&udc=SCE&limit=100"), exceptionQueries);
        assertTrue(dom.contains("<section id=\"exceptions\" data-state=\"ready\""), dom);
        assertEquals(2, count(dom, "<tr class=\"exception\""));
        assertTrue(dom.contains("data-exceptions=\"2\""), "the count of open exceptions");
        assertTrue(dom.contains("M7471082") && dom.contains("DATA_MISSING_PAST_DEADLINE") && dom.contains("I10-09"), dom);
        assertEquals(1, count(dom, "class=\"passed\""), "deadline 1 passed for the late meter only");
    }

    @Test
    void withoutAUdcItAsksForOne() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium found (apt-get install -y chromium)");
        String dom = run(chromium.get(), "--dump-dom", "http://127.0.0.1:" + server.getAddress().getPort() + "/dashboard/")
                .replaceAll("(?s)<script.*?</script>", "");
        assertTrue(dom.contains("data-state=\"idle\""), dom);
        assertTrue(dom.contains("Enter the UDC"), dom);
        assertEquals(List.of(), apiQueries);
        assertEquals(List.of(), exceptionQueries);
    }
}
