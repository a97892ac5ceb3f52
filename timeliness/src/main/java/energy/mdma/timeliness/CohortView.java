package energy.mdma.timeliness;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cohort as served by {@code GET /api/v1/timeliness}: the JSON shape of the API. Dates and times
 * are ISO-8601 strings and map keys the deadlines "1", "2", "5", so the shape does not depend on the
 * embedding ObjectMapper's modules or defaults.
 *
 * @param dataType    INTERVAL or NON_INTERVAL
 * @param udc         the UDC's party id
 * @param esp         the ESP's party id, null for the UDC-wide cohort
 * @param readDate    the read date, YYYY-MM-DD
 * @param obligations number of obligations
 * @param met         "k" -> obligations met by deadline k
 * @param percent     "k" -> share met in percent, rounded down to 2 decimals
 * @param target      "k" -> target percent
 * @param status      "k" -> MET, MISSED, AT_RISK or IN_PROGRESS
 * @param late        the meters whose obligation is not met yet
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"dataType", "udc", "esp", "readDate", "obligations", "met", "percent", "target", "status", "late"})
public record CohortView(String dataType, String udc, String esp, String readDate, int obligations,
                         Map<String, Integer> met, Map<String, BigDecimal> percent, Map<String, BigDecimal> target,
                         Map<String, String> status, List<LateMeter> late) {

    /**
     * A meter not met yet.
     *
     * @param meterId        the meter
     * @param serviceAccount its service account
     * @param esp            its ESP
     * @param expectedBy     when its data is expected (ISO-8601 with the local offset), null if unknown
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"meterId", "serviceAccount", "esp", "expectedBy"})
    public record LateMeter(String meterId, String serviceAccount, String esp, String expectedBy) {
    }

    public static CohortView of(Cohort c, ZoneId zone) {
        Map<String, Integer> met = new LinkedHashMap<>();
        Map<String, BigDecimal> percent = new LinkedHashMap<>();
        Map<String, BigDecimal> target = new LinkedHashMap<>();
        Map<String, String> status = new LinkedHashMap<>();
        c.met().forEach((k, v) -> met.put(String.valueOf(k), v));
        c.percent().forEach((k, v) -> percent.put(String.valueOf(k), v));
        c.target().forEach((k, v) -> target.put(String.valueOf(k), v));
        c.status().forEach((k, v) -> status.put(String.valueOf(k), v.name()));
        List<LateMeter> late = c.late().stream()
                .map(l -> new LateMeter(l.meterId(), l.serviceAccount(), l.esp(),
                        l.expectedBy() == null ? null : l.expectedBy().atZone(zone).toOffsetDateTime().toString()))
                .toList();
        return new CohortView(c.key().dataType().name(), c.key().udc(), c.key().esp(), c.key().readDate().toString(),
                c.obligations(), met, percent, target, status, late);
    }
}
