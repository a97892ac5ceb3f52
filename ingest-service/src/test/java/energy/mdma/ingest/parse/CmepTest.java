package energy.mdma.ingest.parse;

import static energy.mdma.ingest.parse.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.events.IntervalStatus;
import energy.mdma.ingest.model.ParsedIntervalValue;
import energy.mdma.ingest.model.ParsedRegisterReading;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CmepTest {

    /** A MEPMD01 record with the given head fields and triples (count computed unless given). */
    static String rec(String account, String udc, String meter, String units, String constant, String interval,
            String count, String... triples) {
        String c = count != null ? count : Integer.toString(triples.length / 3);
        return "MEPMD01,19970819,MDMA," + account + "," + udc + "," + account + ",202601010000," + meter + ",OK,E,"
                + units + "," + constant + "," + interval + "," + c + (triples.length == 0 ? "" : ","
                + String.join(",", triples));
    }

    static String kwh(String meter, String... triples) {
        return rec("100", "SCE", meter, "KWH", "1", "00000015", null, triples);
    }

    private static void rejected(String record, String expected) {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.CMEP, record + "\n", c);
        assertEquals(1, r.rowsRead());
        assertEquals(1, r.rowsRejected(), () -> "accepted: " + record);
        assertEquals(1, r.rejections().get(0).line());
        String reason = r.rejections().get(0).reason();
        assertTrue(reason.contains(expected), () -> "reason '" + reason + "' should contain '" + expected + "'");
        assertTrue(c.blocks.isEmpty());
        assertTrue(c.registers.isEmpty());
    }

    @Test
    void intervalRecordWithImpliedEndsAndQualities() {
        Collector c = new Collector();
        // PST 2025-11-01 00:15 = 01:15 PDT; empty ends follow at +15 minutes; a given end may skip
        ParseReport r = parse(FileLayout.CMEP, kwh("M1", "202511010015", "", "0.5", "", "R0", "0.25", "", "PO|CS", "0",
                "202511010200", "TM", "1.000001") + "\r\n", c);
        assertEquals(1, r.rowsAccepted(), () -> r.rejections().toString());
        assertEquals(4, r.valuesAccepted());
        assertEquals(1, c.blocks.size());
        List<ParsedIntervalValue> v = c.values();
        assertEquals(Instant.parse("2025-11-01T08:15:00Z"), v.get(0).end());
        assertEquals(Instant.parse("2025-11-01T08:30:00Z"), v.get(1).end());
        assertEquals(Instant.parse("2025-11-01T08:45:00Z"), v.get(2).end());
        assertEquals(Instant.parse("2025-11-01T10:00:00Z"), v.get(3).end());
        assertEquals(List.of(500_000L, 250_000L, 0L, 1_000_001L),
                v.stream().map(ParsedIntervalValue::valueMicros).toList());
        assertEquals(Set.of(), v.get(1).status());
        assertEquals(Set.of(IntervalStatus.PO, IntervalStatus.CS), v.get(2).status());
        assertEquals(Set.of(IntervalStatus.TM), v.get(3).status());
        assertEquals(List.of(0, 1, 2, 3), v.stream().map(ParsedIntervalValue::position).toList());
        assertEquals(1L, v.get(0).line());
    }

    @Test
    void tooFewTriplesRejectsTheWholeRecord() {
        String bad = rec("100", "SCE", "M1", "KWH", "1", "00000015", "3", "202511010015", "", "0.5", "", "", "0.25");
        String good = kwh("M1", "202511010100", "", "1");
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.CMEP, good + "\n" + bad + "\n" + good.replace("0100,", "0115,") + "\n", c);
        assertEquals(3, r.rowsRead());
        assertEquals(2, r.rowsAccepted());
        assertEquals(List.of(new RejectedRow(2, "count is 3 but the record has 6 fields after count (2 triples);"
                + " every triple is end,quality,value (empty fields included)")), r.rejections());
        assertEquals(2, r.valuesAccepted());
        assertTrue(c.values().stream().allMatch(x -> x.line() != 2));
        rejected(rec("100", "SCE", "M1", "KWH", "1", "00000015", "1", "202511010015", ""),
                "count is 1 but the record has 2 fields after count (0 triples and 2 extra fields)");
        rejected("MEPMD01,19970819,MDMA,100", "record has 4 fields; a MEPMD01 record has 14 fields");
    }

    @Test
    void anyBadFieldRejectsTheWholeRecord() {
        // the first two triples are fine; the third has a bad value: nothing of the record is kept
        rejected(kwh("M1", "202511010015", "", "0.5", "", "", "0.25", "", "", "x"),
                "triple 3 (fields 21-23): value 'x' is not a decimal number");
        rejected(kwh("M1", "202511010015", "", "0.5", "", "ZZ", "1"), "unknown status code 'ZZ'");
        rejected(kwh("M1", "202511010010", "", "0.5"), "is not on the 15-minute grid of meter M1 (local 01:10");
        rejected(kwh("M1", "202613010015", "", "0.5"), "triple 1 (fields 15-17): end '202613010015' is not a time");
        rejected(kwh("M1", "", "", "0.5"), "the end of the first triple must be given");
        rejected(kwh("M1", "209901010015", "", "0.5"), "more than 15 minutes ahead of the server clock");
        rejected("MEPMD02" + kwh("M1", "202511010015", "", "1").substring(7), "record type 'MEPMD02' is not MEPMD01");
        rejected(kwh("M1", "202511010015", "", "1").replace("19970819", "20000101"), "version '20000101'");
        rejected(kwh("M1", "202511010015", "", "1").replace(",E,", ",G,"), "commodity 'G' must be E");
        rejected(kwh("M1", "202511010015", "", "1").replace("202601010000", "2026"), "created '2026' is not a time");
        rejected(rec("100", "SCE", "M1", "KWH", "2", "00000015", null, "202511010015", "", "1"),
                "calculation_constant '2' must be 1");
        rejected(rec("100", "SCE", "M1", "KWH", "1", "00000030", null, "202511010015", "", "1"),
                "interval '00000030' (30 minutes) does not match meter M1's interval_minutes 15");
        rejected(rec("100", "SCE", "M1", "KWH", "1", "0000015", null, "202511010015", "", "1"),
                "is not a duration MMDDHHMM");
        rejected(rec("100", "SCE", "M1", "WATTS", "1", "00000015", null, "202511010015", "", "1"),
                "units 'WATTS' must be KWH, KVARH, PULSE or KWHREG");
        rejected(rec("100", "SCE", "MR", "KWH", "1", "00000000", null, "202511010015", "", "1"),
                "meter MR is a non-interval meter");
    }

    @Test
    void accountAndReceiverMustMatchTheMeter() {
        rejected(rec("200", "SCE", "M1", "KWH", "1", "00000015", null, "202511010015", "", "1"),
                "meter M1 is not a meter of service account '200' (receiver_customer_id); it belongs to service"
                        + " account 100");
        rejected(rec("100", "PGE", "M1", "KWH", "1", "00000015", null, "202511010015", "", "1"),
                "receiver_id 'PGE' is not the UDC of meter M1 (SCE)");
        rejected(kwh("M404", "202511010015", "", "1"), "unknown meter 'M404'");
    }

    @Test
    void qualityNAddsNothing() {
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.CMEP, kwh("M1", "202511010015", "", "0.5", "", "N", "", "", "R0", "0.75")
                + "\n", c);
        assertEquals(1, r.rowsAccepted(), () -> r.rejections().toString());
        assertEquals(2, r.valuesAccepted());
        List<ParsedIntervalValue> v = c.values();
        assertEquals(Instant.parse("2025-11-01T08:15:00Z"), v.get(0).end());
        assertEquals(Instant.parse("2025-11-01T08:45:00Z"), v.get(1).end()); // the N triple's end still counts
        assertEquals(2, v.get(1).position());
        rejected(kwh("M1", "202511010015", "N", "0.5"), "quality N means no value, but the value is '0.5'");
    }

    @Test
    void registerRecord() {
        Collector c = new Collector();
        String reg = rec("100", "SCE", "MR", "KWHREG", "1", "00000000", null, "202511241426", "R0", "111619",
                "202511251426", "N", "", "202511261426", "", "111700");
        ParseReport r = parse(FileLayout.CMEP, kwh("M1", "202511010015", "", "1") + "\n" + reg + "\n", c);
        assertEquals(2, r.rowsAccepted(), () -> r.rejections().toString());
        assertEquals(2, r.readingsAccepted());
        assertEquals(List.of(
                new ParsedRegisterReading("MR", 1, Instant.parse("2025-11-24T22:26:00Z"), 111619, 2, 0, 2),
                new ParsedRegisterReading("MR", 1, Instant.parse("2025-11-26T22:26:00Z"), 111700, 2, 2, 3)), c.registers);
        assertEquals(1, c.blocks.size()); // flushed before the readings
        rejected(rec("100", "SCE", "MR", "KWHREG", "1", "00000015", null, "202511241426", "", "1"),
                "interval '00000015' must be 00000000 in a KWHREG record");
        rejected(rec("100", "SCE", "MR", "KWHREG", "1", "00000000", null, "202511241426", "", "1", "", "", "2"),
                "every end of a KWHREG record must be given");
        rejected(rec("100", "SCE", "MR", "KWHREG", "1", "00000000", null, "202511241426", "PO", "1"),
                "quality 'PO' is not allowed in a KWHREG record");
        rejected(rec("100", "SCE", "MR", "KWHREG", "1", "00000000", null, "202511241426", "", "1.5"),
                "reading '1.5' is not a whole number");
        // an interval meter's register, any minute
        Collector c2 = new Collector();
        ParseReport r2 = parse(FileLayout.CMEP, rec("200", "SCE", "MP:3", "KWHREG", "1", "00000000", null,
                "202511241427", "", "5") + "\n", c2);
        assertEquals(1, r2.rowsAccepted(), () -> r2.rejections().toString());
        assertEquals(3, c2.registers.get(0).channel());
    }

    @Test
    void channelSuffixAndAmbiguity() {
        // MP: 1 KWH PULSE, 2 KVARH PULSE, 3 KWH UNIT, 4 and 5 KVARH UNIT
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.CMEP, String.join("\n",
                rec("200", "SCE", "MP", "KWH", "1", "00000015", null, "202511010015", "", "1"), // -> 3
                rec("200", "SCE", "MP:2", "PULSE", "1", "00000015", null, "202511010015", "", "2"), // -> 2
                rec("200", "SCE", "MP:1", "PULSE", "1", "00000015", null, "202511010015", "", "3"), // -> 1
                rec("200", "SCE", "MP:4", "KVARH", "1", "00000015", null, "202511010015", "", "4"), // -> 4
                rec("200", "SCE", "MP", "KWHREG", "1", "00000000", null, "202511010017", "", "5"), // -> 1
                rec("100", "SCE", "M1", "KWHREG", "1", "00000000", null, "202511010017", "", "6") // -> 1
        ) + "\n", c);
        assertEquals(6, r.rowsAccepted(), () -> r.rejections().toString());
        assertEquals(List.of(3, 2, 1, 4), c.blocks.stream().map(b -> b.channel()).toList());
        assertEquals(List.of(1, 1), c.registers.stream().map(ParsedRegisterReading::channel).toList());

        rejected(rec("200", "SCE", "MP", "PULSE", "1", "00000015", null, "202511010015", "", "1"),
                "ambiguous channel: 2 channels of meter MP fit units PULSE (1 (KWH, PULSE), 2 (KVARH, PULSE)); name"
                        + " the channel as MP:N");
        rejected(rec("200", "SCE", "MP", "KVARH", "1", "00000015", null, "202511010015", "", "1"),
                "ambiguous channel: 2 channels of meter MP fit units KVARH");
        rejected(rec("100", "SCE", "M1", "PULSE", "1", "00000015", null, "202511010015", "", "1"),
                "ambiguous channel: no channel of meter M1 fits units PULSE (channels: 1 (KWH, UNIT))");
        rejected(rec("200", "SCE", "MP:3", "PULSE", "1", "00000015", null, "202511010015", "", "1"),
                "channel 3 (KWH, UNIT) of meter MP does not fit units PULSE");
        rejected(rec("200", "SCE", "MP:8", "KWH", "1", "00000015", null, "202511010015", "", "1"),
                "unknown channel 8 of meter MP");
        rejected(rec("200", "SCE", "MP:x", "KWH", "1", "00000015", null, "202511010015", "", "1"),
                "the channel after ':' must be 1 to 9");
    }

    @Test
    void pstDigitsAreAnInstantAndDaylightTimeIsUsedForTheGrid() {
        // 60-minute meter: PST 2025-07-01 12:00 = 13:00 PDT: on the hour either way
        Collector c = new Collector();
        ParseReport r = parse(FileLayout.CMEP, rec("100", "SCE", "M60", "KWH", "1", "00000100", null, "202507011200",
                "", "1", "", "", "2") + "\n", c);
        assertEquals(1, r.rowsAccepted(), r.rejections().toString());
        assertEquals(Instant.parse("2025-07-01T20:00:00Z"), c.values().get(0).end());
        assertEquals(Instant.parse("2025-07-01T21:00:00Z"), c.values().get(1).end());
        // fall-back: PST 01:15 on 2025-11-02 is the second 01:15 and PST 00:15 the first (01:15 PDT)
        c = new Collector();
        r = parse(FileLayout.CMEP, kwh("M1", "202511020015", "", "1", "202511020115", "", "2") + "\n", c);
        assertEquals(1, r.rowsAccepted(), r.rejections().toString());
        assertEquals(Instant.parse("2025-11-02T08:15:00Z"), c.values().get(0).end());
        assertEquals(Instant.parse("2025-11-02T09:15:00Z"), c.values().get(1).end());
    }

    @Test
    void emptyCmepFileAndBlankLines() {
        ParseReport r = parse(FileLayout.CMEP, "", new Collector());
        assertFalse(r.fileRejected());
        assertEquals(0, r.rowsRead());
        Collector c = new Collector();
        r = parse(FileLayout.CMEP, "\n" + kwh("M1", "202511010015", "", "1") + "\n\n", c);
        assertEquals(1, r.rowsAccepted());
        assertEquals(2L, c.values().get(0).line());
    }
}
