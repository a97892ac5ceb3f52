package energy.mdma.delivery;

import energy.mdma.delivery.archive.Sample867;
import energy.mdma.delivery.exceptions.LateDataExceptions;
import energy.mdma.delivery.timeliness.TimelinessFeed;
import energy.mdma.events.AuditEvent;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.TimeRange;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static energy.mdma.delivery.TestLog.WAIT;
import static energy.mdma.delivery.TestLog.producer;
import static energy.mdma.delivery.TestLog.readAll;
import static energy.mdma.delivery.TestLog.send;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exceptions through the public API on the real platform (operations.md section 1): held channel-periods raised on
 * mdma.vee.exceptions as vee does, listed newest first page by page, read with their history and deadlines, resolved
 * by an operator (400/404/409/403, audited, written to the log) or by the new result; and a meter whose data stay
 * missing past deadline 1 raised once by delivery's timeliness and resolved when its 867 is posted.
 *
 * <p>It shares the test platform's topics with the other Kafka tests of this JVM and counts only its own parties,
 * accounts and meters; KafkaDeliveryTest and KafkaTimelinessTest count everything on some topics, so its name (and its
 * profile's) sort after theirs: Quarkus runs the test classes ordered by profile name.
 */
@QuarkusTest
@TestProfile(OperationsExceptionApiTest.KafkaOn.class)
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OperationsExceptionApiTest {

    /** KafkaTimelinessTest's settings under a name of its own, which sorts after that test's (see above). */
    public static class KafkaOn extends KafkaTimelinessTest.KafkaOn {
    }

    private static final String UDC = "EXUDC";
    private static final String ESP = "EXESP";
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @TestHTTPResource(value = "/", tls = true)
    URL base;
    @Inject
    TimelinessFeed timeliness;

    @Test
    void exceptionsAreListedResolvedByHandAndByTheirData() throws Exception {
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        LocalDate today = LocalDate.now(LA);
        LocalDate recent = today.minusDays(3); // its deadline 1 (end of R + 1) has passed
        LocalDate opening = recent.minusDays(30);
        LocalDate heldEnd = LocalDate.parse("2026-02-03");
        Instant firstEnd = heldEnd.minusDays(30).atStartOfDay(LA).toInstant().plusSeconds(900);
        Instant t0 = Instant.now();

        try (KafkaProducer<String, Object> producer = producer(platform)) {
            for (String[] p : new String[][]{{UDC, "UDC"}, {ESP, "ESP"}}) {
                send(producer, Topics.PARTIES, p[0], PartyEvent.newBuilder().setPartyId(p[0])
                        .setRole(PartyRole.valueOf(p[1])).setName(p[0] + " name").setDuns("123456789")
                        .setChangedBy("ingest").setChangedAt(t0).build());
            }
            send(producer, Topics.METERS, "EM1", meter("EM1", "EA1", "EXR"));
            for (LocalDate d : List.of(opening, recent)) {
                send(producer, Topics.SCHEDULES, "EXR:" + d, ScheduledReadDate.newBuilder().setReadCycle("EXR")
                        .setReadDate(d).build());
            }
            // vee raises a held channel-period (twice: every evaluation of its channel raises it again)
            for (int i = 0; i < 2; i++) {
                send(producer, Topics.VEE_EXCEPTIONS, "EM2:1", held("EM2", 1, heldEnd, firstEnd, t0));
            }
            send(producer, Topics.VEE_EXCEPTIONS, "EM2:2", held("EM2", 2, heldEnd, firstEnd, t0.plusMillis(1)));
            send(producer, Topics.VEE_EXCEPTIONS, "EA9", VeeException.newBuilder().setCode("EDI_REPORT_FAILED")
                    .setServiceAccount("EA9").setPeriodEnd(heldEnd).setRaisedAt(t0.plusMillis(2))
                    .setMessage("The 867 for account EA9 to " + UDC + " cannot be built and was not posted.").build());
        }
        Poll.until("the service is ready and the operator can log in", WAIT,
                () -> TestParties.as(base, TestParties.OPERATOR).get("/api/v1/notices").statusCode() == 200);
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                .body("{\"password\":\"" + TestParties.pw(ESP) + "\"}")
                .put("/api/v1/parties/" + ESP + "/password").then().statusCode(200);

        // the late meter: raised by the timeliness tick, once however many ticks run
        Poll.until("the exception of EM1's data missing past deadline 1", WAIT,
                () -> count(open("type=" + LateDataExceptions.TYPE + "&account=EA1")) == 1);
        timeliness.tick();
        timeliness.tick();
        List<VeeException> lateRaised = events(platform).stream()
                .filter(e -> LateDataExceptions.TYPE.equals(e.getCode()) && "EM1".equals(e.getMeterId()) && !e.getResolved())
                .toList();
        assertEquals(1, lateRaised.size(), "raised once: " + lateRaised);
        assertEquals(UDC, lateRaised.get(0).getUdcId());
        assertEquals(opening, lateRaised.get(0).getPeriodStart());

        // every open exception of the UDC, newest first: the late meter, then the held channels 2 and 1
        JsonPath all = open("udc=" + UDC);
        assertEquals(List.of(LateDataExceptions.TYPE, "ESTIMATION_FAILED", "ESTIMATION_FAILED"), all.getList("items.type"));
        assertEquals(List.of(2, 1), all.getList("items.findAll { it.type == 'ESTIMATION_FAILED' }.channel"));
        assertNull(all.get("nextCursor"));
        // the report that failed has no UDC on it: listed without the udc filter
        assertEquals(1, count(open("type=EDI_REPORT_FAILED&account=EA9")));

        // page by page (limit 1): the same items in the same order, each once
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = open("udc=" + UDC + "&limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            assertTrue(page.getList("items").size() <= 1);
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(all.getList("items.id"), ids);
        assertEquals(3, new HashSet<>(ids).size());

        // one exception: what is missing, failure points, deadlines at stake, history
        String ch1 = all.getString("items.find { it.channel == 1 }.id");
        JsonPath one = TestParties.as(base, TestParties.OPERATOR).get("/api/v1/exceptions/" + ch1)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("OPEN", one.getString("status"));
        assertEquals("EA2", one.getString("serviceAccount"));
        assertEquals(ESP, one.getString("esp"));
        assertEquals(heldEnd.toString(), one.getString("periodEnd"));
        assertEquals(3, one.getInt("failurePoints.NOT_ESTIMATED"));
        assertEquals(firstEnd.minusSeconds(900).toString(), one.getString("missing[0].from"));
        assertEquals(firstEnd.plusSeconds(1800).toString(), one.getString("missing[0].to"));
        assertEquals("INTERVALS", one.getString("missing[0].what"));
        assertEquals(List.of(1, 2, 5), one.getList("deadlines.k"));
        assertEquals(heldEnd.plusDays(2).atStartOfDay(LA).toInstant().toString(), one.getString("deadlines[0].at"));
        assertTrue(one.getBoolean("deadlines[0].passed"));
        assertEquals(List.of("RAISED"), one.getList("history.event"), "raised twice as it was: one entry");

        // resolving by hand: operators only, a reason of 10 characters, known ids, open ones
        TestParties.as(base, ESP).get("/api/v1/exceptions").then().statusCode(403);
        TestParties.as(base, ESP).contentType("application/json").body("{\"reason\":\"not mine to close\"}")
                .post("/api/v1/exceptions/" + ch1 + "/resolve").then().statusCode(403);
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json").body("{\"reason\":\"too short\"}")
                .post("/api/v1/exceptions/" + ch1 + "/resolve").then().statusCode(400)
                .body("detail", containsString("reason"));
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json").body("{}")
                .post("/api/v1/exceptions/" + ch1 + "/resolve").then().statusCode(400);
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                .body("{\"reason\":\"meter exchanged, no data to come\"}")
                .post("/api/v1/exceptions/x0000000000000000000a/resolve").then().statusCode(404);
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/exceptions/nope").then().statusCode(404);
        JsonPath resolved = TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                .body("{\"reason\":\"meter exchanged, no data to come\"}")
                .post("/api/v1/exceptions/" + ch1 + "/resolve").then().statusCode(200).extract().jsonPath();
        assertEquals("RESOLVED", resolved.getString("status"));
        assertEquals(TestParties.OPERATOR, resolved.getString("resolvedBy"));
        assertEquals("meter exchanged, no data to come", resolved.getString("resolution"));
        assertEquals(List.of("RAISED", "RESOLVED"), resolved.getList("history.event"));
        TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                .body("{\"reason\":\"meter exchanged, no data to come\"}")
                .post("/api/v1/exceptions/" + ch1 + "/resolve").then().statusCode(409)
                .body("detail", containsString("already"));
        assertEquals(List.of(ch1), TestParties.as(base, TestParties.OPERATOR)
                .get("/api/v1/exceptions?status=resolved&udc=" + UDC).jsonPath().getList("items.id"));
        // on the log (every replica and a restart see it) and in the audit trail
        assertTrue(events(platform).stream().anyMatch(e -> e.getResolved() && "EM2".equals(e.getMeterId())
                && Integer.valueOf(1).equals(e.getChannel()) && "operator".equals(e.getResolvedBy())
                && "meter exchanged, no data to come".equals(e.getResolution())));
        Poll.until("the resolution is audited", WAIT,
                () -> readAll(platform, Topics.AUDIT).stream().anyMatch(r -> r.value() instanceof AuditEvent a
                        && "EXCEPTION".equals(a.getAction()) && ch1.equals(a.getTarget())
                        && String.valueOf(a.getDetail()).contains("resolved by hand")));

        // vee's new result resolves channel 2 by itself
        String ch2 = all.getString("items.find { it.channel == 2 }.id");
        try (KafkaProducer<String, Object> producer = producer(platform)) {
            send(producer, Topics.VEE_EXCEPTIONS, "EM2:2", heldBuilder("EM2", 2, heldEnd, firstEnd, t0)
                    .setResolved(true).setResolvedAt(Instant.now()).setResolvedBy("vee")
                    .setResolution("version 2 is COMPLETE (new data)").setMissing(List.of()).build());
        }
        Poll.until("channel 2 resolved by its new result", WAIT,
                () -> "RESOLVED".equals(TestParties.as(base, TestParties.OPERATOR).get("/api/v1/exceptions/" + ch2)
                        .jsonPath().getString("status")));
        assertEquals("vee", TestParties.as(base, TestParties.OPERATOR).get("/api/v1/exceptions/" + ch2)
                .jsonPath().getString("resolvedBy"));

        // the late meter's 867 is posted: its exception resolves on the next tick
        String late = all.getString("items[0].id");
        byte[] content = Sample867.interchange(1, Sample867.original(1, "EXR1", "EA1",
                opening.toString().replace("-", ""), recent.toString().replace("-", ""), "10"));
        try (KafkaProducer<String, Object> producer = producer(platform)) {
            send(producer, Topics.EDI_DOCUMENTS, UDC, DocumentPosted.newBuilder().setFileId(UDC + "-867-000000001")
                    .setReceiverPartyId(UDC).setKind(MailboxFileKind.EDI_867)
                    .setFileName("MDMA_867_" + UDC + "_20260204040000_000000001.x12").setInterchangeControlNumber(1L)
                    .setCreatedAt(Instant.now())
                    .setSha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                    .setContent(ByteBuffer.wrap(content))
                    .setReports(List.of(ReportRef.newBuilder().setServiceAccount("EA1").setPeriodStart(opening)
                            .setPeriodEnd(recent).setReportId("EXR1").setPurpose(ReportPurpose.ORIGINAL)
                            .setMeterIds(List.of("EM1")).build())).build());
        }
        Poll.until("the late meter's exception resolved once its 867 is posted", WAIT,
                () -> "RESOLVED".equals(TestParties.as(base, TestParties.OPERATOR).get("/api/v1/exceptions/" + late)
                        .jsonPath().getString("status")));
        JsonPath lateOne = TestParties.as(base, TestParties.OPERATOR).get("/api/v1/exceptions/" + late).jsonPath();
        assertEquals("timeliness", lateOne.getString("resolvedBy"));
        assertTrue(lateOne.getString("resolution").contains("posted"), lateOne.getString("resolution"));
        assertEquals(0, count(open("udc=" + UDC)));

        // what a person gets wrong is said
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/exceptions?status=closed").then().statusCode(400)
                .body("detail", containsString("open, resolved or all"));
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/exceptions?cursor=garbage").then().statusCode(400);
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/exceptions?limit=0").then().statusCode(400);
    }

    private JsonPath open(String query) {
        return TestParties.as(base, TestParties.OPERATOR).get("/api/v1/exceptions?status=open&" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    private static int count(JsonPath page) {
        return page.getList("items").size();
    }

    private static List<VeeException> events(MdmaTestPlatform platform) {
        return readAll(platform, Topics.VEE_EXCEPTIONS).stream().map(ConsumerRecord::value)
                .filter(v -> v instanceof VeeException).map(v -> (VeeException) v).toList();
    }

    /** As vee raises it: intervals 1..3 of the period without a value. */
    private static VeeException held(String meter, int channel, LocalDate periodEnd, Instant firstEnd, Instant at) {
        return heldBuilder(meter, channel, periodEnd, firstEnd, at).build();
    }

    private static VeeException.Builder heldBuilder(String meter, int channel, LocalDate periodEnd, Instant firstEnd,
                                                    Instant at) {
        return VeeException.newBuilder().setCode("ESTIMATION_FAILED").setMeterId(meter).setChannel(channel)
                .setServiceAccount("EA2").setUdcId(UDC).setEspId(ESP).setPeriodStart(periodEnd.minusDays(30))
                .setPeriodEnd(periodEnd).setFailurePoints(Map.of("NOT_ESTIMATED", 3, "ESTIMATION_FAILED", 1))
                .setMissing(List.of(new TimeRange(firstEnd.minusSeconds(900), firstEnd.plusSeconds(1800), "INTERVALS")))
                .setMessage("Channel-period of meter " + meter + " channel " + channel + " is held: estimation failed.")
                .setRaisedAt(at);
    }

    private static MeterEvent meter(String id, String account, String cycle) {
        return MeterEvent.newBuilder().setMeterId(id).setServiceAccount(account).setUdcId(UDC).setEspId(ESP)
                .setCustomerName("Customer " + account).setReadCycle(cycle).setIntervalMinutes(15).setDials(5)
                .setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build()).build();
    }

}
