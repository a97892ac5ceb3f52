package energy.mdma.ingest.parse;

import static energy.mdma.ingest.parse.Fixtures.INTERVALS_HEADER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.events.PrevailingTime;
import energy.mdma.ingest.model.ParsedIntervalValue;
import energy.mdma.ingest.model.ParsedIntervalBlock;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** A generated 10,000-row intervals file with every 100th row bad (1%), in ten different ways. */
class GeneratedFileTest {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mmxxx");
    private static final ZoneId LA = PrevailingTime.ZONE;
    private static final Instant START = Instant.parse("2025-10-01T07:15:00Z");

    /** The bad variants of a row; row i (0-based) is bad when i % 100 == 37, variant (i / 100) % 10. */
    private static final String[] BAD = {
        "M9,1,%s,1.0,", // unknown meter
        "M1,7,%s,1.0,", // unknown channel
        "M1,1,%s,abc,", // bad number
        "M1,1,%s,1.0,XX", // unknown status
        "M1,1,%s,1.0", // column count
        "M1,1,%s,1.12345678,", // too many decimals
        "M1,1,2025-10-01T00:10-07:00,1.0,", // off grid (ignores %s)
        "M1,1,2099-01-01T00:15-08:00,1.0,", // future
        "M1,1,%.16s,1.0,", // no offset
        "M1,1,%s,1.0,", // fine, replaced below by a bad offset
    };

    static byte[] generate(int rows, List<Long> badLines) {
        StringBuilder sb = new StringBuilder(INTERVALS_HEADER);
        for (int i = 0; i < rows; i++) {
            Instant end = START.plusSeconds(900L * i);
            String t = ISO.format(end.atZone(LA));
            if (i % 100 == 37) {
                int variant = (i / 100) % 10;
                String row = String.format(BAD[variant], t);
                if (variant == 9) {
                    row = row.replace("-07:00", "-06:00").replace("-08:00", "-09:00");
                }
                sb.append(row).append(i % 2 == 0 ? "\n" : "\r\n");
                badLines.add(i + 2L);
            } else {
                sb.append("M1,1,").append(t).append(',').append(i % 1000).append('.').append(i % 7).append(',')
                        .append(i % 500 == 0 ? "PO" : "").append('\n');
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void tenThousandRowsWithOnePercentBad() {
        List<Long> badLines = new ArrayList<>();
        byte[] file = generate(10_000, badLines);
        ParseProgress progress = new ParseProgress();
        AtomicLong seenMidway = new AtomicLong(-1);
        Collector c = new Collector() {
            @Override
            public void intervals(ParsedIntervalBlock block) {
                super.intervals(block);
                if (seenMidway.get() < 0) {
                    seenMidway.set(progress.rowsRead());
                }
            }
        };
        ParseReport r;
        try {
            r = Fixtures.parser().parse(FileLayout.INTERVALS, new java.io.ByteArrayInputStream(file), c, progress);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertFalse(r.fileRejected());
        assertEquals(10_000, r.rowsRead());
        assertEquals(9_900, r.rowsAccepted());
        assertEquals(100, r.rowsRejected());
        assertEquals(9_900, r.valuesAccepted());
        assertEquals(100, badLines.size());
        assertEquals(badLines, r.rejections().stream().map(RejectedRow::line).toList());
        assertEquals(39L, badLines.get(0));
        assertEquals(9939L, badLines.get(99));
        // each variant's reason
        String[] expected = {"unknown meter 'M9'", "unknown channel 7 of meter M1", "value 'abc' is not a decimal",
            "unknown status code 'XX'", "wrong column count: 4 fields", "has 8 decimals", "not on the 15-minute grid",
            "ahead of the server clock", "has no offset", "is not the America/Los_Angeles offset"};
        for (int k = 0; k < 100; k++) {
            String reason = r.rejections().get(k).reason();
            String want = expected[k % 10];
            assertTrue(reason.contains(want), () -> "line " + badLines + ": '" + reason + "' lacks '" + want + "'");
        }
        // the accepted values: in order, blocks of at most 4096, exact values
        List<ParsedIntervalValue> v = c.values();
        assertEquals(9_900, v.size());
        assertEquals(List.of(4096, 4096, 1708), c.blocks.stream().map(ParsedIntervalBlock::size).toList());
        assertEquals(2L, v.get(0).line());
        assertEquals(START, v.get(0).end());
        assertEquals(10_001L, v.get(v.size() - 1).line());
        assertEquals(999_300_000L, v.get(v.size() - 1).valueMicros()); // row 9999: 999 . (9999 % 7 = 3)
        for (int k = 1; k < v.size(); k++) {
            assertTrue(v.get(k).sequence() > v.get(k - 1).sequence());
        }
        assertEquals(10_000, progress.rowsRead());
        assertEquals(100, progress.rowsRejected());
        assertTrue(seenMidway.get() >= 4096 - 256 && seenMidway.get() < 10_000,
                "progress readable while parsing: " + seenMidway.get());
    }

    @Test
    void onlyTheFirstThousandRejectionsAreReportedButAllCounted() {
        StringBuilder sb = new StringBuilder(INTERVALS_HEADER);
        for (int i = 0; i < 1500; i++) {
            sb.append("nonsense\n");
        }
        Collector c = new Collector();
        ParseReport r = Fixtures.parse(FileLayout.INTERVALS, sb.toString(), c);
        assertEquals(1500, r.rowsRejected());
        assertEquals(1000, r.rejections().size());
        assertEquals(1001L, r.rejections().get(999).line());
        assertEquals(1500, c.rejected.size());
    }

    @Test
    void nonUtf8FarIntoTheFileNamesItsLine() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(generate(10_000, new ArrayList<>()));
        b.write("M1,1,2026-01-01T00:15-08:00,1,".getBytes(StandardCharsets.UTF_8));
        b.write(new byte[] {(byte) 0xE2, (byte) 0x82}); // a truncated 3-byte sequence at the end of the file
        ParseReport r = Fixtures.parse(Fixtures.parser(), FileLayout.INTERVALS, b.toByteArray(), new Collector());
        assertTrue(r.fileRejected());
        assertEquals(10_002, r.fileRejection().line());
        assertTrue(r.fileRejection().reason().startsWith("not UTF-8 text: invalid byte 0xE2 at line 10002"),
                r.fileRejection().reason());
    }
}
