package energy.mdma.timeliness;

import static energy.mdma.timeliness.Fx.doc;
import static energy.mdma.timeliness.Fx.local;
import static energy.mdma.timeliness.Fx.meter;
import static energy.mdma.timeliness.Fx.original;
import static energy.mdma.timeliness.Fx.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortViewJsonTest {

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void cohortsSerializeToTheApiShape() throws Exception {
        TimelinessService service = new TimelinessService(TimelinessConfig.defaults(), Clock.systemUTC());
        service.apply(read("01", "2025-10-20"));
        service.apply(read("01", "2025-11-20"));
        service.apply(meter("M1", "A1", "SCE", "ESP01", "01", 15));
        service.apply(meter("M2", "A2", "SCE", "ESP01", "01", 15));
        service.apply(doc("F1", "SCE", local("2025-11-21T09:00"), original("A1", "2025-10-20", "2025-11-20")));

        List<CohortView> views = service.cohorts("SCE", LocalDate.parse("2025-11-01"), LocalDate.parse("2025-11-30"),
                local("2025-11-22T08:00"));
        // an ObjectMapper that leaves nulls out by default must still write "esp": null
        ObjectMapper mapper = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        JsonNode json = mapper.readTree(mapper.writeValueAsString(views));

        assertTrue(json.isArray());
        assertEquals(2, json.size());
        JsonNode all = json.get(0);
        assertEquals(List.of("dataType", "udc", "esp", "readDate", "obligations", "met", "percent", "target", "status",
                "late"), fieldNames(all));
        assertEquals("INTERVAL", all.get("dataType").asText());
        assertEquals("SCE", all.get("udc").asText());
        assertTrue(all.get("esp").isNull(), "UDC-wide cohort: esp null");
        assertEquals("2025-11-20", all.get("readDate").asText());
        assertEquals(2, all.get("obligations").asInt());
        for (String map : List.of("met", "percent", "target", "status")) {
            assertEquals(List.of("1", "2", "5"), fieldNames(all.get(map)), map);
        }
        assertEquals(1, all.get("met").get("1").asInt());
        assertTrue(all.get("percent").get("1").isNumber());
        assertEquals(50.0, all.get("percent").get("1").asDouble());
        assertEquals(80.0, all.get("target").get("1").asDouble());
        assertEquals(99.99, all.get("target").get("5").asDouble());
        assertEquals("MISSED", all.get("status").get("1").asText());
        assertEquals("IN_PROGRESS", all.get("status").get("2").asText());
        assertEquals(1, all.get("late").size());
        JsonNode late = all.get("late").get(0);
        assertEquals(List.of("meterId", "serviceAccount", "esp", "expectedBy"), fieldNames(late));
        assertEquals("M2", late.get("meterId").asText());
        assertEquals("A2", late.get("serviceAccount").asText());
        assertEquals("2025-11-23T00:00-08:00", late.get("expectedBy").asText());

        assertEquals("ESP01", json.get(1).get("esp").asText());
        assertThrows(IllegalArgumentException.class,
                () -> service.cohorts("SCE", LocalDate.parse("2025-11-30"), LocalDate.parse("2025-11-01")));
    }
}
