package energy.mdma.vee.acceptance;

import energy.mdma.testsupport.ExamplePackage;
import energy.mdma.testsupport.TestCsv;
import java.util.LinkedHashMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.mdma.vee.engine.ChannelEvaluator;
import energy.mdma.vee.model.EvaluatedIntervals;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.VeeParameterCatalog;
import energy.mdma.vee.model.VeeParameters;
import energy.mdma.vee.rules.Fixed;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the engine on the worked acceptance package and compares every channel-period (every interval,
 * totals, codes, counts, registers, held flags, failure points) with expected/expected.json and every
 * row of expected/summary.csv.
 */
class SampleAcceptanceTest {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx")
            .withZone(LocalGrid.ZONE);

    static SamplePackage pkg;
    /** key meter:channel:periodStart:periodEnd. */
    static Map<String, EvaluatedPeriod> results;

    @BeforeAll
    static void run() throws IOException {
        pkg = SamplePackage.load(ExamplePackage.dir());
        VeeParameters p = VeeParameterCatalog.defaultsOnly().forMeterClass(null);
        Instant now = Instant.now();
        results = new TreeMap<>();
        for (SamplePackage.Channel c : pkg.channels.values()) {
            List<EvaluatedPeriod> rs = ChannelEvaluator.evaluate(c.config(),
                    pkg.schedule.get(c.meter().cycle()), pkg.data(c), c.registers(), p, now);
            for (EvaluatedPeriod r : rs) {
                results.put(key(r.meterId(), r.channel(), r.periodStart().toString(), r.periodEnd().toString()), r);
            }
        }
    }

    static String key(String meter, int ch, String start, String end) {
        return meter + ":" + ch + ":" + start + ":" + end;
    }

    @Test
    void everyChannelPeriodMatchesExpectedJson() throws IOException {
        JsonNode root = new ObjectMapper().readTree(ExamplePackage.file("expected/expected.json").toFile());
        List<String> mismatches = new ArrayList<>();
        int periods = 0;
        int periodsOk = 0;
        int intervals = 0;
        int intervalsOk = 0;
        int accountPeriods = 0;
        int accountPeriodsOk = 0;
        Map<String, Boolean> seen = new HashMap<>();
        for (JsonNode ap : root.get("account_periods")) {
            accountPeriods++;
            int before = mismatches.size();
            boolean anyHeld = false;
            for (JsonNode m : ap.get("meters")) {
                for (JsonNode ch : m.get("channels")) {
                    periods++;
                    int pb = mismatches.size();
                    String meterId = m.get("meter_id").asText();
                    String k = key(meterId, ch.get("channel").asInt(), ch.get("period_start").asText(),
                            ch.get("period_end").asText());
                    seen.put(k, true);
                    EvaluatedPeriod r = results.get(k);
                    if (r == null) {
                        mismatches.add(k + ": no result");
                        continue;
                    }
                    anyHeld |= r.held();
                    int[] iv = compareChannel(k, ch, r, mismatches);
                    intervals += iv[0];
                    intervalsOk += iv[1];
                    if (mismatches.size() == pb) {
                        periodsOk++;
                    }
                }
            }
            check(mismatches, ap.get("service_account").asText() + " " + ap.get("period_start").asText(),
                    "account held", ap.get("held").asBoolean(), anyHeld);
            if (mismatches.size() == before) {
                accountPeriodsOk++;
            }
        }
        for (String k : results.keySet()) {
            if (!seen.containsKey(k)) {
                mismatches.add(k + ": result not in expected.json");
            }
        }
        System.out.printf("acceptance (expected.json): %d/%d account-periods, %d/%d channel-periods, "
                + "%d/%d intervals match%n", accountPeriodsOk, accountPeriods, periodsOk, periods, intervalsOk,
                intervals);
        report(mismatches);
        assertTrue(periods > 0, "no channel-periods in expected.json");
        assertEquals(0, mismatches.size(), "mismatches against expected.json (see output)");
    }

    @Test
    void everySummaryRowMatches() throws IOException {
        List<Map<String, String>> rows = TestCsv.read(ExamplePackage.file("expected/summary.csv"));
        List<String> mismatches = new ArrayList<>();
        int ok = 0;
        for (Map<String, String> row : rows) {
            String k = key(row.get("meter_id"), Integer.parseInt(row.get("channel")), row.get("period_start"),
                    row.get("period_end"));
            EvaluatedPeriod r = results.get(k);
            if (r == null) {
                mismatches.add(k + ": no result for summary row");
                continue;
            }
            Map<String, String> mine = summaryRow(pkg.meters.get(r.meterId()).serviceAccount(), r);
            if (mine.equals(row)) {
                ok++;
            } else {
                mismatches.add(k + ": summary expected " + row + "\n      actual   " + mine);
            }
        }
        System.out.printf("acceptance (summary.csv): %d/%d rows match (%d channel-periods evaluated)%n", ok,
                rows.size(), results.size());
        report(mismatches);
        assertEquals(results.size(), rows.size(), "summary row count");
        assertEquals(0, mismatches.size(), "mismatches against summary.csv (see output)");
    }

