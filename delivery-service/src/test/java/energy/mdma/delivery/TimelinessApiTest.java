package energy.mdma.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.mdma.delivery.timeliness.TimelinessFeed;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.PrevailingTime;
import energy.mdma.events.kafka.Topics;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.model.Role;
import energy.mdma.timeliness.GaugeSample;
import energy.mdma.timeliness.TimelinessService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /api/v1/timeliness and the SLA dashboard page over HTTPS (in-memory mode: the timeliness service is fed
 * directly): who may read what, parameter errors as problem details, the JSON exactly as CohortView
 * serializes, and the gauges after a tick.
 */
@QuarkusTest
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class TimelinessApiTest {

    static final String UDC = "TL-UDC";
    static final String UDC2 = "TL-UDC2";
    static final String ESP = "TL-ESP";
    static final String READ = "2025-12-02";
    static final String QUERY = "/api/v1/timeliness?udc=" + UDC + "&from=2025-11-01&to=2025-12-31";
    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static boolean fed;

    @TestHTTPResource(value = "/", tls = true)
    URL base;
    @Inject
    TestSeed seed;
    @Inject
    TimelinessService timeliness;
    @Inject
    TimelinessFeed feed;
    @Inject
    MeterRegistry meters;

    @BeforeEach
    void setUp() {
        synchronized (TimelinessApiTest.class) {
            if (fed) {
                return;
            }
            seed.party(UDC, Role.UDC);
            seed.party(UDC2, Role.UDC);
            seed.party(ESP, Role.ESP);
            // two interval meters of cycle TC1; read date 2025-11-03 opens the cycle, 2025-12-02 is an obligation
            seed.views(List.of(Map.entry("TL-M1", meter("TL-M1", "TL-A1")), Map.entry("TL-M2", meter("TL-M2", "TL-A2"))),
                    Topics.METERS);
            seed.views(List.of(Map.entry("TC1:2025-11-03", read("2025-11-03")), Map.entry("TC1:" + READ, read(READ))),
                    Topics.SCHEDULES);
            // TL-A1's period is posted on the evening of the read date (in time for every deadline); TL-A2's never
            seed.views(List.of(Map.entry(UDC, DocumentPosted.newBuilder().setFileId("TL-F1").setReceiverPartyId(UDC)
                    .setKind(MailboxFileKind.EDI_867).setFileName("TL-F1.x12")
                    .setCreatedAt(LocalDateTime.parse(READ + "T20:00").atZone(LA).toInstant())
                    .setSha256(energy.mdma.events.Sha256.hex(new byte[0])).setContent(ByteBuffer.wrap(new byte[0]))
                    .setReports(List.of(ReportRef.newBuilder().setServiceAccount("TL-A1")
                            .setPeriodStart(LocalDate.parse("2025-11-03")).setPeriodEnd(LocalDate.parse(READ))
                            .setReportId("TL-R1").setPurpose(ReportPurpose.ORIGINAL).setMeterIds(List.of()).build()))
                    .build())), Topics.EDI_DOCUMENTS);
            fed = true;
        }
    }

    private static MeterEvent meter(String id, String account) {
        return MeterEvent.newBuilder().setMeterId(id).setServiceAccount(account).setUdcId(UDC).setEspId(ESP)
                .setCustomerName("Customer " + account).setReadCycle("TC1").setIntervalMinutes(15).setDials(5)
                .setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build()).build();
    }

    private static ScheduledReadDate read(String date) {
        return ScheduledReadDate.newBuilder().setReadCycle("TC1").setReadDate(LocalDate.parse(date)).build();
    }

    @Test
    void theUdcReadsItsCohortsExactlyAsCohortViewSerializes() throws Exception {
        Response r = TestParties.as(base, UDC).get(QUERY);
        assertEquals(200, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        ObjectMapper plain = new ObjectMapper();
        String expected = plain.writeValueAsString(timeliness.cohorts(UDC, LocalDate.parse("2025-11-01"),
                LocalDate.parse("2025-12-31")));
        assertEquals(expected, r.asString(), "the body is CohortView as a plain ObjectMapper writes it");
        JsonNode actual = plain.readTree(r.asString());
        // and what that is: the UDC-wide cohort first (esp present and null), then the ESP's
        assertEquals(2, actual.size(), actual.toString());
        JsonNode all = actual.get(0);
        assertTrue(all.has("esp") && all.get("esp").isNull(), all.toString());
        assertEquals("INTERVAL", all.get("dataType").asText());
        assertEquals(READ, all.get("readDate").asText());
        assertEquals(2, all.get("obligations").asInt());
        assertEquals(1, all.get("met").get("1").asInt());
        assertEquals(50.0, all.get("percent").get("1").asDouble());
        assertTrue(r.asString().contains("\"percent\":{\"1\":50.00,"), "percent as written: " + r.asString());
        assertEquals("MISSED", all.get("status").get("5").asText());
        assertEquals("TL-M2", all.get("late").get(0).get("meterId").asText());
        assertEquals(ESP, actual.get(1).get("esp").asText());
    }

    @Test
    void operatorsReadEveryUdc() {
        TestParties.as(base, TestParties.OPERATOR).get(QUERY).then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].udc", equalTo(UDC));
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/timeliness?udc=" + UDC2 + "&from=2025-11-01&to=2025-12-31")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anotherPartyIsRefused() {
        for (String caller : List.of(UDC2, ESP)) {
            Response r = TestParties.as(base, caller).get(QUERY);
            assertEquals(403, r.statusCode(), caller + ": " + r.asString());
            assertEquals("application/problem+json", r.contentType());
            assertTrue(!r.asString().contains("TL-M2"), "nothing of the cohort leaks");
        }
        Response anonymous = TestParties.anonymous(base).get(QUERY);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.header("WWW-Authenticate").startsWith("Basic realm="));
    }

    @Test
    void badParametersAre400ProblemDetails() {
        String[] bad = {
                "/api/v1/timeliness?udc=" + UDC + "&from=2025-12-31&to=2025-11-01",
                "/api/v1/timeliness?udc=" + UDC + "&from=2025-13-01&to=2025-12-31",
                "/api/v1/timeliness?udc=" + UDC + "&from=yesterday&to=2025-12-31",
                "/api/v1/timeliness?udc=" + UDC + "&from=2025-11-01&to=2025-12-32",
                "/api/v1/timeliness?from=2025-11-01&to=2025-12-31",
        };
        for (String q : bad) {
            TestParties.as(base, UDC).get(q).then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("type", equalTo("urn:mdma:problem:bad-request"));
        }
        TestParties.as(base, UDC).get(bad[0]).then().body("detail", containsString("after"));
    }

    @Test
    void theDashboardIsForOperators() {
        for (String path : List.of("/dashboard", "/dashboard/", "/dashboard/index.html", "/dashboard/?udc=" + UDC)) {
            Response anonymous = TestParties.anonymous(base).get(path);
            assertEquals(401, anonymous.statusCode(), path + ": " + anonymous.asString());
            assertTrue(anonymous.header("WWW-Authenticate").startsWith("Basic realm="), path);
            assertTrue(!anonymous.asString().contains("<script"), path + ": the page leaks");
            Response udc = TestParties.as(base, UDC).get(path);
            assertEquals(403, udc.statusCode(), path + ": " + udc.asString());
            assertTrue(!udc.asString().contains("<script"), path + ": the page leaks");
            Response op = TestParties.as(base, TestParties.OPERATOR).get(path);
            assertEquals(200, op.statusCode(), path);
            assertTrue(op.contentType().startsWith("text/html"), op.contentType());
            assertTrue(op.asString().contains("/api/v1/timeliness?udc="), "the timeliness module's page");
            // it opens on a UDC of the directory (TL-UDC, TL-UDC2, ... exist) and fetches its open exceptions
            assertTrue(op.asString().matches("(?s).*<meta name=\"mdma-udc\" content=\"[A-Za-z0-9_-]+\">.*"),
                    "the page names the UDC to open on");
            assertTrue(op.asString().contains("<meta name=\"mdma-zone\" content=\"" + PrevailingTime.ZONE_ID + "\">"),
                    "the page names the utility's zone");
            assertTrue(op.asString().contains("/api/v1/exceptions?status=open&udc="), "and shows its open exceptions");
        }
        Response wrong = TestParties.as(base, TestParties.OPERATOR, "not-the-operator-password").get("/dashboard/");
        assertEquals(401, wrong.statusCode());
        TestParties.as(base, TestParties.OPERATOR).get("/api/v1/notices").then().statusCode(200); // reset failures
    }

    @Test
    void theTickRefreshesTheGauges() {
        feed.tick();
        Gauge obligations = meters.find(GaugeSample.OBLIGATIONS).tags("udc", UDC, "esp", "ALL", "read_date", READ,
                "data_type", "INTERVAL").gauge();
        assertNotNull(obligations, "gauge " + GaugeSample.OBLIGATIONS);
        assertEquals(2.0, obligations.value());
        Gauge met = meters.find(GaugeSample.MET).tags("udc", UDC, "esp", "ALL", "read_date", READ, "deadline", "1")
                .gauge();
        assertNotNull(met);
        assertEquals(1.0, met.value());
        Gauge missed = meters.find(GaugeSample.STATUS).tags("udc", UDC, "esp", "ALL", "read_date", READ,
                "deadline", "5", "status", "MISSED").gauge();
        assertNotNull(missed);
        assertEquals(1.0, missed.value());
    }
}
