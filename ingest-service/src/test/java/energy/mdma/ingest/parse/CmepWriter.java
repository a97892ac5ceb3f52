package energy.mdma.ingest.parse;

import energy.mdma.testsupport.TestCsv;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a package's readings (intervals.csv, registers.csv) as CMEP MEPMD01 records (input-formats.md section 2),
 * the way a sender may: {@code perRecord} triples a record, ends in PST digits (UTC-08:00 all year), most ends after
 * the first left empty (implied), some given; a gap in a channel's data either skipped by a given end or sent as
 * {@code N} (no value) triples; a channel named by {@code :N} or left to the units; actual values as an empty or
 * {@code R0} quality; register readings as {@code KWHREG} records. The seed chooses among these, and shuffles the
 * records: same arguments, same records (test helper).
 */
final class CmepWriter {
    private static final DateTimeFormatter PST = DateTimeFormatter.ofPattern("uuuuMMddHHmm").withZone(ZoneOffset.ofHours(-8));

    private record Row(Instant end, String value, String status) {
    }

    private CmepWriter() {
    }

    /** The records (one line each, without line ends) of the package in {@code dir}. */
    static List<String> records(Path dir, int perRecord, long seed) throws IOException {
        if (perRecord < 1) {
            throw new IllegalArgumentException("perRecord must be at least 1: " + perRecord);
        }
        Random rnd = new Random(seed);
        Map<String, Map<String, String>> meters = new HashMap<>();
        for (Map<String, String> m : TestCsv.read(dir.resolve("meters.csv"))) {
            meters.put(m.get("meter_id"), m);
        }
        Map<String, String> unitsByChannel = new HashMap<>();
        for (Map<String, String> c : TestCsv.read(dir.resolve("channels.csv"))) {
            String units = "PULSE".equals(c.get("raw_unit")) ? "PULSE" : c.get("uom");
            unitsByChannel.put(c.get("meter_id") + ":" + c.get("channel"), units);
        }
        Map<String, List<Row>> series = new LinkedHashMap<>();
        for (Map<String, String> r : TestCsv.read(dir.resolve("intervals.csv"))) {
            series.computeIfAbsent(r.get("meter_id") + ":" + r.get("channel"), k -> new ArrayList<>())
                    .add(new Row(OffsetDateTime.parse(r.get("interval_end")).toInstant(), r.get("value"), r.get("status")));
        }
        Map<String, List<Row>> registers = new LinkedHashMap<>();
        for (Map<String, String> r : TestCsv.read(dir.resolve("registers.csv"))) {
            registers.computeIfAbsent(r.get("meter_id") + ":" + r.get("channel"), k -> new ArrayList<>())
                    .add(new Row(OffsetDateTime.parse(r.get("read_time")).toInstant(), r.get("reading"), ""));
        }

        List<String> records = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : series.entrySet()) {
            String channel = e.getKey();
            String meterId = channel.substring(0, channel.indexOf(':'));
            Map<String, String> meter = meters.get(meterId);
            int minutes = Integer.parseInt(meter.get("interval_minutes"));
            Duration step = Duration.ofMinutes(minutes);
            List<Row> rows = new ArrayList<>(e.getValue());
            rows.sort((a, b) -> a.end().compareTo(b.end()));
            for (int from = 0; from < rows.size(); from += perRecord) {
                List<String> triples = new ArrayList<>();
                Instant previous = null;
                for (Row r : rows.subList(from, Math.min(rows.size(), from + perRecord))) {
                    if (previous != null && !r.end().equals(previous.plus(step)) && rnd.nextInt(2) == 0) {
                        // the gap as "no value" triples with implied ends
                        for (Instant t = previous.plus(step); t.isBefore(r.end()); t = t.plus(step)) {
                            triples.add("");
                            triples.add("N");
                            triples.add("");
                        }
                        previous = r.end().minus(step);
                    }
                    boolean implied = previous != null && r.end().equals(previous.plus(step)) && rnd.nextInt(10) != 0;
                    triples.add(implied ? "" : PST.format(r.end()));
                    triples.add(r.status().isEmpty() ? (rnd.nextBoolean() ? "" : "R0") : r.status());
                    triples.add(r.value());
                    previous = r.end();
                }
                // without ":N" only where the units name the channel alone (else the record is ambiguous)
                String units = unitsByChannel.get(channel);
                boolean unique = unitsByChannel.entrySet().stream().noneMatch(u -> !u.getKey().equals(channel)
                        && u.getKey().startsWith(meterId + ":") && u.getValue().equals(units));
                String name = unique && rnd.nextBoolean() ? meterId : channel;
                records.add(record(meter, name, units, interval(minutes), triples));
            }
        }
        for (Map.Entry<String, List<Row>> e : registers.entrySet()) {
            String channel = e.getKey();
            Map<String, String> meter = meters.get(channel.substring(0, channel.indexOf(':')));
            List<Row> rows = e.getValue();
            for (int from = 0; from < rows.size(); from += perRecord) {
                List<String> triples = new ArrayList<>();
                for (Row r : rows.subList(from, Math.min(rows.size(), from + perRecord))) {
                    triples.add(PST.format(r.end()));
                    triples.add(rnd.nextBoolean() ? "" : "R0");
                    triples.add(r.value());
                }
                records.add(record(meter, channel, "KWHREG", "00000000", triples));
            }
        }
        Collections.shuffle(records, rnd);
        return records;
    }

    private static String record(Map<String, String> meter, String meterField, String units, String interval,
            List<String> triples) {
        String account = meter.get("service_account");
        return "MEPMD01,19970819,MDMA," + account + "," + meter.get("udc_id") + "," + account + ",202601010000,"
                + meterField + ",OK,E," + units + ",1," + interval + "," + triples.size() / 3 + ","
                + String.join(",", triples);
    }

    /** A duration of minutes as MMDDHHMM. */
    private static String interval(int minutes) {
        return String.format("0000%02d%02d", minutes / 60, minutes % 60);
    }
}
