package energy.mdma.delivery;

import energy.mdma.delivery.archive.Sample867;
import energy.mdma.events.CohortFigures;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.Notice;
import energy.mdma.events.NoticeKind;
import energy.mdma.events.ObligationMet;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import energy.mdma.timeliness.GaugeSample;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static energy.mdma.delivery.TestLog.WAIT;
import static energy.mdma.delivery.TestLog.producer;
import static energy.mdma.delivery.TestLog.readAll;
import static energy.mdma.delivery.TestLog.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timeliness on the real platform: meters, schedules and a posted 867 are published to the log as ingest and
 * edi-service do; the service meets the obligations (ObligationMet on mdma.timeliness, once each), serves them
 * at GET /api/v1/timeliness, publishes the cohort figures on its tick, notifies the UDC of a missed cohort
 * (mdma.notices and GET /api/v1/notices) and exports the gauges.
 */
@QuarkusTest
@TestProfile(KafkaTimelinessTest.KafkaOn.class)
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class KafkaTimelinessTest {

    public static class KafkaOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mdma.kafka.send-timeout", "20S",
                    "mdma.mft.enabled", "false", "mdma.timeliness.tick", "1S");
        }
    }

    private static final String UDC = "TKUDC";
    private static final String ESP = "TKESP";
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @TestHTTPResource(value = "/", tls = true)
    URL base;
    @Inject
    MeterRegistry meters;

    @Test
    void obligationsAreMetFromTheLog() throws Exception {
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        // cycle TKC: 2026-01-05 opens it, 2026-02-03 is an obligation of TM1 and TM2, posted that evening
        String read = "2026-02-03";
        // cycle TKR: a recent read date (3 days ago) whose meter TM3 nobody posted: missed, the UDC is notified
        LocalDate today = LocalDate.now(LA);
        LocalDate recent = today.minusDays(3);
        byte[] content = Sample867.interchange(1,
                Sample867.original(1, "TKR1", "TA1", "20260105", "20260203", "10"),
                Sample867.original(2, "TKR2", "TA2", "20260105", "20260203", "20"));
        DocumentPosted doc = DocumentPosted.newBuilder().setFileId(UDC + "-867-000000001").setReceiverPartyId(UDC)
                .setKind(MailboxFileKind.EDI_867).setFileName("MDMA_867_" + UDC + "_20260204040000_000000001.x12")
                .setInterchangeControlNumber(1L)
                .setCreatedAt(LocalDateTime.parse(read + "T20:00").atZone(LA).toInstant())
                .setSha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)))
                .setContent(ByteBuffer.wrap(content))
                .setReports(List.of(ref("TA1", "TKR1", "TM1"), ref("TA2", "TKR2", "TM2"))).build();

        try (KafkaProducer<String, Object> producer = producer(platform)) {
            for (String[] p : new String[][]{{UDC, "UDC"}, {ESP, "ESP"}}) {
                send(producer, Topics.PARTIES, p[0], PartyEvent.newBuilder().setPartyId(p[0])
                        .setRole(PartyRole.valueOf(p[1])).setName(p[0] + " name").setDuns("123456789")
                        .setChangedBy("ingest").setChangedAt(doc.getCreatedAt()).build());
            }
            send(producer, Topics.METERS, "TM1", meter("TM1", "TA1", "TKC"));
            send(producer, Topics.METERS, "TM2", meter("TM2", "TA2", "TKC"));
            send(producer, Topics.METERS, "TM3", meter("TM3", "TA3", "TKR"));
            for (String[] s : new String[][]{{"TKC", "2026-01-05"}, {"TKC", read},
                    {"TKR", recent.minusDays(30).toString()}, {"TKR", recent.toString()}}) {
                send(producer, Topics.SCHEDULES, s[0] + ":" + s[1], ScheduledReadDate.newBuilder().setReadCycle(s[0])
                        .setReadDate(LocalDate.parse(s[1])).build());
            }
            send(producer, Topics.EDI_DOCUMENTS, UDC, doc);
        }

        Poll.until("the service is ready and the operator can log in", WAIT,
                () -> TestParties.as(base, TestParties.OPERATOR).get("/api/v1/notices").statusCode() == 200);
        for (String party : List.of(UDC, ESP)) {
            TestParties.as(base, TestParties.OPERATOR).contentType("application/json")
                    .body("{\"password\":\"" + TestParties.pw(party) + "\"}")
                    .put("/api/v1/parties/" + party + "/password").then().statusCode(200);
        }

        String query = "/api/v1/timeliness?udc=" + UDC + "&from=2026-02-01&to=2026-02-28";
        Poll.until("both obligations of " + read + " met", WAIT, () -> {
            Response r = TestParties.as(base, TestParties.OPERATOR).get(query);
            return r.statusCode() == 200 && r.jsonPath().getInt("size()") == 2
                    && r.jsonPath().getInt("[0].met.'1'") == 2;
        });
        JsonPath cohorts = TestParties.as(base, UDC).get(query).then().statusCode(200).extract().jsonPath();
        assertEquals(read, cohorts.getString("[0].readDate"));
        assertEquals(null, cohorts.getString("[0].esp"));
        assertEquals(2, cohorts.getInt("[0].obligations"));
        assertEquals("MET", cohorts.getString("[0].status.'5'"));
        assertEquals(ESP, cohorts.getString("[1].esp"));
        assertEquals(List.of(), cohorts.getList("[0].late"));
        TestParties.as(base, ESP).get(query).then().statusCode(403);

        // the missed recent cohort: figures, a notice to the UDC, gauges
        Poll.until("the UDC sees the notice of the missed cohort naming TA3", WAIT,
                () -> TestParties.as(base, UDC).get("/api/v1/notices").jsonPath()
                        .getList("items.findAll { it.kind == 'TIMELINESS' }.text").toString().contains("TA3"));

        List<ConsumerRecord<String, Object>> out = readAll(platform, Topics.TIMELINESS);
        List<ObligationMet> met = out.stream().filter(r -> r.value() instanceof ObligationMet)
                .map(r -> (ObligationMet) r.value()).toList();
        assertEquals(2, met.size(), "each obligation met once: " + met);
        assertTrue(out.stream().anyMatch(r -> ("TM1:" + read).equals(r.key()) && r.value() instanceof ObligationMet));
        assertEquals(doc.getCreatedAt(), met.get(0).getMetAt());
        // figures of the read dates of the last 21 days (the active window)
        assertTrue(out.stream().anyMatch(r -> ("INTERVAL:" + UDC + ":ALL:" + recent).equals(r.key())
                && r.value() instanceof CohortFigures f && f.getObligations() == 1), "the figures are published");
        List<Notice> notices = readAll(platform, Topics.NOTICES).stream().filter(r -> r.value() instanceof Notice)
                .map(r -> (Notice) r.value()).toList();
        assertTrue(notices.stream().anyMatch(n -> n.getKind() == NoticeKind.TIMELINESS_MISSED
                && UDC.equals(n.getPartyId()) && n.getAccounts().contains("TA3")), notices.toString());

        Gauge obligations = meters.find(GaugeSample.OBLIGATIONS).tags("udc", UDC, "esp", "ALL", "read_date", read)
                .gauge();
        assertNotNull(obligations);
        assertEquals(2.0, obligations.value());
        Gauge late = meters.find(GaugeSample.LATE).tags("udc", UDC, "esp", "ALL", "read_date", recent.toString())
                .gauge();
        assertNotNull(late);
        assertEquals(1.0, late.value());
    }

    private static MeterEvent meter(String id, String account, String cycle) {
        return MeterEvent.newBuilder().setMeterId(id).setServiceAccount(account).setUdcId(UDC).setEspId(ESP)
                .setCustomerName("Customer " + account).setReadCycle(cycle).setIntervalMinutes(15).setDials(5)
                .setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build()).build();
    }

    private static ReportRef ref(String account, String id, String meter) {
        return ReportRef.newBuilder().setServiceAccount(account).setPeriodStart(LocalDate.parse("2026-01-05"))
                .setPeriodEnd(LocalDate.parse("2026-02-03")).setReportId(id).setPurpose(ReportPurpose.ORIGINAL)
                .setMeterIds(List.of(meter)).build();
    }
}
