package energy.mdma.delivery;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.EditAction;
import energy.mdma.events.ManualEdit;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import energy.mdma.events.kafka.Topics;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static energy.mdma.delivery.TestLog.WAIT;
import static energy.mdma.delivery.TestLog.producer;
import static energy.mdma.delivery.TestLog.readAll;
import static energy.mdma.delivery.TestLog.send;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manual edits API (operations.md section 2) over HTTPS on the real platform: master data from the log as ingest
 * writes it, edits and withdrawals written to mdma.vee.edits with the earlier values, refusals that name the field
 * and apply nothing, the listing, and the audit trail.
 */
@QuarkusTest
@TestProfile(KafkaDeliveryTest.KafkaOn.class)
@WithTestResource(value = TlsTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = FreshLogTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = MftTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class EditApiTest {

    @TestHTTPResource(value = "/", tls = true)
    URL base;

    private static final String METER = "EDM1";
    private static final String REG_METER = "EDN1";

    private static MeterEvent meter(String id, int minutes) {
        return MeterEvent.newBuilder().setMeterId(id).setServiceAccount("ACC-" + id).setUdcId("EUDC").setEspId("EESP")
                .setCustomerName("Customer").setReadCycle("01").setIntervalMinutes(minutes).setDials(5)
                .setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build()).build();
    }

    private static ChannelEvent channel(String meter) {
        return ChannelEvent.newBuilder().setMeterId(meter).setChannel(1).setUom(Uom.KWH).setRawUnit(RawUnit.UNIT)
                .setPulseMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build())
                .setMaxPulsesPerInterval(0).build();
    }

    private io.restassured.specification.RequestSpecification operator() {
        return TestParties.as(base, TestParties.OPERATOR).contentType("application/json");
    }

    private static String intervalEdit(String meter, String usage, String comment) {
        return "{\"meterId\":\"" + meter + "\",\"channel\":1,\"intervals\":[{\"end\":\"2025-11-10T12:00-08:00\","
                + "\"usage\":\"" + usage + "\"},{\"end\":\"2025-11-10T12:15-08:00\",\"usage\":\"0.5\"}],"
                + "\"reasonCode\":\"FIELD_READ\",\"comment\":\"" + comment + "\"}";
    }

    private static List<ManualEdit> editsOnTheLog(MdmaTestPlatform platform) {
        return readAll(platform, Topics.VEE_EDITS).stream().map(ConsumerRecord::value)
                .filter(v -> v instanceof ManualEdit).map(v -> (ManualEdit) v).toList();
    }

    @Test
    void editsAreCheckedWrittenToTheLogWithTheEarlierValuesListedWithdrawnAndAudited() throws Exception {
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        try (KafkaProducer<String, Object> p = producer(platform)) {
            send(p, Topics.METERS, METER, meter(METER, 15));
            send(p, Topics.METERS, REG_METER, meter(REG_METER, 0));
            send(p, Topics.CHANNELS, METER + ":1", channel(METER));
            send(p, Topics.CHANNELS, REG_METER + ":1", channel(REG_METER));
        }
        Poll.until("the service is ready", WAIT, () -> operator().get("/api/v1/edits").statusCode() == 200);

        // refused: 400 naming the field, 404 for an unknown meter or channel, nothing applied
        operator().body(intervalEdit(METER, "1.23456", "read on site by J. Doe")).post("/api/v1/edits").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("intervals[0].usage: ")).body("field", org.hamcrest.Matchers.equalTo(
                        "intervals[0].usage"));
        operator().body(intervalEdit(METER, "1.2", "short")).post("/api/v1/edits").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("comment"));
        operator().body(intervalEdit("NOSUCH", "1.2", "read on site by J. Doe")).post("/api/v1/edits").then()
                .statusCode(404).body("field", org.hamcrest.Matchers.equalTo("meterId"));
        operator().body("{not json").post("/api/v1/edits").then().statusCode(400);
        // only operators (no party is added to the shared log here: other test classes count the parties)
        TestParties.anonymous(base).contentType("application/json")
                .body(intervalEdit(METER, "1.2", "read on site by J. Doe")).post("/api/v1/edits").then()
                .statusCode(401);
        assertEquals(0, operator().get("/api/v1/edits").jsonPath().getList("items").size(), "nothing applied");

        // an edit, then a later edit of the same interval: the event keeps the earlier edited value
        Response first = operator().body(intervalEdit(METER, "1.2345", "read on site by J. Doe"))
                .post("/api/v1/edits");
        first.then().statusCode(201).body("status", org.hamcrest.Matchers.equalTo("IN_FORCE"))
                .body("editedBy", org.hamcrest.Matchers.equalTo(TestParties.OPERATOR))
                .body("intervals[0].end", org.hamcrest.Matchers.equalTo("2025-11-10T12:00-08:00"))
                .body("intervals[0].usage", org.hamcrest.Matchers.equalTo("1.2345"));
        String firstId = first.jsonPath().getString("id");
        Response second = operator().body(intervalEdit(METER, "2", "customer confirmed the reading"))
                .post("/api/v1/edits");
        second.then().statusCode(201).body("intervals[0].previousUsage", org.hamcrest.Matchers.equalTo("1.2345"));
        String secondId = second.jsonPath().getString("id");
        Response reg = operator().body("{\"meterId\":\"" + REG_METER + "\",\"channel\":1,\"readDate\":\"2025-11-24\","
                + "\"reading\":\"10200\",\"reasonCode\":\"METER_TEST\",\"comment\":\"meter tested on site\"}")
                .post("/api/v1/edits");
        reg.then().statusCode(201).body("readDate", org.hamcrest.Matchers.equalTo("2025-11-24"))
                .body("reading", org.hamcrest.Matchers.equalTo("10200"));

        List<ManualEdit> log = editsOnTheLog(platform);
        assertEquals(3, log.size(), log.toString());
        ManualEdit e2 = log.stream().filter(e -> e.getEditId().equals(secondId)).findFirst().orElseThrow();
        assertEquals(EditAction.EDIT, e2.getAction());
        assertEquals("FIELD_READ", e2.getReasonCode());
        assertEquals("customer confirmed the reading", e2.getComment());
        assertEquals(TestParties.OPERATOR, e2.getEditedBy());
        assertEquals(20000L, e2.getIntervals().get(0).getUsage());
        assertEquals(Instant.parse("2025-11-10T20:00:00Z"), e2.getIntervals().get(0).getIntervalEnd());
        assertEquals(Map.of(Instant.parse("2025-11-10T20:00:00Z"), 12345L, Instant.parse("2025-11-10T20:15:00Z"), 5000L),
                e2.getPreviousIntervals().stream().collect(java.util.stream.Collectors.toMap(
                        i -> i.getIntervalEnd(), i -> i.getUsage())));
        assertNull(e2.getPeriodEnd());

        // listing: filters, newest first, paginated
        operator().get("/api/v1/edits?meterId=" + METER + "&channel=1&from=2025-11-10&to=2025-11-10").then()
                .statusCode(200).body("items.id", org.hamcrest.Matchers.contains(secondId, firstId));
        assertEquals(0, operator().get("/api/v1/edits?meterId=" + METER + "&from=2025-11-11").jsonPath()
                .getList("items").size());
        Response page1 = operator().get("/api/v1/edits?limit=2");
        assertEquals(2, page1.jsonPath().getList("items").size());
        String cursor = page1.jsonPath().getString("nextCursor");
        assertNotNull(cursor);
        Response page2 = operator().get("/api/v1/edits?limit=2&cursor=" + cursor);
        assertEquals(List.of(firstId), page2.jsonPath().getList("items.id"));
        assertNull(page2.jsonPath().getString("nextCursor"));
        operator().get("/api/v1/edits?cursor=bogus").then().statusCode(400);

        // withdrawal: needs a comment, is an event keeping the withdrawn values, shows as WITHDRAWN
        operator().body("{\"comment\":\"oops\"}").delete("/api/v1/edits/" + secondId).then().statusCode(400)
                .body("field", org.hamcrest.Matchers.equalTo("comment"));
        operator().body("{\"comment\":\"entered for the wrong day\"}").delete("/api/v1/edits/no-such-edit").then()
                .statusCode(404);
        operator().body("{\"comment\":\"entered for the wrong day\"}").delete("/api/v1/edits/" + secondId).then()
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("WITHDRAWN"))
                .body("withdrawComment", org.hamcrest.Matchers.equalTo("entered for the wrong day"));
        operator().body("{\"comment\":\"entered for the wrong day\"}").delete("/api/v1/edits/" + secondId).then()
                .statusCode(409);
        operator().get("/api/v1/edits?meterId=" + METER).then().statusCode(200)
                .body("items.status", org.hamcrest.Matchers.contains("WITHDRAWN", "IN_FORCE"));
        List<ManualEdit> after = editsOnTheLog(platform);
        assertEquals(4, after.size());
        ManualEdit w = after.stream().filter(e -> e.getAction() == EditAction.WITHDRAW).findFirst().orElseThrow();
        assertEquals(secondId, w.getWithdrawsEditId());
        assertEquals(20000L, w.getPreviousIntervals().get(0).getUsage());
        for (ConsumerRecord<String, Object> r : readAll(platform, Topics.VEE_EDITS)) {
            ManualEdit e = (ManualEdit) r.value();
            assertEquals(Topics.channelKey(e.getMeterId(), e.getChannel()), r.key(),
                    "keyed by meter channel, co-partitioned with the readings");
        }

        // the audit trail has every call, refused ones included
        Response audit = operator().get("/api/v1/audit?action=EDIT&limit=1000");
        audit.then().statusCode(200).body("items.resource", hasItem(secondId));
        List<String> details = audit.jsonPath().getList("items.detail");
        assertTrue(details.stream().anyMatch(d -> d != null && d.startsWith("create " + METER + ":1")
                && d.contains("earlier edited: 2025-11-10T12:00-08:00=1.2345")), details.toString());
        assertTrue(details.stream().anyMatch(d -> d != null && d.startsWith("withdraw " + METER + ":1")),
                details.toString());
        assertTrue(details.stream().anyMatch(d -> d != null && d.equals("create refused: intervals[0].usage")),
                details.toString());
    }
}