    static Map<String, String> summaryRow(String account, EvaluatedPeriod r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("service_account", account);
        m.put("meter_id", r.meterId());
        m.put("channel", Integer.toString(r.channel()));
        m.put("uom", r.uom().name());
        m.put("period_start", r.periodStart().toString());
        m.put("period_end", r.periodEnd().toString());
        m.put("intervals_expected", str(r.intervalsExpected()));
        m.put("intervals_actual", str(r.intervalsActual()));
        m.put("intervals_estimated", str(r.intervalsEstimated()));
        m.put("total", r.total() == null ? "" : Fixed.plain(r.total()));
        m.put("register_start", str(r.registerStart()));
        m.put("register_end", str(r.registerEnd()));
        m.put("failure_points", r.failurePoints().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";")));
        return m;
    }

    static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** @return {intervals compared, intervals matching}. */
    static int[] compareChannel(String k, JsonNode ch, EvaluatedPeriod r, List<String> mm) {
        check(mm, k, "uom", ch.get("uom").asText(), r.uom().name());
        check(mm, k, "held", ch.get("held").asBoolean(), r.held());
        check(mm, k, "complete", true, r.complete());
        check(mm, k, "total", text(ch.get("total")), Fixed.plain(r.total()));
        check(mm, k, "total_code", text(ch.get("total_code")), r.totalCode());
        check(mm, k, "intervals_expected", intOrNull(ch.get("intervals_expected")), r.intervalsExpected());
        check(mm, k, "intervals_actual", intOrNull(ch.get("intervals_actual")), r.intervalsActual());
        check(mm, k, "intervals_estimated", intOrNull(ch.get("intervals_estimated")), r.intervalsEstimated());
        check(mm, k, "intervals_not_estimated", intOrNull(ch.get("intervals_not_estimated")),
                r.intervalsNotEstimated());
        check(mm, k, "register_start", text(ch.get("register_start")), str0(r.registerStart()));
        check(mm, k, "register_end", text(ch.get("register_end")), str0(r.registerEnd()));
        check(mm, k, "register_start_time", text(ch.get("register_start_time")), time(r.registerStartTime()));
        check(mm, k, "register_end_time", text(ch.get("register_end_time")), time(r.registerEndTime()));
        check(mm, k, "register_start_estimated", ch.get("register_start_estimated").asBoolean(),
                r.registerStartEstimated());
        check(mm, k, "register_end_estimated", ch.get("register_end_estimated").asBoolean(),
                r.registerEndEstimated());
        if (ch.has("reading_received")) {
            check(mm, k, "reading_received", text(ch.get("reading_received")), str0(r.readingReceived()));
        }
        JsonNode sc = ch.get("sum_check");
        if (sc == null || sc.isNull()) {
            check(mm, k, "sum_check", null, r.sumCheck() == null ? null : r.sumCheck().toString());
        } else if (r.sumCheck() == null) {
            mm.add(k + ": sum_check expected " + sc + ", actual none");
        } else {
            check(mm, k, "sum_check.S", sc.get("S").asText(), Fixed.plain(r.sumCheck().intervalSum()));
            check(mm, k, "sum_check.D", sc.get("D").asText(), Fixed.plain(r.sumCheck().registerUsage()));
            check(mm, k, "sum_check.tolerance", sc.get("tolerance").asText(), Fixed.plain(r.sumCheck().tolerance()));
            check(mm, k, "sum_check.fail", sc.get("fail").asBoolean(), r.sumCheck().fail());
        }
        SortedMap<String, Integer> fp = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : ch.get("failure_points").properties()) {
            fp.put(e.getKey(), e.getValue().asInt());
        }
        check(mm, k, "failure_points", fp, r.failurePoints());

        JsonNode ivs = ch.get("intervals");
        EvaluatedIntervals s = r.intervals();
        if (ivs == null || ivs.isNull()) {
            check(mm, k, "intervals", null, s == null ? null : s.size() + " intervals");
            return new int[] {0, 0};
        }
        if (s == null) {
            mm.add(k + ": intervals expected, none in result");
            return new int[] {ivs.size(), 0};
        }
        check(mm, k, "interval count", ivs.size(), s.size());
        int ok = 0;
        int n = Math.min(ivs.size(), s.size());
        for (int i = 0; i < n; i++) {
            JsonNode e = ivs.get(i);
            List<Object> exp = List.of(e.get(0).asText(), String.valueOf(text(e.get(1))), String.valueOf(text(e.get(2))),
                    String.valueOf(text(e.get(3))), String.valueOf(text(e.get(4))), e.get(5).asBoolean());
            String qty = s.hasUsage(i) ? (s.isEstimated(i) ? "KA" : "QD") : null;
            List<Object> act = List.of(time(s.end(i)), String.valueOf(Fixed.plain(s.usageDecimal(i))),
                    String.valueOf(qty), String.valueOf(s.methodOf(i) == null ? null : s.methodOf(i).name()),
                    String.valueOf(s.reasonOf(i) == null ? null : s.reasonOf(i).name()), s.isOutage(i));
            if (exp.equals(act)) {
                ok++;
            } else {
                mm.add(k + ": interval " + i + " expected " + exp + " actual " + act);
            }
        }
        return new int[] {ivs.size(), ok};
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    static Integer intOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asInt();
    }

    static String str0(Long v) {
        return v == null ? null : v.toString();
    }

    static String time(Instant t) {
        return t == null ? null : TIME.format(t);
    }

    static void check(List<String> mm, String k, String what, Object expected, Object actual) {
        if (expected instanceof BigDecimal || actual instanceof BigDecimal) {
            throw new IllegalArgumentException("compare decimals as plain strings");
        }
        if (!Objects.equals(expected, actual)) {
            mm.add(k + ": " + what + " expected " + expected + " actual " + actual);
        }
    }

    static void report(List<String> mismatches) {
        if (mismatches.isEmpty()) {
            return;
        }
        System.out.println(mismatches.size() + " mismatches; first ones:");
        mismatches.stream().limit(150).forEach(m -> System.out.println("  " + m));
    }
}
