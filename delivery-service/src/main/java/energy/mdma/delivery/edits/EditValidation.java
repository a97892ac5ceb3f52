package energy.mdma.delivery.edits;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks a manual edit or withdrawal as operations.md section 2 says, before anything is applied: a refused edit
 * names the field that is wrong and what to send instead (400), or the meter or channel that is not known (404).
 */
public final class EditValidation {

    public static final Set<String> REASON_CODES = Set.of("FIELD_READ", "CUSTOMER_READ", "METER_TEST", "UDC_REQUEST",
            "ESTIMATE_OVERRIDE", "OTHER");
    public static final int MIN_COMMENT = 10;
    public static final int MAX_COMMENT = 2000;
    /** At most this many intervals in one edit (a year of 15-minute intervals and more). */
    public static final int MAX_INTERVALS = 40_000;
    /** An interval that has not ended cannot be edited; the same tolerance as for received data. */
    static final Duration AHEAD = Duration.ofMinutes(15);
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern END = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}");
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
    private static final BigDecimal MAX_USAGE = new BigDecimal("100000000000"); // 10^11: usage * 10^4 fits a long

    /** A refused edit: status 400 (field wrong) or 404 (meter or channel unknown). */
    public static final class Refused extends RuntimeException {
        public final int status;
        public final String field;

        Refused(int status, String field, String detail) {
            super(detail);
            this.status = status;
            this.field = field;
        }
    }

    /**
     * An accepted edit.
     *
     * @param intervals interval form: end -&gt; usage * 10^4 (empty for the register form)
     */
    public record Edit(String meterId, int channel, TreeMap<Instant, Long> intervals, LocalDate readDate, Long reading,
                       String reasonCode, String comment) {
    }

    private EditValidation() {
    }

    private static Refused bad(String field, String detail) {
        return new Refused(400, field, field + ": " + detail);
    }

    /** Checks a new edit (both forms) against the master data; {@code now} for intervals not yet ended. */
    public static Edit edit(JsonNode body, MasterData master, Instant now) {
        if (body == null || !body.isObject()) {
            throw bad("body", "send a JSON object {\"meterId\",\"channel\",\"intervals\":[{\"end\",\"usage\"}],"
                    + "\"reasonCode\",\"comment\"} or {\"meterId\",\"channel\",\"readDate\",\"reading\",\"reasonCode\","
                    + "\"comment\"}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("meterId", "channel", "intervals", "readDate", "reading", "reasonCode", "comment").contains(f)) {
                throw bad(f, "is not a field of an edit; the fields are meterId, channel, intervals (or readDate and "
                        + "reading), reasonCode and comment");
            }
        }
        String meterId = text(body, "meterId");
        if (meterId == null || meterId.isBlank()) {
            throw bad("meterId", "is required: the meter's id as in meters.csv");
        }
        JsonNode ch = body.get("channel");
        if (ch == null || !ch.canConvertToInt() || !ch.isIntegralNumber() || ch.asInt() < 1) {
            throw bad("channel", "is required: the channel number (a whole number from 1), as in channels.csv");
        }
        int channel = ch.asInt();
        String reasonCode = reasonCode(body);
        String comment = comment(body, "comment");
        boolean intervalForm = body.hasNonNull("intervals");
        boolean registerForm = body.hasNonNull("readDate") || body.hasNonNull("reading");
        if (intervalForm == registerForm) {
            throw bad(intervalForm ? "readDate" : "intervals", intervalForm
                    ? "send either intervals (an interval channel) or readDate and reading (a register reading), not both"
                    : "is required: intervals [{\"end\",\"usage\"}] for interval data, or readDate and reading for a "
                            + "register reading");
        }
        MasterData.Meter meter = master.meter(meterId).orElseThrow(() -> new Refused(404, "meterId",
                "meterId: meter '" + meterId + "' is not known: check the id (meters come from meters.csv)"));
        if (!master.hasChannel(meterId, channel)) {
            throw new Refused(404, "channel", "channel: meter " + meterId + " has no channel " + channel
                    + " (channels come from channels.csv)");
        }
        if (registerForm) {
            LocalDate readDate = readDate(body);
            long reading = reading(body, meter);
            return new Edit(meterId, channel, new TreeMap<>(), readDate, reading, reasonCode, comment);
        }
        if (meter.intervalMinutes() <= 0) {
            throw bad("intervals", "meter " + meterId + " is a non-interval meter: edit its register reading with "
                    + "readDate and reading");
        }
        return new Edit(meterId, channel, intervals(body.get("intervals"), meter.intervalMinutes(), now), null, null,
                reasonCode, comment);
    }

    /** Checks a withdrawal's body {"comment"}. */
    public static String withdrawalComment(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw bad("comment", "send {\"comment\": \"why the edit is withdrawn\"} (at least " + MIN_COMMENT
                    + " characters)");
        }
        return comment(body, "comment");
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw bad(field, "must be a string");
        }
        return n.asText();
    }

    private static String reasonCode(JsonNode body) {
        String code = text(body, "reasonCode");
        if (code == null || !REASON_CODES.contains(code)) {
            throw bad("reasonCode", (code == null ? "is required" : "'" + code + "' is not a reason code")
                    + ": one of " + String.join(", ", new java.util.TreeSet<>(REASON_CODES)));
        }
        return code;
    }

    private static String comment(JsonNode body, String field) {
        String c = text(body, field);
        if (c == null || c.strip().length() < MIN_COMMENT) {
            throw bad(field, "is required for every reason code: at least " + MIN_COMMENT
                    + " characters saying why (e.g. who read the meter, which request)");
        }
        if (c.length() > MAX_COMMENT) {
            throw bad(field, "is limited to " + MAX_COMMENT + " characters");
        }
        return c.strip();
    }

    private static LocalDate readDate(JsonNode body) {
        String s = text(body, "readDate");
        if (s == null) {
            throw bad("readDate", "is required with reading: the local date of the reading, YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw bad("readDate", "'" + s + "' is not a date: send YYYY-MM-DD");
        }
    }

    private static long reading(JsonNode body, MasterData.Meter meter) {
        JsonNode n = body.get("reading");
        if (n == null || n.isNull()) {
            throw bad("reading", "is required with readDate: the whole number shown on the dials");
        }
        String s = n.isTextual() ? n.asText() : n.isIntegralNumber() ? n.asText() : null;
        if (s == null || !WHOLE.matcher(s).matches()) {
            throw bad("reading", "must be the whole number shown on the dials, e.g. \"12345\"");
        }
        if (s.startsWith("-")) {
            throw bad("reading", "must not be negative");
        }
        BigDecimal v = new BigDecimal(s);
        BigDecimal limit = BigDecimal.TEN.pow(Math.max(1, meter.dials()));
        if (v.compareTo(limit) >= 0) {
            throw bad("reading", s + " does not fit the meter's " + meter.dials() + " dials (less than " + limit + ")");
        }
        return v.longValueExact();
    }

    private static TreeMap<Instant, Long> intervals(JsonNode list, int minutes, Instant now) {
        if (!list.isArray() || list.isEmpty()) {
            throw bad("intervals", "must be a non-empty list of {\"end\",\"usage\"}");
        }
        if (list.size() > MAX_INTERVALS) {
            throw bad("intervals", "at most " + MAX_INTERVALS + " intervals in one edit; send several edits");
        }
        TreeMap<Instant, Long> out = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String at = "intervals[" + i + "]";
            if (!item.isObject()) {
                throw bad(at, "must be {\"end\",\"usage\"}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                String f = it.next().getKey();
                if (!f.equals("end") && !f.equals("usage")) {
                    throw bad(at + "." + f, "is not a field of an interval; send end and usage");
                }
            }
            Instant end = end(item.get("end"), at + ".end", minutes, now);
            long usage = usage(item.get("usage"), at + ".usage");
            if (out.put(end, usage) != null) {
                throw bad(at + ".end", "the interval ending " + EditRegistry.formatEnd(end)
                        + " is given twice in this edit");
            }
        }
        return out;
    }

    private static Instant end(JsonNode n, String field, int minutes, Instant now) {
        if (n == null || !n.isTextual()) {
            throw bad(field, "is required: the interval's end as local time with offset, minute precision, e.g. "
                    + "2026-03-08T03:00-07:00");
        }
        String s = n.asText();
        if (!END.matcher(s).matches()) {
            throw bad(field, "'" + s + "' is not a local time with offset at minute precision, e.g. "
                    + "2026-03-08T03:00-07:00");
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw bad(field, "'" + s + "' is not a valid time");
        }
        Instant end = t.toInstant();
        ZoneOffset la = EditRegistry.ZONE.getRules().getOffset(end);
        if (!t.getOffset().equals(la)) {
            throw bad(field, "'" + s + "' has offset " + t.getOffset() + ", but America/Los_Angeles is at " + la
                    + " then: send " + EditRegistry.formatEnd(end));
        }
        int wall = t.getHour() * 60 + t.getMinute();
        if (wall % minutes != 0) {
            throw bad(field, "'" + s + "' is not on the meter's " + minutes + "-minute grid (interval ends are at "
                    + "multiples of " + minutes + " minutes of the local hour)");
        }
        if (end.isAfter(now.plus(AHEAD))) {
            throw bad(field, "'" + s + "' has not ended yet: only intervals that have ended can be edited");
        }
        return end;
    }

    private static long usage(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            throw bad(field, "is required: the usage as a decimal string of at most 4 places, e.g. \"1.2345\"");
        }
        String s = n.isTextual() || n.isNumber() ? n.asText() : null;
        if (s == null || !DECIMAL.matcher(s).matches()) {
            throw bad(field, "must be a decimal of at most 4 places, e.g. \"1.2345\"");
        }
        BigDecimal v = new BigDecimal(s);
        if (v.signum() < 0) {
            throw bad(field, s + " is negative: usage must not be negative");
        }
        if (v.stripTrailingZeros().scale() > 4) {
            throw bad(field, s + " has more than 4 decimal places");
        }
        if (v.compareTo(MAX_USAGE) >= 0) {
            throw bad(field, s + " is too large");
        }
        return v.movePointRight(4).longValueExact();
    }
}
