package energy.mdma.edi.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.IntervalQuality;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.events.PeriodState;
import energy.mdma.events.Uom;

import energy.mdma.testsupport.ExamplePackage;
import energy.mdma.testsupport.PackageMasterData;
import energy.mdma.testsupport.TestCsv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The acceptance sample's master data and its expected VEE results (expected.json) as the events
 * edi-service consumes: the input of the EDI topology tests, independent of vee-service.
 */
final class SampleResults {

    final List<PartyEvent> parties = new ArrayList<>();
    final List<MeterEvent> meters = new ArrayList<>();
    final List<ChannelEvent> channels = new ArrayList<>();
    final List<ChannelPeriodResult> results = new ArrayList<>();

    /** {@link #load()} for a test class's static field: a copy of its own, an IOException unchecked. */
    static SampleResults loaded() {
        try {
            return load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SampleResults load() throws IOException {
        SampleResults s = new SampleResults();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (List<String> r : rows(ExamplePackage.file("parties.csv"))) {
            s.parties.add(PartyEvent.newBuilder().setPartyId(r.get(0)).setRole(PartyRole.valueOf(r.get(1)))
                    .setName(r.get(2)).setDuns(r.get(3)).setChangedBy("test").setChangedAt(at).build());
        }
        s.meters.addAll(PackageMasterData.meters(ExamplePackage.dir()));
        s.channels.addAll(PackageMasterData.channels(ExamplePackage.dir()));
        Map<String, Integer> minutes = new HashMap<>();
        s.meters.forEach(m -> minutes.put(m.getMeterId(), m.getIntervalMinutes()));
        JsonNode root = new ObjectMapper().readTree(ExamplePackage.file("expected/expected.json").toFile());
        for (JsonNode ap : root.get("account_periods")) {
            for (JsonNode m : ap.get("meters")) {
                for (JsonNode c : m.get("channels")) {
                    s.results.add(result(ap, m, c, minutes.get(m.get("meter_id").asText()), at));
                }
            }
        }
        return s;
    }

    private static ChannelPeriodResult result(JsonNode ap, JsonNode m, JsonNode c, int minutes, Instant at) {
        List<Long> usage = new ArrayList<>();
        List<Integer> quality = new ArrayList<>();
        Instant first = null;
        JsonNode intervals = c.get("intervals");
        if (intervals != null && !intervals.isNull()) {
            for (JsonNode i : intervals) {
                if (first == null) {
                    first = OffsetDateTime.parse(i.get(0).asText()).toInstant();
                }
                int q = 0;
                if (i.get(1).isNull()) {
                    q |= IntervalQuality.NO_VALUE;
                    usage.add(0L);
                } else {
                    usage.add(fixed4(i.get(1).asText()));
                }
                if ("KA".equals(text(i.get(2)))) {
                    q |= IntervalQuality.ESTIMATED;
                }
                String method = text(i.get(3));
                q |= "LIN".equals(method) ? IntervalQuality.METHOD_LIN : "HIST".equals(method) ? IntervalQuality.METHOD_HIST : 0;
                String reason = text(i.get(4));
                List<String> reasons = List.of("", "MISSING", "NEGATIVE", "OVERFLOW", "TEST_MODE", "TIME_RESET", "SPIKE");
                q |= (reason == null ? 0 : reasons.indexOf(reason)) << IntervalQuality.REASON_SHIFT;
                if (i.get(5).asBoolean()) {
                    q |= IntervalQuality.OUTAGE;
                }
                quality.add(q);
            }
        }
        Map<String, Integer> fp = new HashMap<>();
        c.get("failure_points").fields().forEachRemaining(e -> fp.put(e.getKey(), e.getValue().asInt()));
        boolean held = c.get("held").asBoolean();
        return ChannelPeriodResult.newBuilder().setMeterId(m.get("meter_id").asText()).setChannel(c.get("channel").asInt())
                .setServiceAccount(ap.get("service_account").asText()).setUom(Uom.valueOf(c.get("uom").asText()))
                .setPeriodStart(LocalDate.parse(c.get("period_start").asText()))
                .setPeriodEnd(LocalDate.parse(c.get("period_end").asText())).setVersion(1)
                .setState(held ? PeriodState.HELD : PeriodState.COMPLETE).setIntervalMinutes(minutes)
                .setFirstIntervalEnd(first).setUsage(usage).setQuality(quality)
                .setIntervalsExpected(c.get("intervals_expected").asInt()).setIntervalsActual(c.get("intervals_actual").asInt())
                .setIntervalsEstimated(c.get("intervals_estimated").asInt())
                .setTotal(c.get("total").isNull() ? null : fixed4(c.get("total").asText()))
                .setTotalEstimated("KA".equals(text(c.get("total_code"))))
                .setRegisterStart(c.get("register_start").isNull() ? null : c.get("register_start").asLong())
                .setRegisterEnd(c.get("register_end").isNull() ? null : c.get("register_end").asLong())
                .setRegisterStartEstimated(c.get("register_start_estimated").asBoolean())
                .setRegisterEndEstimated(c.get("register_end_estimated").asBoolean())
                .setFailurePoints(fp).setComputedAt(at).setChangedBy("vee").build();
    }

    static long fixed4(String s) {
        return new BigDecimal(s).setScale(4).unscaledValue().longValueExact();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    static DecimalValue decimal(String s) {
        return PackageMasterData.decimal(s);
    }

    static List<List<String>> rows(Path file) throws IOException {
        return TestCsv.rows(file);
    }
}
