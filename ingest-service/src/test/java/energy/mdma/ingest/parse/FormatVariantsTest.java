package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.MarketRole;
import static energy.mdma.ingest.parse.Fixtures.INTERVALS_HEADER;
import static energy.mdma.ingest.parse.Fixtures.REGISTERS_HEADER;
import static energy.mdma.ingest.parse.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.ingest.model.ParsedIntervalValue;
import energy.mdma.ingest.model.Meter;
import energy.mdma.ingest.model.ParsedRegisterReading;
import energy.mdma.ingest.model.Party;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * input-formats.md: every variation the spec allows (RFC 4180 quoting, line ends, BOM, CMEP instead of CSV) gives
 * the same readings, and the spec's edge rules hold.
 */
class FormatVariantsTest {

    /** The readings of one parse as comparable text, independent of line numbers and blocks. */
    private static Set<String> readings(Collector c) {
        Set<String> out = new TreeSet<>();
        for (ParsedIntervalValue v : c.values()) {
            out.add("I " + v.end() + " " + v.valueMicros() + " " + v.status());
        }
        for (ParsedRegisterReading r : c.registers) {
            out.add("R " + r.meterId() + "/" + r.channel() + " " + r.readTime() + " " + r.reading());
        }
        return out;
    }

    private static Collector accepted(FileLayout kind, String text, int rows) {
        Collector c = new Collector();
        ParseReport r = parse(kind, text, c);
        assertFalse(r.fileRejected(), () -> "file rejected: " + r.fileRejection());
        assertEquals(0, r.rowsRejected(), () -> r.rejections().toString());
        assertEquals(rows, r.rowsAccepted());
        return c;
    }

    // ---- section 1: RFC 4180 details

    /** RFC 4180 lets a quoted field hold a line break; customer_name and name are free text. */
    @Test
    void quotedTextFieldMayHoldALineBreak() {
        String header = String.join(",", FileLayout.METERS.header());
        for (String nl : List.of("\n", "\r\n")) {
            Collector c = accepted(FileLayout.METERS, header + nl
                    + "300,SCE,ESP01,\"Moore,"  + nl + "James \"\"Jim\"\"\",N1,01,15,5,1" + nl
                    + "300,SCE,ESP01,x,N2,01,15,5,1" + nl, 2);
            List<Meter> m = c.meters;
            assertEquals("Moore," + nl + "James \"Jim\"", m.get(0).customerName());
            assertEquals("N1", m.get(0).meterId());
            assertEquals(2, m.get(0).line()); // the line the record starts on
            assertEquals(4, m.get(1).line()); // physical lines keep counting
        }
        Collector p = accepted(FileLayout.PARTIES, String.join(",", FileLayout.PARTIES.header()) + "\n"
                + "SCE,UDC,\"Southern California\n\nEdison\",375040116\n", 1);
        assertEquals(new Party("SCE", MarketRole.UDC, "Southern California\n\nEdison",
                "375040116", 2), p.parties.get(0));
    }

