package energy.mdma.delivery.edits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks of operations.md section 2: every refusal names the field (400) or the unknown meter/channel (404). */
class EditValidationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
    static final MasterData MASTER = new MasterData();

    static {
        MASTER.apply(meter("M15", 15, 5));
        MASTER.apply(meter("N1", 0, 4));
        MASTER.apply(channel("M15", 1));
        MASTER.apply(channel("N1", 1));
    }

    static MeterEvent meter(String id, int minutes, int dials) {
        return MeterEvent.newBuilder().setMeterId(id).setServiceAccount("A" + id).setUdcId("U").setEspId("E")
                .setCustomerName("C").setReadCycle("01").setIntervalMinutes(minutes).setDials(dials)
                .setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build()).build();
    }

    static ChannelEvent channel(String meter, int ch) {
        return ChannelEvent.newBuilder().setMeterId(meter).setChannel(ch).setUom(Uom.KWH).setRawUnit(RawUnit.UNIT)
                .setPulseMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build())
                .setMaxPulsesPerInterval(0).build();
    }

    static JsonNode body(String end, String usage) throws Exception {
        return JSON.readTree("{\"meterId\":\"M15\",\"channel\":1,\"intervals\":[{\"end\":\"" + end + "\",\"usage\":"
                + usage + "}],\"reasonCode\":\"FIELD_READ\",\"comment\":\"read on site by J. Doe\"}");
    }

    static EditValidation.Refused refused(JsonNode body) {
        return assertThrows(EditValidation.Refused.class, () -> EditValidation.edit(body, MASTER, NOW));
    }

    static void assertRefused(int status, String field, JsonNode body) {
        EditValidation.Refused r = refused(body);
        assertEquals(status, r.status, r.getMessage());
        assertEquals(field, r.field, r.getMessage());
        assertTrue(r.getMessage().startsWith(field + ": "), r.getMessage());
    }

    @Test
    void anIntervalEditOnTheGridWithTheLosAngelesOffsetIsAccepted() throws Exception {
        // 2026-03-08 is the spring-forward day: 03:00 is -07:00
        EditValidation.Edit e = EditValidation.edit(body("2026-03-08T03:00-07:00", "\"1.2345\""), MASTER, NOW);
        assertEquals(Map.of(Instant.parse("2026-03-08T10:00:00Z"), 12345L), e.intervals());
        assertEquals("FIELD_READ", e.reasonCode());
        assertEquals(12000L, EditValidation.edit(body("2026-01-08T03:15-08:00", "1.2"), MASTER, NOW).intervals()
                .firstEntry().getValue(), "a JSON number is read as its decimal text");
        assertEquals(0L, EditValidation.edit(body("2026-01-08T03:15-08:00", "\"0\""), MASTER, NOW).intervals()
                .firstEntry().getValue());
    }

    @Test
    void timesOffTheGridWithTheWrongOffsetOrNotYetEndedAreRefused() throws Exception {
        assertRefused(400, "intervals[0].end", body("2026-01-08T03:10-08:00", "\"1\""));
        assertRefused(400, "intervals[0].end", body("2026-01-08T03:15-07:00", "\"1\""));
        assertRefused(400, "intervals[0].end", body("2026-01-08T03:15:00-08:00", "\"1\""));
        assertRefused(400, "intervals[0].end", body("2026-01-08T11:15Z", "\"1\""));
        assertRefused(400, "intervals[0].end", body("2026-03-21T03:15-07:00", "\"1\""));
        assertTrue(refused(body("2026-01-08T03:15-07:00", "\"1\"")).getMessage().contains("2026-01-08T02:15-08:00"),
                "says what to send");
    }

    @Test
    void usageMustBeADecimalOfAtMostFourPlacesNotNegative() throws Exception {
        assertRefused(400, "intervals[0].usage", body("2026-01-08T03:15-08:00", "\"1.23456\""));
        assertRefused(400, "intervals[0].usage", body("2026-01-08T03:15-08:00", "\"-0.5\""));
        assertRefused(400, "intervals[0].usage", body("2026-01-08T03:15-08:00", "\"1e3\""));
        assertRefused(400, "intervals[0].usage", body("2026-01-08T03:15-08:00", "\"\""));
        assertRefused(400, "intervals[0].usage", body("2026-01-08T03:15-08:00", "true"));
        assertRefused(400, "intervals[0].usage", body("2026-01-08T03:15-08:00", "null"));
        assertEquals(12340L, EditValidation.edit(body("2026-01-08T03:15-08:00", "\"1.23400\""), MASTER, NOW)
                .intervals().firstEntry().getValue(), "trailing zeros are no places");
    }

    @Test
    void reasonCodeAndCommentAreRequiredForEveryCode() throws Exception {
        String base = "{\"meterId\":\"M15\",\"channel\":1,\"intervals\":[{\"end\":\"2026-01-08T03:15-08:00\","
                + "\"usage\":\"1\"}],";
        assertRefused(400, "reasonCode", JSON.readTree(base + "\"reasonCode\":\"GUESS\",\"comment\":\"long enough text\"}"));
        assertRefused(400, "reasonCode", JSON.readTree(base + "\"comment\":\"long enough text\"}"));
        assertRefused(400, "comment", JSON.readTree(base + "\"reasonCode\":\"OTHER\",\"comment\":\"too short\"}"));
        assertRefused(400, "comment", JSON.readTree(base + "\"reasonCode\":\"FIELD_READ\",\"comment\":\"  short   \"}"));
        assertRefused(400, "comment", JSON.readTree(base + "\"reasonCode\":\"METER_TEST\"}"));
        for (String code : EditValidation.REASON_CODES) {
            EditValidation.edit(JSON.readTree(base + "\"reasonCode\":\"" + code + "\",\"comment\":\"0123456789\"}"),
                    MASTER, NOW);
        }
    }

    @Test
    void unknownMeterOrChannelIs404() throws Exception {
        String tail = ",\"intervals\":[{\"end\":\"2026-01-08T03:15-08:00\",\"usage\":\"1\"}],"
                + "\"reasonCode\":\"OTHER\",\"comment\":\"long enough text\"}";
        assertRefused(404, "meterId", JSON.readTree("{\"meterId\":\"NOPE\",\"channel\":1" + tail));
        assertRefused(404, "channel", JSON.readTree("{\"meterId\":\"M15\",\"channel\":2" + tail));
        assertRefused(400, "channel", JSON.readTree("{\"meterId\":\"M15\",\"channel\":\"x\"" + tail));
        assertRefused(400, "meterId", JSON.readTree("{\"channel\":1" + tail));
    }

    @Test
    void theFormsAreExclusiveAndFitTheMeter() throws Exception {
        String tail = ",\"reasonCode\":\"METER_TEST\",\"comment\":\"meter tested on site\"}";
        EditValidation.Edit reg = EditValidation.edit(JSON.readTree(
                "{\"meterId\":\"N1\",\"channel\":1,\"readDate\":\"2026-02-03\",\"reading\":\"9999\"" + tail), MASTER, NOW);
        assertEquals(LocalDate.of(2026, 2, 3), reg.readDate());
        assertEquals(9999L, reg.reading());
        // an interval meter's register reading (sum check) may be edited too
        EditValidation.edit(JSON.readTree("{\"meterId\":\"M15\",\"channel\":1,\"readDate\":\"2026-02-03\","
                + "\"reading\":12345" + tail), MASTER, NOW);
        assertRefused(400, "reading", JSON.readTree(
                "{\"meterId\":\"N1\",\"channel\":1,\"readDate\":\"2026-02-03\",\"reading\":\"10000\"" + tail));
        assertRefused(400, "reading", JSON.readTree(
                "{\"meterId\":\"N1\",\"channel\":1,\"readDate\":\"2026-02-03\",\"reading\":\"12.5\"" + tail));
        assertRefused(400, "readDate", JSON.readTree(
                "{\"meterId\":\"N1\",\"channel\":1,\"readDate\":\"03/02/2026\",\"reading\":\"1\"" + tail));
        assertRefused(400, "readDate", JSON.readTree("{\"meterId\":\"N1\",\"channel\":1,\"readDate\":\"2026-02-03\","
                + "\"reading\":\"1\",\"intervals\":[{\"end\":\"2026-01-08T03:15-08:00\",\"usage\":\"1\"}]" + tail));
        assertRefused(400, "intervals", JSON.readTree("{\"meterId\":\"N1\",\"channel\":1,"
                + "\"intervals\":[{\"end\":\"2026-01-08T03:15-08:00\",\"usage\":\"1\"}]" + tail));
        assertRefused(400, "intervals", JSON.readTree("{\"meterId\":\"M15\",\"channel\":1,\"intervals\":[]" + tail));
        assertRefused(400, "intervals[1].end", JSON.readTree("{\"meterId\":\"M15\",\"channel\":1,\"intervals\":["
                + "{\"end\":\"2026-01-08T03:15-08:00\",\"usage\":\"1\"},{\"end\":\"2026-01-08T03:15-08:00\","
                + "\"usage\":\"2\"}]" + tail));
        assertRefused(400, "intervals[0].value", JSON.readTree("{\"meterId\":\"M15\",\"channel\":1,\"intervals\":["
                + "{\"end\":\"2026-01-08T03:15-08:00\",\"value\":\"1\"}]" + tail));
        assertRefused(400, "periodEnd", JSON.readTree("{\"meterId\":\"M15\",\"channel\":1,\"periodEnd\":\"x\"" + tail));
    }

    @Test
    void aWithdrawalNeedsAComment() throws Exception {
        assertEquals("entered on the wrong meter",
                EditValidation.withdrawalComment(JSON.readTree("{\"comment\":\"entered on the wrong meter\"}")));
        assertEquals("comment", assertThrows(EditValidation.Refused.class,
                () -> EditValidation.withdrawalComment(JSON.readTree("{\"comment\":\"oops\"}"))).field);
        assertEquals("comment", assertThrows(EditValidation.Refused.class,
                () -> EditValidation.withdrawalComment(null)).field);
    }
}
