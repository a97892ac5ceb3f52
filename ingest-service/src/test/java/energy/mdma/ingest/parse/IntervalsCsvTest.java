package energy.mdma.ingest.parse;

import static energy.mdma.ingest.parse.Fixtures.INTERVALS_HEADER;
import static energy.mdma.ingest.parse.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.events.IntervalStatus;
import energy.mdma.ingest.model.ParsedIntervalValue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IntervalsCsvTest {

    /** One data row under the intervals header; returns the report (sink in {@code c}). */
    private static ParseReport one(String row, Collector c) {
        return parse(FileLayout.INTERVALS, INTERVALS_HEADER + row + "\n", c);
    }

    /** Asserts that the single data row is rejected on line 2 with a reason containing {@code expected}. */
    private static void rejected(String row, String expected) {
        Collector c = new Collector();
        ParseReport r = one(row, c);
        assertFalse(r.fileRejected(), () -> "file rejected: " + r.fileRejection());
        assertEquals(1, r.rowsRead());
        assertEquals(0, r.rowsAccepted());
        assertEquals(1, r.rowsRejected(), () -> "accepted: " + row);
        assertEquals(2, r.rejections().get(0).line());
        String reason = r.rejections().get(0).reason();
        assertTrue(reason.contains(expected), () -> "reason '" + reason + "' should contain '" + expected + "'");
        assertTrue(c.blocks.isEmpty());
        assertEquals(r.rejections(), c.rejected);
    }

    private static ParsedIntervalValue accepted(String row) {
        Collector c = new Collector();
        ParseReport r = one(row, c);
        assertEquals(0, r.rowsRejected(), () -> "rejected: " + r.rejections());
        assertEquals(1, r.rowsAccepted());
        assertEquals(1, r.valuesAccepted());
        return c.values().get(0);
    }

    @Test
    void emptyFileIsRejectedWhole() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.INTERVALS, "", c);
        assertTrue(r.fileRejected());
        assertEquals(1, r.fileRejection().line());
        assertTrue(r.fileRejection().reason().startsWith("the file is empty: it has no header row"));
        assertEquals(0, r.rowsRead());
        assertEquals(r, c.ended);
    }

    @Test
    void headerOnlyIsAnEmptyAcceptedFile() {
        ParseReport r = parse(FileLayout.INTERVALS, INTERVALS_HEADER, new Collector());
        assertNull(r.fileRejection());
        assertEquals(0, r.rowsRead());
        assertEquals(0, r.rowsAccepted());
        assertEquals(0, r.rowsRejected());
    }

    @Test
    void wrongHeaderNamesTheFirstWrongColumn() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.INTERVALS,
                "meter_id,channel,interval end,value,stat\nM1,1,2025-11-01T00:15-07:00,1,\n", c);
        assertTrue(r.fileRejected());
        assertEquals("wrong header: column 3 is 'interval end' but must be 'interval_end'; the header of a"
                + " intervals file is meter_id,channel,interval_end,value,status", r.fileRejection().reason());
        assertEquals(0, r.rowsRead());
        assertTrue(c.blocks.isEmpty());

        r = parse(FileLayout.INTERVALS, "meter_id,channel,interval_end,value\n", c);
        assertTrue(r.fileRejection().reason().startsWith("wrong header: column 5 'status' is missing"));
        r = parse(FileLayout.INTERVALS, "meter_id,channel,interval_end,value,status,extra\n", c);
        assertTrue(r.fileRejection().reason().startsWith("wrong header: column 6 'extra' is not expected"));
    }

    @Test
    void utf8BomIsTolerated() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.INTERVALS, "\uFEFF" + INTERVALS_HEADER + "M1,1,2025-11-01T00:15-07:00,1.5,\n", c);
        assertNull(r.fileRejection());
        assertEquals(1, r.rowsAccepted());
        assertEquals(1_500_000L, c.values().get(0).valueMicros());
    }

    @Test
    void crlfLineEnds() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.INTERVALS, INTERVALS_HEADER.replace("\n", "\r\n")
                + "M1,1,2025-11-01T00:15-07:00,1.5,PO\r\nM1,1,2025-11-01T00:30-07:00,2,\r\n", c);
        assertEquals(2, r.rowsAccepted(), () -> r.rejections().toString());
        List<ParsedIntervalValue> v = c.values();
        assertEquals(Set.of(IntervalStatus.PO), v.get(0).status());
        assertEquals(Set.of(), v.get(1).status());
        assertEquals(3, v.get(1).line());
    }

    @Test
    void quotedFieldsAreUnquoted() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.INTERVALS, INTERVALS_HEADER
                + "\"M1\",\"1\",\"2025-11-01T00:15-07:00\",\"0.25\",\"PO|CS\"\n", c);
        assertEquals(1, r.rowsAccepted(), () -> r.rejections().toString());
        assertEquals(Set.of(IntervalStatus.PO, IntervalStatus.CS), c.values().get(0).status());
        // a quoted comma inside a value that must be a number is a bad number, not a column shift
        rejected("M1,1,2025-11-01T00:15-07:00,\"1,5\",", "value '1,5' is not a decimal number");
        rejected("M1,1,2025-11-01T00:15-07:00,\"1.5,", "field 4 opens a quote that is not closed");
        rejected("M1,1,2025-11-01T00:15-07:00,1\"5,", "field 4 has a quote inside an unquoted value");
    }

    @Test
    void nonUtf8BytesRejectTheWholeFileWithTheLine() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write((INTERVALS_HEADER + "M1,1,2025-11-01T00:15-07:00,1,\n").getBytes(StandardCharsets.UTF_8));
        b.write("M1,1,2025-11-01T00:30-07:00,1,caf".getBytes(StandardCharsets.UTF_8));
        b.write(0xE9); // ISO-8859-1 e-acute
        b.write("\nM1,1,2025-11-01T00:45-07:00,1,\n".getBytes(StandardCharsets.UTF_8));
        Collector c = new Collector();
        ParseReport r = parse(Fixtures.parser(), FileLayout.INTERVALS, b.toByteArray(), c);
        assertTrue(r.fileRejected());
        assertEquals(3, r.fileRejection().line());
        assertEquals("not UTF-8 text: invalid byte 0xE9 at line 3 (byte offset 107); save or export the file as"
                + " UTF-8 and send it again", r.fileRejection().reason());
        assertTrue(c.ended.fileRejected());
    }

    @Test
    void nonUtf8InTheHeader() {
        byte[] bytes = {'m', 'e', 't', (byte) 0xFF, 'r', '\n'};
        ParseReport r = parse(Fixtures.parser(), FileLayout.INTERVALS, bytes, new Collector());
        assertEquals(1, r.fileRejection().line());
        assertTrue(r.fileRejection().reason().contains("0xFF"));
    }

    @Test
    void veryLongLineIsRejectedAndTheRestKept() {
        StringBuilder sb = new StringBuilder(INTERVALS_HEADER);
        sb.append("M1,1,2025-11-01T00:15-07:00,1,\n");
        sb.append("M1,1,2025-11-01T00:30-07:00,1,").append("X".repeat(200_000)).append('\n');
        sb.append("M1,1,2025-11-01T00:45-07:00,1,\n");
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.INTERVALS, sb.toString(), c);
        assertEquals(3, r.rowsRead());
        assertEquals(2, r.rowsAccepted());
        assertEquals(List.of(new RejectedRow(3, "line longer than 65536 characters; the line is skipped (is a line end"
                + " missing?)")), r.rejections());
        assertEquals(List.of(2L, 4L), c.values().stream().map(ParsedIntervalValue::line).toList());
    }

    @Test
    void lineOfExactlyTheLimitIsRead() {
        IngestParser p = new IngestParser(Fixtures.masterData(), Fixtures.CLOCK,
                ParserOptions.defaults().withMaxLineChars(300));
        String row = "M1,1,2025-11-01T00:15-07:00,1,";
        String ok = row + "\r\n"; // 30 characters: fine
        String pad = "0".repeat(300 - row.length() + 1); // value with leading zeros, 300 characters + CR
        Collector c = new Collector();
        ParseReport r = parse(p, FileLayout.INTERVALS, (INTERVALS_HEADER + ok
                + "M1,1,2025-11-01T00:30-07:00," + "0".repeat(300 - 31) + "1,\r\n"
                + "M1,1,2025-11-01T00:45-07:00," + pad + "1,\n").getBytes(StandardCharsets.UTF_8), c);
        assertEquals(3, r.rowsRead());
        assertEquals(2, r.rowsAccepted(), () -> r.rejections().toString());
        assertEquals(4, r.rejections().get(0).line());
        assertTrue(r.rejections().get(0).reason().startsWith("line longer than 300 characters"));
    }

    @Test
    void wrongColumnCount() {
        rejected("M1,1,2025-11-01T00:15-07:00,1", "wrong column count: 4 fields, expected 5"
                + " (meter_id,channel,interval_end,value,status)");
        rejected("M1,1,2025-11-01T00:15-07:00,1,,", "wrong column count: 6 fields, expected 5");
    }

    @Test
    void unknownMeter() {
        rejected("M9,1,2025-11-01T00:15-07:00,1,", "unknown meter 'M9'; it must be in meters.csv");
        rejected("M 9,1,2025-11-01T00:15-07:00,1,", "unknown meter 'M 9': a meter_id is 1 to 20 letters");
    }

    @Test
    void unknownChannel() {
        rejected("M1,2,2025-11-01T00:15-07:00,1,", "unknown channel 2 of meter M1 (known channels: 1)");
        rejected("M1,0,2025-11-01T00:15-07:00,1,", "channel '0' is out of range (1 to 9)");
        rejected("M1,x,2025-11-01T00:15-07:00,1,", "channel 'x' is not a whole number (1 to 9)");
    }

    @Test
    void nonIntervalMeterTakesNoIntervals() {
        rejected("MR,1,2025-11-01T00:15-07:00,1,", "meter MR is a non-interval meter");
    }

    @Test
    void offGridTimes() {
        rejected("M1,1,2025-11-01T00:10-07:00,1,", "interval_end '2025-11-01T00:10-07:00' is not on the 15-minute"
                + " grid of meter M1 (local 00:10 is not a multiple of 15 minutes past midnight)");
        rejected("M60,1,2025-11-01T00:30-07:00,1,", "not on the 60-minute grid of meter M60");
        accepted("M60,1,2025-11-01T01:00-07:00,1,");
        accepted("M5,1,2025-11-01T00:05-07:00,1,");
        rejected("M5,1,2025-11-01T00:07-07:00,1,", "not on the 5-minute grid");
        rejected("M1,1,2025-11-01T00:15:30-07:00,1,", "has seconds");
    }

    @Test
    void missingOrWrongOffset() {
        rejected("M1,1,2025-11-01T00:15,1,", "interval_end '2025-11-01T00:15' has no offset; write it with the"
                + " America/Los_Angeles offset, e.g. 2025-11-01T00:15-07:00");
        rejected("M1,1,2025-12-01T00:15-07:00,1,", "offset -07:00 is not the America/Los_Angeles offset at that"
                + " time; 2025-12-01T00:15 is 2025-12-01T00:15-08:00");
        rejected("M1,1,2025-12-01T08:15Z,1,", "offset Z is not the America/Los_Angeles offset");
        rejected("M1,1,2025-12-01T00:15+0800,1,", "is not a time");
        rejected("M1,1,2025-13-01T00:15-08:00,1,", "is not a time");
        rejected("M1,1,2025-02-29T00:15-08:00,1,", "is not a valid date");
        rejected("M1,1,01/12/2025 00:15,1,", "is not a time");
        rejected("M1,1,,1,", "interval_end is empty");
    }

    @Test
    void badValues() {
        rejected("M1,1,2025-11-01T00:15-07:00,abc,", "value 'abc' is not a decimal number");
        rejected("M1,1,2025-11-01T00:15-07:00,1e3,", "value '1e3' is not a decimal number");
        rejected("M1,1,2025-11-01T00:15-07:00,,", "value is empty");
        rejected("M1,1,2025-11-01T00:15-07:00,.5,", "is not a decimal number");
        rejected("M1,1,2025-11-01T00:15-07:00,5.,", "is not a decimal number");
        rejected("M1,1,2025-11-01T00:15-07:00,0.1234567,", "has 7 decimals");
        rejected("M1,1,2025-11-01T00:15-07:00,99999999999999,", "is too large");
        assertEquals(123_456L, accepted("M1,1,2025-11-01T00:15-07:00,0.1234560000,").valueMicros());
        assertEquals(-120_000L, accepted("M1,1,2025-11-01T00:15-07:00,-0.120,").valueMicros());
        assertEquals(9_223_372_036_853_999_999L,
                accepted("M1,1,2025-11-01T00:15-07:00,9223372036853.999999,").valueMicros());
        assertEquals("0.047700", accepted("M1,1,2025-11-01T00:15-07:00,0.0477,").value().toPlainString());
    }

    @Test
    void unknownStatus() {
        rejected("M1,1,2025-11-01T00:15-07:00,1,XX", "unknown status code 'XX' in status 'XX'; allowed are PO, OV,"
                + " TM, CS joined by |");
        rejected("M1,1,2025-11-01T00:15-07:00,1,PO|", "unknown status code '' in status 'PO|'");
        rejected("M1,1,2025-11-01T00:15-07:00,1,po", "unknown status code 'po'");
        rejected("M1,1,2025-11-01T00:15-07:00,1,PO,CS", "wrong column count");
        assertEquals(Set.of(IntervalStatus.OV, IntervalStatus.TM),
                accepted("M1,1,2025-11-01T00:15-07:00,1,OV|TM").status());
    }

    @Test
    void futureTime() {
        // clock: 2026-06-01T12:00Z = 05:00-07:00; 05:15 is exactly 15 minutes ahead (accepted), 05:30 is not
        ParsedIntervalValue v = accepted("M1,1,2026-06-01T05:15-07:00,1,");
        assertEquals(Instant.parse("2026-06-01T12:15:00Z"), v.end());
        rejected("M1,1,2026-06-01T05:30-07:00,1,", "interval_end '2026-06-01T05:30-07:00' is more than 15 minutes"
                + " ahead of the server clock (now 2026-06-01T05:00:00-07:00)");
        // old data is welcome
        accepted("M1,1,2001-01-01T00:15-08:00,1,");
    }

    @Test
    void fallBackRepeatedHourHasTwoValidOffsets() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.INTERVALS, INTERVALS_HEADER
                + "M1,1,2025-11-02T01:00-07:00,1,\n"
                + "M1,1,2025-11-02T01:15-07:00,2,\n"
                + "M1,1,2025-11-02T02:00-07:00,9,\n" // 02:00 PDT does not exist: after 01:59:59 PDT comes 01:00 PST
                + "M1,1,2025-11-02T01:15-08:00,3,\n"
                + "M1,1,2025-11-02T01:15-06:00,4,\n", c);
        assertEquals(3, r.rowsAccepted(), () -> r.rejections().toString());
        assertEquals(List.of(4L, 6L), r.rejections().stream().map(RejectedRow::line).toList());
        assertTrue(r.rejections().get(0).reason().contains("2025-11-02T02:00 is 2025-11-02T02:00-08:00"),
                r.rejections().get(0).reason());
        assertTrue(r.rejections().get(1).reason().contains("is 2025-11-02T01:15-07:00 or 2025-11-02T01:15-08:00"
                + " (repeated hour)"), r.rejections().get(1).reason());
        List<ParsedIntervalValue> v = c.values();
        assertEquals(Instant.parse("2025-11-02T08:15:00Z"), v.get(1).end());
        assertEquals(Instant.parse("2025-11-02T09:15:00Z"), v.get(2).end());
    }

    @Test
    void springForwardNonexistentTimeIsRejected() {
        rejected("M1,1,2026-03-08T02:15-08:00,1,", "interval_end '2026-03-08T02:15-08:00' does not exist in"
                + " America/Los_Angeles: on 2026-03-08 the clocks jump from 02:00 to 03:00 (spring forward)");
        rejected("M1,1,2026-03-08T02:30-07:00,1,", "does not exist in America/Los_Angeles");
        rejected("M1,1,2026-03-08T02:00-08:00,1,", "does not exist");
        rejected("M1,1,2026-03-08T02:15,1,", "that local time does not exist");
        assertEquals(Instant.parse("2026-03-08T10:00:00Z"), accepted("M1,1,2026-03-08T03:00-07:00,1,").end());
        assertEquals(Instant.parse("2026-03-08T09:45:00Z"), accepted("M1,1,2026-03-08T01:45-08:00,1,").end());
    }

    @Test
    void laterLineWinsAndOrderIsKept() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.INTERVALS, INTERVALS_HEADER
                + "M1,1,2025-11-01T00:15-07:00,1,\n"
                + "MP,1,2025-11-01T00:15-07:00,5,\n"
                + "M1,1,2025-11-01T00:15-07:00,2,TM\n", c);
        assertEquals(3, r.rowsAccepted());
        assertEquals(3, c.blocks.size()); // the meter changes twice
        List<ParsedIntervalValue> v = c.values();
        assertEquals(List.of(2L, 3L, 4L), v.stream().map(ParsedIntervalValue::line).toList());
        assertTrue(v.get(2).sequence() > v.get(0).sequence());
        assertEquals(v.get(0).end(), v.get(2).end());
        assertEquals(2_000_000L, v.get(2).valueMicros());
    }

    @Test
    void blocksAreFlushedAtBoundedSizeAndOptionallyPerLocalDay() {
        StringBuilder sb = new StringBuilder(INTERVALS_HEADER);
        // 2025-11-01 23:30 .. 2025-11-02 00:45 (-07:00): 00:00 belongs to Nov 1
        for (String t : List.of("23:30", "23:45")) {
            sb.append("M1,1,2025-11-01T").append(t).append("-07:00,1,\n");
        }
        for (String t : List.of("00:00", "00:15", "00:30", "00:45", "01:00")) {
            sb.append("M1,1,2025-11-02T").append(t).append("-07:00,1,\n");
        }
        IngestParser small = new IngestParser(Fixtures.masterData(), Fixtures.CLOCK,
                ParserOptions.defaults().withMaxBlockSize(3));
        Collector c = new Collector();
        parse(small, FileLayout.INTERVALS, sb.toString().getBytes(StandardCharsets.UTF_8), c);
        assertEquals(List.of(3, 3, 1), c.blocks.stream().map(b -> b.size()).toList());

        IngestParser perDay = new IngestParser(Fixtures.masterData(), Fixtures.CLOCK,
                ParserOptions.defaults().withSplitBlocksAtLocalDay(true));
        c = new Collector();
        parse(perDay, FileLayout.INTERVALS, sb.toString().getBytes(StandardCharsets.UTF_8), c);
        assertEquals(List.of(3, 4), c.blocks.stream().map(b -> b.size()).toList());
        assertEquals("M1", c.blocks.get(0).meterId());
        assertEquals(15, c.blocks.get(0).intervalMinutes());
    }

    @Test
    void blankLinesAreSkipped() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.INTERVALS, INTERVALS_HEADER + "\nM1,1,2025-11-01T00:15-07:00,1,\n\r\n\n", c);
        assertEquals(1, r.rowsRead());
        assertEquals(1, r.rowsAccepted());
        assertEquals(3, c.values().get(0).line());
    }

    @Test
    void lastLineWithoutLineEnd() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.INTERVALS, INTERVALS_HEADER + "M1,1,2025-11-01T00:15-07:00,1,PO", c);
        assertEquals(1, r.rowsAccepted());
        assertEquals(Set.of(IntervalStatus.PO), c.values().get(0).status());
    }
}