    @Test
    void rowAfterAMultiLineRecordIsCheckedNormally() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.METERS, String.join(",", FileLayout.METERS.header()) + "\n"
                + "300,SCE,ESP01,\"a\nb\",N1,01,15,5,1\n"
                + "300,SCE,ESP01,\"c\nd\",N2,01,7,5,1\n" // bad interval_minutes: rejected at its first line
                + "300,SCE,ESP01,e,N3,01,15,5,1\n", c);
        assertEquals(3, r.rowsRead());
        assertEquals(2, r.rowsAccepted());
        assertEquals(4, r.rejections().get(0).line());
        assertTrue(r.rejections().get(0).reason().contains("interval_minutes '7'"), r.rejections().toString());
        assertEquals(List.of(2L, 6L), c.meters.stream().map(Meter::line).toList());
    }

    @Test
    void quoteLeftOpenInAMasterDataFileRunsToTheEndOfTheFile() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.METERS, String.join(",", FileLayout.METERS.header()) + "\n"
                + "300,SCE,ESP01,\"Moore,N1,01,15,5,1\n"
                + "300,SCE,ESP01,x,N2,01,15,5,1\n", c);
        assertEquals(1, r.rowsRead());
        assertEquals(List.of(new RejectedRow(2, "field 4 opens a quote that is not closed before the end of the"
                + " line")), r.rejections());
    }

    @Test
    void multiLineRecordLongerThanTheLimitIsOneRejection() {
        IngestParser p = new IngestParser(Fixtures.masterData(), Fixtures.CLOCK,
                ParserOptions.defaults().withMaxLineChars(300));
        String header = String.join(",", FileLayout.METERS.header());
        String body = header + "\n300,SCE,ESP01,\"" + "x\n".repeat(200) + "\",N1,01,15,5,1\n"
                + "300,SCE,ESP01,Pe\u00f1a,N2,01,15,5,1\n";
        Collector c = new Collector();
        ParseReport r = Fixtures.parse(p, FileLayout.METERS, body.getBytes(StandardCharsets.UTF_8), c);
        assertEquals(2, r.rejections().get(0).line());
        assertEquals(List.of(new RejectedRow(2, "record longer than 300 characters: a quoted field runs from line 2"
                + " to line 202; the record is skipped (is a closing quote missing?)")), r.rejections());
        // parsing goes on after the record; the row after it is read (and is fine)
        assertEquals(List.of("N2"), c.meters.stream().map(Meter::meterId).toList());
        assertEquals("Pe\u00f1a", c.meters.get(0).customerName());
        assertEquals(203, c.meters.get(0).line());
    }

    @Test
    void cmepThatIsNotUtf8IsRejectedWhole() {
        byte[] good = (CmepTest.kwh("M1", "202511010015", "", "1") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(good, good.length * 2 + 1);
        System.arraycopy(good, 0, bytes, good.length, good.length);
        bytes[good.length + 20] = (byte) 0xE9;
        bytes[bytes.length - 1] = '\n';
        Collector c = new Collector();
        ParseReport r = Fixtures.parse(Fixtures.parser(), FileLayout.CMEP, bytes, c);
        assertTrue(r.fileRejected());
        assertEquals(2, r.fileRejection().line());
        assertTrue(r.fileRejection().reason().startsWith("not UTF-8 text: invalid byte 0xE9 at line 2"),
                r.fileRejection().reason());
    }

    /**
     * No column of intervals.csv or registers.csv holds text, so a quote left open there is one bad row, not the
     * start of a record that swallows the rows after it.
     */
    @Test
    void quoteLeftOpenInAReadingsFileIsOneBadRow() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.INTERVALS, INTERVALS_HEADER
                + "M1,1,2025-11-01T00:15-07:00,\"1.5,\n"
                + "M1,1,2025-11-01T00:30-07:00,2,\n", c);
        assertEquals(2, r.rowsRead());
        assertEquals(1, r.rowsAccepted());
        assertEquals(2, r.rejections().get(0).line());
        assertEquals(3L, c.values().get(0).line());
    }

    /** The same rows written every way section 1 allows give the same readings. */
    @Test
    void everyAllowedSpellingOfIntervalsGivesTheSameReadings() {
        String[][] rows = {
            {"M1", "1", "2025-11-02T00:45-07:00", "0.0477", ""},
            {"M1", "1", "2025-11-02T01:00-07:00", "-0.120", "PO|CS"},
            {"M1", "1", "2025-11-02T01:15-07:00", "1.5", "OV"},
            {"M1", "1", "2025-11-02T01:00-08:00", "0", "TM"},
            {"M1", "1", "2025-11-02T01:15-08:00", "12", ""},
        };
        StringBuilder plain = new StringBuilder(INTERVALS_HEADER);
        StringBuilder quoted = new StringBuilder("\"meter_id\",\"channel\",\"interval_end\",\"value\",\"status\"\r\n");
        StringBuilder seconds = new StringBuilder("\uFEFF" + INTERVALS_HEADER.replace("\n", "\r\n"));
        for (String[] r : rows) {
            plain.append(String.join(",", r)).append('\n');
            List<String> q = new ArrayList<>();
            for (String f : r) {
                q.add("\"" + f + "\"");
            }
            quoted.append(String.join(",", q)).append("\r\n");
            seconds.append(r[0]).append(',').append(r[1]).append(',')
                    .append(r[2].substring(0, 16)).append(":00").append(r[2].substring(16)).append(',')
                    .append(r[3].replace("0.0477", "00.047700")).append(',').append(r[4]).append("\r\n");
        }
        Set<String> want = readings(accepted(FileLayout.INTERVALS, plain.toString(), 5));
        assertEquals(5, want.size());
        assertTrue(want.contains("I 2025-11-02T09:00:00Z 0 [TM]"), want.toString());
        assertEquals(want, readings(accepted(FileLayout.INTERVALS, quoted.toString(), 5)));
        assertEquals(want, readings(accepted(FileLayout.INTERVALS, seconds.toString(), 5)));
        // no line end after the last row, blank lines at the end
        String last = plain.substring(0, plain.length() - 1);
        assertEquals(want, readings(accepted(FileLayout.INTERVALS, last, 5)));
        assertEquals(want, readings(accepted(FileLayout.INTERVALS, plain + "\n\r\n\n", 5)));
    }

    @Test
    void headerMustMatchExactlyButMayBeQuoted() {
        // RFC 4180 quoting of the header names is fine; case, spaces and order are not
        accepted(FileLayout.REGISTERS, "\uFEFF\"meter_id\",\"channel\",\"read_time\",\"reading\"\r\n"
                + "MR,1,2025-10-23T14:42-07:00,111312\r\n", 1);
        for (String[] h : new String[][] {
            {"METER_ID,channel,read_time,reading", "column 1 is 'METER_ID' but must be 'meter_id'"},
            {"meter_id, channel,read_time,reading", "column 2 is ' channel' but must be 'channel'"},
            {"meter_id,channel,reading,read_time", "column 3 is 'reading' but must be 'read_time'"},
            {"meter_id,channel,read_time,reading,", "column 5 '' is not expected"},
        }) {
            Collector c = new Collector();
            ParseReport r = parse(FileLayout.REGISTERS, h[0] + "\nMR,1,2025-10-23T14:42-07:00,111312\n", c);
            assertTrue(r.fileRejected(), h[0]);
            assertEquals(1, r.fileRejection().line());
            assertTrue(r.fileRejection().reason().startsWith("wrong header: " + h[1]), r.fileRejection().reason());
            assertTrue(c.registers.isEmpty());
        }
    }

    @Test
    void registerReadingsKeepLeadingZerosOutAndBothFallBackHours() {
        Collector c = accepted(FileLayout.REGISTERS, REGISTERS_HEADER
                + "MR,1,2025-11-02T01:30-07:00,000123\n"
                + "MR,1,2025-11-02T01:30-08:00,00124\n"
                + "MR,1,2025-11-02T01:30:00-08:00,125\n", 3);
        assertEquals(List.of(123L, 124L, 125L), c.registers.stream().map(ParsedRegisterReading::reading).toList());
        assertEquals(List.of(Instant.parse("2025-11-02T08:30:00Z"), Instant.parse("2025-11-02T09:30:00Z"),
                Instant.parse("2025-11-02T09:30:00Z")), c.registers.stream().map(ParsedRegisterReading::readTime).toList());
        // the later line is received later
        assertTrue(c.registers.get(2).sequence() > c.registers.get(1).sequence());
    }

    @Test
    void theLastIntervalOfTheDayEndsAtMidnightAndIsOnTheGrid() {
        // 60-minute meter: 00:00 ends the last interval of the day before; on the fall-back day 01:00 twice
        Collector c = accepted(FileLayout.INTERVALS, INTERVALS_HEADER
                + "M60,1,2025-11-02T00:00-07:00,1,\n"
                + "M60,1,2025-11-02T01:00-07:00,2,\n"
                + "M60,1,2025-11-02T01:00-08:00,3,\n"
                + "M60,1,2025-11-02T02:00-08:00,4,\n", 4);
        assertEquals(4, c.values().size());
        // 30 minutes past on a 60-minute meter is off the grid, in either 01:xx hour
        Collector r = new Collector();
        ParseReport rep = parse(FileLayout.INTERVALS, INTERVALS_HEADER + "M60,1,2025-11-02T01:30-08:00,1,\n", r);
        assertEquals(1, rep.rowsRejected());
        assertTrue(rep.rejections().get(0).reason().contains("not on the 60-minute grid"));
    }

    // ---- section 2: CMEP gives the same readings as the CSV

    @Test
    void cmepGivesTheSameReadingsAsTheCsv() {
        Set<String> csv = readings(accepted(FileLayout.INTERVALS, INTERVALS_HEADER
                + "M1,1,2025-11-02T00:45-07:00,0.0477,\n"
                + "M1,1,2025-11-02T01:00-07:00,-0.120,PO|CS\n"
                + "M1,1,2025-11-02T01:15-07:00,1.5,\n"
                // 01:30 and 01:45 PDT are missing
                + "M1,1,2025-11-02T01:00-08:00,0,TM\n"
                + "M1,1,2025-11-02T01:15-08:00,12,\n"
                + "M1,1,2025-07-01T12:00-07:00,3.25,\n", 6));
        csv.addAll(readings(accepted(FileLayout.REGISTERS, REGISTERS_HEADER
                + "MR,1,2025-07-31T23:30-07:00,0042\n"
                + "MR,1,2025-12-01T00:05:00-08:00,43\n", 2)));

        // PST digits: 00:45 PST = 01:45 PDT, so 2025-11-02 00:45 PDT is 23:45 PST the day before
        String cmep = "\uFEFF" + String.join("\r\n",
                CmepTest.kwh("M1", "202511012345", "", "0.0477", "", "PO|CS", "-0.120", "", "R0", "1.5",
                        "", "N", "", "", "N", "", "", "TM", "0", "", "", "12"),
                CmepTest.kwh("M1", "202507011100", "R0", "3.25"),
                CmepTest.rec("100", "SCE", "MR", "KWHREG", "1", "00000000", null, "202507312230", "", "42"),
                CmepTest.rec("100", "SCE", "MR:1", "KWHREG", "1", "00000000", null, "202512010005", "R0", "43"))
                + "\r\n";
        Collector c = accepted(FileLayout.CMEP, cmep, 4);
        assertEquals(csv, readings(c));
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 2L), c.values().stream().map(ParsedIntervalValue::line).toList());
        assertEquals(List.of(0, 1, 2, 5, 6, 0), c.values().stream().map(ParsedIntervalValue::position).toList());
        assertEquals(List.of(3L, 4L), c.registers.stream().map(ParsedRegisterReading::line).toList());
    }

    @Test
    void cmepLaterTripleAndLaterRecordAreReceivedLater() {
        Collector c = accepted(FileLayout.CMEP, String.join("\n",
                CmepTest.kwh("M1", "202511010015", "", "1", "202511010015", "", "2"),
                CmepTest.kwh("M1", "202511010015", "", "3"),
                CmepTest.kwh("M1", "202511010015", "N", "")) + "\n", 3);
        List<ParsedIntervalValue> v = c.values();
        assertEquals(List.of(1_000_000L, 2_000_000L, 3_000_000L),
                v.stream().map(ParsedIntervalValue::valueMicros).toList());
        assertTrue(v.get(0).sequence() < v.get(1).sequence() && v.get(1).sequence() < v.get(2).sequence());
        assertEquals(3, c.ended.valuesAccepted()); // the N triple adds nothing
    }

    @Test
    void cmepRecordWithNoTriples() {
        Collector c = accepted(FileLayout.CMEP, CmepTest.rec("100", "SCE", "M1", "KWH", "1", "00000015", "0") + "\n", 1);
        assertTrue(c.blocks.isEmpty());
        Collector bad = new Collector();
        ParseReport r = parse(FileLayout.CMEP, CmepTest.rec("100", "SCE", "M1", "KWH", "1", "00000015", "1") + "\n",
                bad);
        assertEquals(1, r.rowsRejected());
        assertTrue(r.rejections().get(0).reason().startsWith("count is 1 but the record has 0 fields after count"));
    }

    @Test
    void cmepFieldsAreNotQuoted() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.CMEP, CmepTest.kwh("M1", "202511010015", "", "\"1\"") + "\n", c);
        assertEquals(1, r.rowsRejected());
        assertTrue(r.rejections().get(0).reason().contains("value '\"1\"' is not a decimal number"),
                r.rejections().toString());
    }
}
