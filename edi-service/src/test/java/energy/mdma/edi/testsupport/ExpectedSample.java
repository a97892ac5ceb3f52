package energy.mdma.edi.testsupport;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.IntervalSeries;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.model.Party;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.Quantities;
import energy.mdma.edi.model.X12Uom;
import energy.mdma.edi.summary.SummaryRow;
import energy.mdma.testsupport.ExamplePackage;

/** Builds the model from the example package's expected/expected.json (test only). */
public final class ExpectedSample {

    private final JsonNode root;

    private ExpectedSample(JsonNode root) {
        this.root = root;
    }

    /** The example package's expected results directory (fails, saying where it looked, when it is not there). */
    public static Path expectedDir() {
        return ExamplePackage.expected();
    }

    public static ExpectedSample load() throws IOException {
        return new ExpectedSample(new ObjectMapper().readTree(ExamplePackage.file("expected/expected.json").toFile()));
    }

    public Party udc() {
        JsonNode u = root.get("udc");
        return new Party(u.get("party_id").asText(), u.get("name").asText(), u.get("duns").asText());
    }

    public List<JsonNode> accountPeriods() {
        List<JsonNode> out = new ArrayList<>();
        root.get("account_periods").forEach(out::add);
        return out;
    }

    /** The originals of every non-held account-period, with report ids {@code prefix + index}. */
    public List<AccountPeriodReport> originals(String reportIdPrefix, LocalDate created) {
        List<AccountPeriodReport> out = new ArrayList<>();
        int i = 0;
        for (JsonNode ap : accountPeriods()) {
            if (ap.get("held").asBoolean()) {
                continue;
            }
            out.add(report(ap, reportIdPrefix + (++i), created));
        }
        return out;
    }

    public static AccountPeriodReport report(JsonNode ap, String reportId, LocalDate created) {
        Party udc = new Party(ap.get("udc_id").asText(), ap.get("udc_name").asText(), ap.get("udc_duns").asText());
        Party esp = new Party(ap.get("esp_id").asText(), ap.get("esp_name").asText(), ap.get("esp_duns").asText());
        List<MeterReport> meters = new ArrayList<>();
        for (JsonNode m : ap.get("meters")) {
            List<ChannelReport> channels = new ArrayList<>();
            for (JsonNode c : m.get("channels")) {
                channels.add(new ChannelReport(c.get("channel").asInt(), X12Uom.valueOf(c.get("uom").asText()),
                        new BigDecimal(c.get("total").asText()), "KA".equals(c.get("total_code").asText()),
                        longOrNull(c.get("register_start")), longOrNull(c.get("register_end")),
                        intervals(c.get("intervals"))));
            }
            meters.add(new MeterReport(m.get("meter_id").asText(), new BigDecimal(m.get("meter_multiplier").asText()),
                    channels));
        }
        return new AccountPeriodReport(ap.get("service_account").asText(),
                LocalDate.parse(ap.get("period_start").asText()), LocalDate.parse(ap.get("period_end").asText()),
                udc, esp, ap.get("customer_name").asText(), "C1".equals(ap.get("bpt04").asText()),
                reportId, Purpose.ORIGINAL, null, created, meters);
    }

    private static IntervalSeries intervals(JsonNode ivs) {
        if (ivs == null || ivs.isNull()) {
            return null;
        }
        int n = ivs.size();
        long[] ends = new long[n];
        long[] usage = new long[n];
        boolean[] est = new boolean[n];
        for (int i = 0; i < n; i++) {
            JsonNode iv = ivs.get(i);
            ends[i] = OffsetDateTime.parse(iv.get(0).asText()).toEpochSecond();
            usage[i] = Quantities.to1e4(new BigDecimal(iv.get(1).asText()));
            est[i] = "KA".equals(iv.get(2).asText());
        }
        return new IntervalSeries(ends, usage, est);
    }

    /** Summary rows for every channel-period in expected.json (held ones too). */
    public List<SummaryRow> summaryRows() {
        List<SummaryRow> out = new ArrayList<>();
        for (JsonNode ap : accountPeriods()) {
            for (JsonNode m : ap.get("meters")) {
                for (JsonNode c : m.get("channels")) {
                    Map<String, Integer> fp = new LinkedHashMap<>();
                    c.get("failure_points").fields().forEachRemaining(e -> fp.put(e.getKey(), e.getValue().asInt()));
                    out.add(new SummaryRow(ap.get("service_account").asText(), m.get("meter_id").asText(),
                            c.get("channel").asInt(), X12Uom.valueOf(c.get("uom").asText()),
                            LocalDate.parse(c.get("period_start").asText()), LocalDate.parse(c.get("period_end").asText()),
                            intOrNull(c.get("intervals_expected")), intOrNull(c.get("intervals_actual")),
                            intOrNull(c.get("intervals_estimated")),
                            c.get("total").isNull() ? null : new BigDecimal(c.get("total").asText()),
                            longOrNull(c.get("register_start")), longOrNull(c.get("register_end")), fp));
                }
            }
        }
        return out;
    }

    private static Long longOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : Long.valueOf(n.asText());
    }

    private static Integer intOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asInt();
    }
}
