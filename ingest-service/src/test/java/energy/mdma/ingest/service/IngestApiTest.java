package energy.mdma.ingest.service;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.FileReceived;
import energy.mdma.events.Sha256;
import energy.mdma.events.FileStatus;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.RejectedReading;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.Source;
import energy.mdma.events.SourceType;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.bench.IntervalsFileGenerator;
import energy.mdma.testsupport.ExamplePackage;
import energy.mdma.testsupport.MdmaPlatformTestResource;
import energy.mdma.testsupport.Poll;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ingest service over HTTPS against a real broker and registry (test-support): the sample package, duplicates,
 * whole-file rejections (nothing published), authentication and roles, the head-end path, progress.
 */
@QuarkusTest
@WithTestResource(value = MdmaPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestHome.class, scope = TestResourceScope.GLOBAL)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestApiTest {
    static final String OPERATOR = "operator";
    static final String OPERATOR_PW = "Test-operator-pass-1";
    static final String HEADEND = "HE1";
    static final String HEADEND_PW = "Test-headend-pass-1";
    static final String ESP = "ESPT";
    static final String ESP_PW = "Test-esp-pass-1";
    static final List<String> DATA_TOPICS = List.of(Topics.PARTIES, Topics.METERS, Topics.CHANNELS, Topics.SCHEDULES,
            Topics.INTERVALS, Topics.REGISTERS, Topics.FILES_RECEIVED, Topics.FILES_REJECTED_ROWS);

    static boolean partiesReady;
    static final Map<String, String> sampleIds = new HashMap<>();

    @TestHTTPResource(value = "/", tls = true)
    URL base;

    @BeforeEach
    void parties() throws Exception {
        if (partiesReady) {
            return;
        }
        // what the delivery service publishes: parties and their password hashes
        TestKafka.party(OPERATOR, PartyRole.OPERATOR, OPERATOR_PW);
        TestKafka.party(HEADEND, PartyRole.HEADEND, HEADEND_PW);
        TestKafka.party(ESP, PartyRole.ESP, ESP_PW);
        Poll.until("the operator's, the head-end's and the ESP's credentials arrive from mdma.credentials",
                Duration.ofSeconds(60),
                () -> as(OPERATOR, OPERATOR_PW).get("/api/v1/files/f000000000000000000000000").statusCode() == 404
                        && as(HEADEND, HEADEND_PW).get("/api/v1/files/f000000000000000000000000").statusCode() == 404
                        && as(ESP, ESP_PW).get("/api/v1/files/f000000000000000000000000").statusCode() == 404);
        partiesReady = true;
    }

    RequestSpecification anonymous() {
        return RestAssured.given().baseUri(base.toString().replaceAll("/$", "")).relaxedHTTPSValidation();
    }

    RequestSpecification as(String user, String password) {
        return anonymous().auth().preemptive().basic(user, password);
    }

    Response post(String user, String password, String kind, String name, byte[] body) {
        return as(user, password).contentType("text/csv").body(body).queryParam("name", name)
                .post("/api/v1/files/" + kind);
    }

    static long dataLines(byte[] csv) {
        return new String(csv, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count() - 1;
    }

    @Test
    @Order(1)
    void samplePackageIsAcceptedAndPublishedWithTheRightKeys() throws Exception {
        for (String kind : List.of("parties", "meters", "channels", "schedule", "intervals", "registers")) {
            byte[] bytes = Files.readAllBytes(ExamplePackage.file(kind + ".csv"));
            Response r = post(OPERATOR, OPERATOR_PW, kind, kind + ".csv", bytes);
            r.then().statusCode(200).contentType("application/json")
                    .body("kind", equalTo(kind)).body("rowsRejected", equalTo(0)).body("duplicate", equalTo(false))
                    .body("name", equalTo(kind + ".csv"))
                    .body("sha256", equalTo(Sha256.hex(bytes)));
            assertEquals(dataLines(bytes), r.jsonPath().getLong("rowsRead"), kind);
            assertEquals(dataLines(bytes), r.jsonPath().getLong("rowsAccepted"), kind);
            assertTrue(r.jsonPath().getList("rejections").isEmpty(), kind);
            sampleIds.put(kind, r.jsonPath().getString("fileId"));
            // the same report again
            as(OPERATOR, OPERATOR_PW).get("/api/v1/files/" + sampleIds.get(kind)).then().statusCode(200)
                    .body("status", equalTo("COMPLETED")).body("rowsAccepted", equalTo((int) dataLines(bytes)));
        }

        Map<String, PartyEvent> parties = latest(Topics.PARTIES, PartyEvent.class, sampleIds.get("parties"));
        assertEquals(Set.of("SCE", "ESP01", "ESP02", "ESP03"), parties.keySet());
        assertEquals(PartyRole.UDC, parties.get("SCE").getRole());
        assertEquals("375040116", parties.get("SCE").getDuns());
        assertEquals(OPERATOR, parties.get("ESP01").getChangedBy());

        Map<String, MeterEvent> meters = latest(Topics.METERS, MeterEvent.class, sampleIds.get("meters"));
        assertEquals(12, meters.size());
        MeterEvent m = meters.get("M1699684");
        assertEquals("3911611822", m.getServiceAccount());
        assertEquals("ESP02", m.getEspId());
        assertEquals(15, m.getIntervalMinutes());
        assertEquals(new DecimalValue(80L, 0), m.getMeterMultiplier());
        assertNull(m.getMeterClass());
        assertEquals("Moore, James", meters.get("M6824492").getCustomerName());

        Map<String, ChannelEvent> channels = latest(Topics.CHANNELS, ChannelEvent.class, sampleIds.get("channels"));
        assertEquals(13, channels.size());
        ChannelEvent c = channels.get("M7685777:2");
        assertNotNull(c, "key meterId:channel");
        assertEquals(new DecimalValue(75L, 4), c.getPulseMultiplier());
        assertEquals(400L, c.getMaxPulsesPerInterval());

        Map<String, ScheduledReadDate> schedule = latest(Topics.SCHEDULES, ScheduledReadDate.class,
                sampleIds.get("schedule"));
        assertEquals(9, schedule.size());
        assertEquals(LocalDate.of(2025, 11, 24), schedule.get("02:2025-11-24").getReadDate());

        String intervalsId = sampleIds.get("intervals");
        List<ConsumerRecord<String, Object>> blocks = TestKafka.readAll(Topics.INTERVALS).stream()
                .filter(r -> r.value() instanceof IntervalBlock b && b.getSource().getId().equals(intervalsId))
                .toList();
        long values = 0;
        Set<String> keys = new HashSet<>();
        boolean firstSeen = false;
        for (ConsumerRecord<String, Object> r : blocks) {
            IntervalBlock b = (IntervalBlock) r.value();
            assertEquals(b.getMeterId() + ":" + b.getChannel(), r.key());
            assertEquals(b.getValues().size(), b.getStatuses().size());
            assertEquals(6, b.getValueScale());
            assertEquals(SourceType.CSV, b.getSource().getType());
            values += b.getValues().size();
            keys.add(r.key());
            if (r.key().equals("M1699684:1") && b.getFirstIntervalEnd().equals(Instant.parse("2025-10-23T07:15:00Z"))) {
                firstSeen = true;
                assertEquals(47_700L, b.getValues().get(0));
                assertEquals(49_400L, b.getValues().get(1));
                assertEquals(2L, b.getSource().getSequence(), "line of the run's first value");
            }
        }
        assertEquals(42_165L, values, "interval values of the sample");
        assertTrue(firstSeen, "the block starting with the file's first row");
        assertTrue(keys.contains("M7685777:2"), keys.toString());

        List<RegisterReading> readings = TestKafka.readAll(Topics.REGISTERS).stream()
                .filter(r -> r.value() instanceof RegisterReading g && g.getSource().getId().equals(sampleIds.get("registers")))
                .peek(r -> assertEquals(((RegisterReading) r.value()).getMeterId() + ":"
                        + ((RegisterReading) r.value()).getChannel(), r.key()))
                .map(r -> (RegisterReading) r.value()).toList();
        assertEquals(22, readings.size());
        assertTrue(readings.stream().anyMatch(g -> g.getMeterId().equals("M1699684") && g.getReading() == 111312L
                && g.getReadTime().equals(Instant.parse("2025-10-23T21:42:00Z"))));

        Set<String> received = TestKafka.readAll(Topics.FILES_RECEIVED).stream()
                .map(r -> (FileReceived) r.value()).filter(f -> f.getStatus() == FileStatus.COMPLETED)
                .map(FileReceived::getFileId).collect(Collectors.toSet());
        assertTrue(received.containsAll(sampleIds.values()), "a FileReceived per file");
    }

    private static <T> Map<String, T> latest(String topic, Class<T> type, String fileId) {
        Map<String, T> out = new HashMap<>();
        for (ConsumerRecord<String, Object> r : TestKafka.readAll(topic)) {
            if (type.isInstance(r.value())) {
                Object src = ((org.apache.avro.generic.GenericRecord) r.value()).get("sourceFileId");
                if (fileId.equals(src)) {
                    out.put(r.key(), type.cast(r.value()));
                }
            }
        }
        return out;
    }

    @Test
    @Order(2)
    void resentFileIsADuplicateAndPublishesNothing() throws Exception {
        long before = TestKafka.endOffsets(DATA_TOPICS);
        byte[] bytes = Files.readAllBytes(ExamplePackage.file("registers.csv"));
        post(OPERATOR, OPERATOR_PW, "registers", "again.csv", bytes).then().statusCode(200)
                .body("duplicate", equalTo(true)).body("fileId", equalTo(sampleIds.get("registers")))
                .body("name", equalTo("registers.csv")).body("rowsAccepted", equalTo(22));
        assertEquals(before, TestKafka.endOffsets(DATA_TOPICS), "no new events");
        // the first report is unchanged
        as(OPERATOR, OPERATOR_PW).get("/api/v1/files/" + sampleIds.get("registers")).then().statusCode(200)
                .body("duplicate", equalTo(false));
    }

    @Test
    @Order(3)
    void wrongHeaderIsAProblem() {
        byte[] bad = "service_account,udc,esp_id,customer_name,meter_id,read_cycle,interval_minutes,dials,meter_multiplier\n1,SCE,ESP01,x,MX1,01,15,5,1\n"
                .getBytes(StandardCharsets.UTF_8);
        long before = TestKafka.endOffsets(List.of(Topics.METERS));
        Response r = post(OPERATOR, OPERATOR_PW, "meters", "bad-header.csv", bad);
        r.then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("title", equalTo("File rejected"))
                .body("detail", containsString("column 2")).body("detail", containsString("udc_id"));
        assertEquals(before, TestKafka.endOffsets(List.of(Topics.METERS)), "no meter written, not even aborted");
        String id = r.jsonPath().getString("fileId");
        as(OPERATOR, OPERATOR_PW).get("/api/v1/files/" + id).then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    @Order(4)
    void notUtf8FileIsRejectedAndNothingOfItIsPublished() throws Exception {
        // 6,000 good rows (more than one block is sent before the bad byte), then a byte that is not UTF-8
        List<String> lines = Files.readAllLines(ExamplePackage.file("intervals.csv")).subList(0, 6001);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        out.write("M1699684,1,2025-12-01T00:15-08:00,1.5,\nM1699684,1,2025-12-01T00:30-08:00,1.5".getBytes(StandardCharsets.UTF_8));
        out.write(0xFF);
        out.write(",\n".getBytes(StandardCharsets.UTF_8));
        Response r = post(OPERATOR, OPERATOR_PW, "intervals", "latin1.csv", out.toByteArray());
        r.then().statusCode(400).contentType("application/problem+json").body("detail", containsString("UTF-8"));
        String id = r.jsonPath().getString("fileId");
        // (whether the producer had already sent some blocks of the transaction before the bad byte depends on
        // batching and timing; either way the transaction is aborted and none of them may become visible)
        assertFalse(TestKafka.readAll(Topics.INTERVALS).stream()
                        .anyMatch(x -> ((IntervalBlock) x.value()).getSource().getId().equals(id)),
                "nothing of the rejected file is visible to read_committed consumers");
        FileReceived fr = (FileReceived) TestKafka.await(Topics.FILES_RECEIVED, x -> x.key().equals(id),
                Duration.ofSeconds(10)).value();
        assertEquals(FileStatus.REJECTED, fr.getStatus());
        assertTrue(fr.getProblem().contains("UTF-8"), fr.getProblem());
    }

    @Test
    @Order(5)
    void loginsAndRoles() {
        anonymous().body("x").post("/api/v1/files/meters?name=m.csv").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Basic"));
        as(OPERATOR, "wrong-password-123").get("/api/v1/files/f000000000000000000000000").then().statusCode(401);
        as("nobody", "whatever-password").get("/api/v1/files/f000000000000000000000000").then().statusCode(401);
        byte[] intervals = "meter_id,channel,interval_end,value,status\n".getBytes(StandardCharsets.UTF_8);
        post(ESP, ESP_PW, "intervals", "i.csv", intervals).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("ESP"));
        byte[] meters = "service_account,udc_id,esp_id,customer_name,meter_id,read_cycle,interval_minutes,dials,meter_multiplier\n"
                .getBytes(StandardCharsets.UTF_8);
        post(HEADEND, HEADEND_PW, "meters", "m.csv", meters).then().statusCode(403);
        post(HEADEND, HEADEND_PW, "schedule", "s.csv", meters).then().statusCode(403);
        // a head-end may send intervals (here: an empty file with the right header)
        post(HEADEND, HEADEND_PW, "intervals", "empty.csv", intervals).then().statusCode(200)
                .body("rowsRead", equalTo(0));
        post(OPERATOR, OPERATOR_PW, "gas", "g.csv", intervals).then().statusCode(404);
        if (sampleIds.containsKey("parties")) {
            as(HEADEND, HEADEND_PW).get("/api/v1/files/" + sampleIds.get("parties") + "/content").then().statusCode(403);
            as(HEADEND, HEADEND_PW).get("/api/v1/files/" + sampleIds.get("parties")).then().statusCode(404);
        }
    }

    @Test
    @Order(6)
    void headEndEventsAreCheckedForwardedOrRejected() throws Exception {
        Instant at = Instant.parse("2025-09-01T07:15:00Z");
        Source src = new Source(SourceType.HEADEND, "HE-A", 4711L, Instant.now());
        TestKafka.send(Topics.HEADEND_READINGS, "NOPE-1:1", new IntervalBlock("NOPE-1", 1, 15, at, 6,
                List.of(1L, 2L), List.of(0, 0), src, "HE-A", 4711L));
        TestKafka.send(Topics.HEADEND_READINGS, "M5758737:1", new IntervalBlock("M5758737", 1, 15,
                at.plusSeconds(300), 6, List.of(1L), List.of(0), src, "HE-A", 4712L));
        TestKafka.send(Topics.HEADEND_READINGS, "M5758737:1", new IntervalBlock("M5758737", 1, 15, at, 3,
                List.of(1500L, 2L, 30L), List.of(0, 1, 8), src, "HE-A", 4713L));
        TestKafka.send(Topics.HEADEND_READINGS, "M6824492:1", new RegisterReading("M6824492", 1,
                Instant.parse("2025-10-27T17:00:00Z"), 12345L, src));

        RejectedReading unknown = (RejectedReading) TestKafka.await(Topics.READINGS_REJECTED,
                r -> "NOPE-1".equals(((RejectedReading) r.value()).getMeterId()), Duration.ofSeconds(60)).value();
        assertTrue(unknown.getReason().contains("unknown meter"), unknown.getReason());
        assertTrue(unknown.getOriginalJson().contains("NOPE-1"));
        RejectedReading offGrid = (RejectedReading) TestKafka.await(Topics.READINGS_REJECTED,
                r -> "M5758737".equals(((RejectedReading) r.value()).getMeterId()), Duration.ofSeconds(30)).value();
        assertTrue(offGrid.getReason().contains("not on the 15-minute grid"), offGrid.getReason());

        ConsumerRecord<String, Object> fwd;
        try {
            fwd = TestKafka.await(Topics.INTERVALS,
                    r -> ((IntervalBlock) r.value()).getSource().getType() == SourceType.HEADEND, Duration.ofSeconds(30));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; rejected: " + TestKafka.readAll(Topics.READINGS_REJECTED)
                    .stream().map(r -> ((RejectedReading) r.value()).getReason()).toList(), e);
        }
        IntervalBlock b = (IntervalBlock) fwd.value();
        assertEquals("M5758737:1", fwd.key());
        assertEquals(6, b.getValueScale());
        assertEquals(List.of(1_500_000L, 2_000L, 30_000L), b.getValues(), "scale 3 -> 6");
        assertEquals(4713L, b.getHeadEndSequence());
        ConsumerRecord<String, Object> reg = TestKafka.await(Topics.REGISTERS,
                r -> ((RegisterReading) r.value()).getSource().getType() == SourceType.HEADEND, Duration.ofSeconds(30));
        assertEquals("M6824492:1", reg.key());
        assertEquals(2, TestKafka.readAll(Topics.READINGS_REJECTED).size(), "only the two bad events are rejected");
    }

    @Test
    @Order(7)
    void progressOfALargeFileIsVisible() throws Exception {
        Path file = Files.createTempFile("big-intervals", ".csv");
        long rows = 800_000;
        IntervalsFileGenerator.write(file, List.of("M5758737"), 1, LocalDate.of(2001, 1, 1), rows);
        String sha = Sha256.hex(Files.readAllBytes(file));
        String id = "f" + sha.substring(0, 24);
        CompletableFuture<Response> upload = CompletableFuture.supplyAsync(() -> as(OPERATOR, OPERATOR_PW)
                .contentType("text/csv").body(file.toFile()).queryParam("name", "big.csv").post("/api/v1/files/intervals"));
        AtomicLong maxSeen = new AtomicLong(-1);
        AtomicBoolean sawProcessing = new AtomicBoolean();
        Poll.until("the upload of big.csv answered", Duration.ofMinutes(5), () -> {
            Response r = as(OPERATOR, OPERATOR_PW).get("/api/v1/files/" + id);
            if (r.statusCode() == 200 && "PROCESSING".equals(r.jsonPath().getString("status"))) {
                sawProcessing.set(true);
                long read = r.jsonPath().getLong("rowsRead");
                assertTrue(read >= maxSeen.get() && read <= rows, "rows read so far: " + read);
                maxSeen.set(read);
            }
            return upload.isDone();
        });
        Response done = upload.get();
        done.then().statusCode(200).body("fileId", equalTo(id)).body("status", equalTo("COMPLETED"))
                .body("rowsAccepted", equalTo((int) rows)).body("rowsRejected", equalTo(0));
        assertTrue(sawProcessing.get(), "GET showed the file while it was processed");
        as(OPERATOR, OPERATOR_PW).get("/api/v1/files/" + id).then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("rowsRead", equalTo((int) rows));
        Files.delete(file);
    }

    @Test
    @Order(8)
    void operatorsFetchTheBytesAsReceived() throws Exception {
        byte[] raw = as(OPERATOR, OPERATOR_PW).get("/api/v1/files/" + sampleIds.get("parties") + "/content")
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(Files.readAllBytes(ExamplePackage.file("parties.csv")), raw);
    }
}
