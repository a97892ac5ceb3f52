package energy.mdma.ingest.bench;

import energy.mdma.events.CredentialEvent;
import energy.mdma.events.CredentialKind;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.PrevailingTime;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.kafka.RegistryCredentials;
import energy.mdma.party.auth.BcryptPasswordHasher;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import energy.mdma.testsupport.TrustAnyCertificate;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Throughput of the ingest path, not a test: a large generated intervals.csv (default 2,000,000 rows: 200 meters x
 * 10,000 consecutive 15-minute intervals) sent through the HTTPS API into a real broker, and beside it a bare
 * KafkaProducer sending the same values as IntervalBlocks of 4,096 (same serializer, compression and batching, no
 * parsing, no transaction). Prints rows/s and MB/s of both.
 *
 * <p>Two ways to run:
 * <ul>
 * <li>Own platform (default): needs test-support on the class path ({@code mvn -o -pl ingest-service
 * test-compile exec:java -Dexec.mainClass=energy.mdma.ingest.bench.IngestBenchmark -Dexec.classpathScope=test}
 * after {@code package}): starts the in-process broker and registry of {@code MdmaTestPlatform}, publishes a
 * throw-away operator credential (as the delivery service would), starts target/quarkus-app/quarkus-run.jar as a
 * child process on a free port, and runs.</li>
 * <li>A running stack ({@code ./mdma up}): {@code -Dbench.stack=true}, with MDMA_KAFKA, MDMA_REGISTRY_URL,
 * MDMA_INGEST_URL (default https://localhost:9443) and the operator's password in MDMA_OPERATOR_PASSWORD.</li>
 * </ul>
 * Options (system properties): {@code bench.rows} (2000000), {@code bench.meters} (200).
 */
public final class IngestBenchmark {
    private static final String OPERATOR = "operator";

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", 2_000_000L);
        int meterCount = Integer.getInteger("bench.meters", 200);
        long perMeter = rows / meterCount;
        rows = perMeter * meterCount;
        boolean stack = Boolean.getBoolean("bench.stack");
        String bootstrap;
        String registry;
        String ingestUrl;
        String password;
        Process service = null;
        Path work = Files.createTempDirectory("mdma-ingest-bench");
        if (stack) {
            bootstrap = env("MDMA_KAFKA", "localhost:9092");
            registry = env("MDMA_REGISTRY_URL", "http://localhost:8081/apis/registry/v2");
            ingestUrl = env("MDMA_INGEST_URL", "https://localhost:9443");
            password = System.getenv("MDMA_OPERATOR_PASSWORD");
            if (password == null || password.isBlank()) {
                throw new IllegalStateException("set MDMA_OPERATOR_PASSWORD to the operator's password");
            }
        } else {
            MdmaTestPlatform platform = MdmaTestPlatform.get();
            bootstrap = platform.bootstrapServers();
            registry = platform.registryUrl();
            byte[] rnd = new byte[18];
            new SecureRandom().nextBytes(rnd);
            password = "Bench-" + HexFormat.of().formatHex(rnd);
            publishOperator(bootstrap, registry, password);
            int port = freePort();
            int mgmt = freePort();
            ingestUrl = "https://localhost:" + port;
            service = startService(work, bootstrap, registry, port, mgmt);
            awaitReady(mgmt, service, work);
        }
        HttpClient http = HttpClient.newBuilder().sslContext(TrustAnyCertificate.sslContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString((OPERATOR + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        try {
            List<String> meters = new ArrayList<>();
            for (int i = 1; i <= meterCount; i++) {
                meters.add(String.format("BM%05d", i));
            }
            String run = Long.toString(System.currentTimeMillis() % 100000);
            Path parties = write(work, "parties.csv", "party_id,role,name,duns\nBUDC,UDC,Bench utility,123456789\n"
                    + "BESP,ESP,Bench ESP,987654321\n");
            StringBuilder m = new StringBuilder("service_account,udc_id,esp_id,customer_name,meter_id,read_cycle,"
                    + "interval_minutes,dials,meter_multiplier\n");
            StringBuilder c = new StringBuilder("meter_id,channel,uom,raw_unit,pulse_multiplier,max_pulses_per_interval\n");
            for (int i = 0; i < meterCount; i++) {
                m.append(9_000_000L + i).append(",BUDC,BESP,Bench ").append(run).append(',').append(meters.get(i))
                        .append(",01,15,6,1\n");
                c.append(meters.get(i)).append(",1,KWH,UNIT,1,0\n");
            }
            post(http, ingestUrl, auth, "parties", write(work, "parties.csv", Files.readString(parties)));
            post(http, ingestUrl, auth, "meters", write(work, "meters.csv", m.toString()));
            post(http, ingestUrl, auth, "channels", write(work, "channels.csv", c.toString()));

            Path intervals = work.resolve("intervals.csv");
            long t0 = System.nanoTime();
            // a start date depending on the run, so that a re-run on a stack is not a duplicate
            LocalDate start = LocalDate.of(2010, 1, 1).plusDays(Long.parseLong(run) % 365);
            long bytes = IntervalsFileGenerator.write(intervals, meters, 1, start, perMeter);
            System.out.printf("generated %,d rows, %.1f MB in %.1f s%n", rows, bytes / 1e6,
                    (System.nanoTime() - t0) / 1e9);

            long t1 = System.nanoTime();
            String report = post(http, ingestUrl, auth, "intervals", intervals);
            double api = (System.nanoTime() - t1) / 1e9;
            if (!report.contains("\"rowsAccepted\":" + rows)) {
                throw new IllegalStateException("unexpected report: " + report.substring(0, Math.min(400, report.length())));
            }

            double bare = bareProducer(bootstrap, registry, meters, start, perMeter);

            System.out.println();
            System.out.println("ingest benchmark: " + String.format("%,d", rows) + " interval rows, "
                    + String.format("%.1f", bytes / 1e6) + " MB, " + meterCount + " meters");
            System.out.printf("  HTTPS API -> parse -> transactional publish:  %6.1f s  %,10.0f rows/s  %6.1f MB/s%n",
                    api, rows / api, bytes / 1e6 / api);
            System.out.printf("  bare KafkaProducer, same values as blocks:    %6.1f s  %,10.0f rows/s  %6.1f MB/s (CSV-equivalent)%n",
                    bare, rows / bare, bytes / 1e6 / bare);
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
            try (var s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static double bareProducer(String bootstrap, String registry, List<String> meters, LocalDate start,
            long perMeter) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "10");
        p.put("batch.size", Integer.toString(256 * 1024));
        p.put("compression.type", "lz4");
        AtomicReference<Exception> error = new AtomicReference<>();
        long t0 = System.nanoTime();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p, new StringSerializer(), serializer(registry))) {
            Instant received = Instant.now();
            long sequence = 0;
            long seed = 17;
            for (String meter : meters) {
                Instant first = start.atStartOfDay(PrevailingTime.ZONE).plusMinutes(15).toInstant();
                for (long done = 0; done < perMeter; ) {
                    int n = (int) Math.min(4096, perMeter - done);
                    List<Long> values = new ArrayList<>(n);
                    List<Integer> statuses = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        seed = seed * 6364136223846793005L + 1442695040888963407L;
                        values.add(((seed >>> 40) % 25000) * 100);
                        statuses.add((done + i) % 97 == 0 ? 1 : 0);
                    }
                    IntervalBlock b = new IntervalBlock(meter, 1, 15, first.plusSeconds(done * 900), 6, values, statuses,
                            new Source(SourceType.CSV, "bench", ++sequence, received), null, null);
                    producer.send(new ProducerRecord<>(Topics.INTERVALS, Topics.channelKey(meter, 1), b), (md, e) -> {
                        if (e != null) {
                            error.compareAndSet(null, e);
                        }
                    });
                    done += n;
                }
            }
            producer.flush();
        }
        if (error.get() != null) {
            throw error.get();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serializer<Object> serializer(String registry) {
        AvroKafkaSerializer s = new AvroKafkaSerializer();
        s.configure(EventSerdes.config(registry), false);
        return (Serializer<Object>) s;
    }

    /** What the delivery service would publish for the operator: the party and a bcrypt hash. */
    private static void publishOperator(String bootstrap, String registry, String password) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p, new StringSerializer(), serializer(registry))) {
            Instant now = Instant.now();
            producer.send(new ProducerRecord<>(Topics.PARTIES, OPERATOR, new PartyEvent(OPERATOR, PartyRole.OPERATOR,
                    "MDMA operator", null, "bench", now, null))).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.CREDENTIALS, OPERATOR, CredentialEvent.newBuilder()
                    .setPartyId(OPERATOR).setKind(CredentialKind.PASSWORD)
                    .setHash(new BcryptPasswordHasher(10).hash(password.toCharArray())).setSetAt(now).setSetBy("bench")
                    .setChange("PASSWORD_SET").setConsecutiveFailures(0).setLockedUntil(null).setVersion(1L).build()))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static Process startService(Path work, String bootstrap, String registry, int port, int mgmt)
            throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            jar = Path.of("ingest-service", "target", "quarkus-app", "quarkus-run.jar");
        }
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the service first: mvn -o -pl ingest-service package");
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseParallelGC", "-Dquarkus.management.port=" + mgmt, "-jar", jar.toAbsolutePath().toString());
        pb.environment().put("MDMA_HOME", work.resolve("home").toString());
        pb.environment().put("MDMA_KAFKA", bootstrap);
        pb.environment().put("MDMA_REGISTRY_URL", registry);
        // the registry's writer account (the test platform's, or this shell's): the service registers its schemas
        RegistryCredentials registryAccount = RegistryCredentials.fromEnvironment();
        if (registryAccount.present()) {
            pb.environment().put(RegistryCredentials.USERNAME_ENV, registryAccount.username());
            pb.environment().put(RegistryCredentials.PASSWORD_ENV, registryAccount.password());
        }
        pb.environment().put("MDMA_INGEST_PORT", Integer.toString(port));
        pb.environment().put("MDMA_INGEST_INSTANCE", "bench");
        pb.redirectErrorStream(true).redirectOutput(work.resolve("service.log").toFile());
        return pb.start();
    }

    private static void awaitReady(int mgmt, Process service, Path work) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + mgmt + "/q/health/ready")).build();
        try {
            Poll.until("the service ready (GET /q/health/ready answers 200)", Duration.ofSeconds(120), () -> {
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service exited: " + Files.readString(work.resolve("service.log")));
                }
                try {
                    return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false; // not up yet
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the service did not get ready: " + Files.readString(work.resolve("service.log")), e);
        }
        // the operator's credential is applied right after the catch-up: no signal of it but a login, and polling with
        // logins would spend attempts that the operator's lockout counts
        Thread.sleep(1000);
    }

    private static String post(HttpClient http, String base, String auth, String kind, Path file) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/files/" + kind + "?name="
                        + file.getFileName())).header("Authorization", auth).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(kind + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
