package energy.mdma.vee.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalQuality;
import energy.mdma.events.PeriodState;
import java.util.Objects;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compares VEE result events with the acceptance package's expected.json, field by field (test helper). */
final class ExpectedResults {
    private final JsonNode root;

    ExpectedResults(Path expectedJson) throws IOException {
        root = new ObjectMapper().readTree(expectedJson.toFile());
    }

    int channelPeriods() {
        int n = 0;
        for (JsonNode ap : root.get("account_periods")) {
            for (JsonNode m : ap.get("meters")) {
                n += m.get("channels").size();
            }
        }
        return n;
    }

    /** The key of a channel-period in {@link #mismatches}: {@code meterId:channel:periodEnd}. */
    static String key(ChannelPeriodResult r) {
        return r.getMeterId() + ":" + r.getChannel() + ":" + r.getPeriodEnd();
    }

    /** Keeps {@code r} in {@code latest} unless a newer version of its channel-period is there (read from a broker). */
    static void keepNewest(Map<String, ChannelPeriodResult> latest, ChannelPeriodResult r) {
        latest.merge(key(r), r, (old, v) -> old.getVersion() < v.getVersion() ? v : old);
    }

    /** @param results latest result per key meterId:channel:periodEnd ({@link #key}) */
    List<String> mismatches(Map<String, ChannelPeriodResult> results) {
        List<String> out = new ArrayList<>();
        for (JsonNode ap : root.get("account_periods")) {
            for (JsonNode m : ap.get("meters")) {
                for (JsonNode c : m.get("channels")) {
                    String key = m.get("meter_id").asText() + ":" + c.get("channel").asInt() + ":" + c.get("period_end").asText();
                    ChannelPeriodResult r = results.get(key);
                    if (r == null) {
                        out.add(key + ": no result");
                        continue;
                    }
                    compare(key, c, r, out);
                }
            }
        }
        return out;
    }

    private static void compare(String key, JsonNode c, ChannelPeriodResult r, List<String> out) {
        boolean held = c.get("held").asBoolean();
        check(out, key, "held", held, r.getState() == PeriodState.HELD);
        if (!held) {
            check(out, key, "state", PeriodState.COMPLETE, r.getState());
        }
        check(out, key, "period_start", c.get("period_start").asText(), r.getPeriodStart().toString());
        String total = text(c.get("total"));
        check(out, key, "total", total, r.getTotal() == null ? null : fmt(r.getTotal()));
        if (!held) {
            check(out, key, "total_code", text(c.get("total_code")), r.getTotalEstimated() ? "KA" : "QD");
        }
        check(out, key, "register_start", text(c.get("register_start")), r.getRegisterStart() == null ? null : r.getRegisterStart().toString());
        check(out, key, "register_end", text(c.get("register_end")), r.getRegisterEnd() == null ? null : r.getRegisterEnd().toString());
        Map<String, Integer> fp = new TreeMap<>();
        c.get("failure_points").fields().forEachRemaining(e -> fp.put(e.getKey(), e.getValue().asInt()));
        check(out, key, "failure_points", fp, new TreeMap<>(r.getFailurePoints()));
        JsonNode intervals = c.get("intervals");
        if (intervals == null || intervals.isNull() || intervals.size() == 0) {
            check(out, key, "interval count", 0, r.getUsage().size());
            return;
        }
        check(out, key, "intervals_expected", c.get("intervals_expected").asInt(), r.getIntervalsExpected());
        check(out, key, "intervals_actual", c.get("intervals_actual").asInt(), r.getIntervalsActual());
        check(out, key, "intervals_estimated", c.get("intervals_estimated").asInt(), r.getIntervalsEstimated());
        if (intervals.size() != r.getUsage().size()) {
            out.add(key + ": " + intervals.size() + " intervals expected, " + r.getUsage().size() + " in the result");
            return;
        }
        long first = r.getFirstIntervalEnd().toEpochMilli();
        int bad = 0;
        for (int i = 0; i < intervals.size(); i++) {
            JsonNode e = intervals.get(i);
            Instant end = OffsetDateTime.parse(e.get(0).asText()).toInstant();
            Instant actualEnd = Instant.ofEpochMilli(first + i * r.getIntervalMinutes() * 60_000L);
            int q = r.getQuality().get(i);
            boolean hasValue = (q & (IntervalQuality.NO_VALUE | IntervalQuality.NOT_DUE)) == 0;
            String usage = hasValue ? fmt(r.getUsage().get(i)) : null;
            String code = hasValue ? ((q & IntervalQuality.ESTIMATED) != 0 ? "KA" : "QD") : null;
            String method = switch (q & 3) {
                case 1 -> "LIN";
                case 2 -> "HIST";
                case 3 -> "EDIT";
                default -> null;
            };
            String reason = switch ((q >> IntervalQuality.REASON_SHIFT) & 15) {
                case 1 -> "MISSING";
                case 2 -> "NEGATIVE";
                case 3 -> "OVERFLOW";
                case 4 -> "TEST_MODE";
                case 5 -> "TIME_RESET";
                case 6 -> "SPIKE";
                default -> null;
            };
            boolean outage = (q & IntervalQuality.OUTAGE) != 0;
            String expRest = text(e.get(2)) + " " + text(e.get(3)) + " " + text(e.get(4)) + " " + e.get(5).asBoolean();
            String actRest = code + " " + method + " " + reason + " " + outage;
            boolean usageEq = e.get(1).isNull() ? usage == null
                    : usage != null && new BigDecimal(e.get(1).asText()).compareTo(new BigDecimal(usage)) == 0;
            if (!usageEq || !expRest.equals(actRest) || !end.equals(actualEnd)) {
                if (bad++ < 5) {
                    out.add(key + ": interval " + i + " expected [" + end + " " + text(e.get(1)) + " " + expRest
                            + "] got [" + actualEnd + " " + usage + " " + actRest + "]");
                }
            }
        }
        if (bad > 5) {
            out.add(key + ": " + bad + " intervals differ in all");
        }
    }

    static String fmt(long fixed4) {
        return BigDecimal.valueOf(fixed4, 4).stripTrailingZeros().toPlainString();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static void check(List<String> out, String key, String what, Object expected, Object actual) {
        boolean eq;
        if (expected instanceof String es && actual instanceof String as) {
            eq = es.equals(as) || isNumber(es) && isNumber(as) && new BigDecimal(es).compareTo(new BigDecimal(as)) == 0;
        } else {
            eq = Objects.equals(expected, actual);
        }
        if (!eq) {
            out.add(key + ": " + what + " expected " + expected + " got " + actual);
        }
    }

    private static boolean isNumber(String s) {
        return s.matches("-?\\d+(\\.\\d+)?");
    }
}
