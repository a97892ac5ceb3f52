package energy.mdma.edi.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import energy.mdma.edi.model.X12Uom;

class SummaryCsvTest {
    static SummaryRow row(String account, String meter, int channel, String from, Map<String, Integer> fp) {
        return new SummaryRow(account, meter, channel, X12Uom.KWH, LocalDate.parse(from), LocalDate.parse(from).plusMonths(1),
                null, null, null, new BigDecimal("12.50"), 1L, 2L, fp);
    }

    @Test
    void headerFormatSortingAndLf() {
        Map<String, Integer> fp = new LinkedHashMap<>();
        fp.put("ZERO_USAGE", 1);
        fp.put("LOW_USAGE", 1);
        fp.put("MISSING", 60);
        SummaryRow interval = new SummaryRow("3900421644", "M3630156", 1, X12Uom.KVARH, LocalDate.of(2025, 11, 20),
                LocalDate.of(2025, 12, 22), 3072, 3010, 62, new BigDecimal("432.71440"), null, null, fp);
        SummaryRow held = new SummaryRow("3520876100", "M5704554", 1, X12Uom.KWH, LocalDate.of(2025, 10, 20),
                LocalDate.of(2025, 11, 20), null, null, null, null, 51975L, null, Map.of("ESTIMATION_FAILED", 1));
        String csv = SummaryCsv.render(List.of(
                row("B", "M1", 10, "2025-10-01", Map.of()),
                interval,
                row("B", "M1", 2, "2025-11-01", Map.of()),
                row("B", "M1", 2, "2025-10-01", Map.of()),
                held,
                row("A", "m1", 1, "2025-10-01", Map.of()),
                row("A", "M2", 1, "2025-10-01", Map.of()),
                row("A", "M10", 1, "2025-10-01", Map.of())));
        assertEquals(String.join("\n",
                "service_account,meter_id,channel,uom,period_start,period_end,intervals_expected,intervals_actual,intervals_estimated,total,register_start,register_end,failure_points",
                "3520876100,M5704554,1,KWH,2025-10-20,2025-11-20,,,,,51975,,ESTIMATION_FAILED=1",
                "3900421644,M3630156,1,KVARH,2025-11-20,2025-12-22,3072,3010,62,432.7144,,,LOW_USAGE=1;MISSING=60;ZERO_USAGE=1",
                "A,M10,1,KWH,2025-10-01,2025-11-01,,,,12.5,1,2,",
                "A,M2,1,KWH,2025-10-01,2025-11-01,,,,12.5,1,2,",
                "A,m1,1,KWH,2025-10-01,2025-11-01,,,,12.5,1,2,",
                "B,M1,2,KWH,2025-10-01,2025-11-01,,,,12.5,1,2,",
                "B,M1,2,KWH,2025-11-01,2025-12-01,,,,12.5,1,2,",
                "B,M1,10,KWH,2025-10-01,2025-11-01,,,,12.5,1,2,",
                ""), csv);
    }

    @Test
    void quotesOnlyWhenNeeded() {
        assertEquals("plain", SummaryCsv.quote("plain"));
        assertEquals("\"a,b\"", SummaryCsv.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", SummaryCsv.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", SummaryCsv.quote("two\nlines"));
        String csv = SummaryCsv.render(List.of(row("A,1", "M\"1", 1, "2025-10-01", Map.of())));
        assertEquals("\"A,1\",\"M\"\"1\",1,KWH,2025-10-01,2025-11-01,,,,12.5,1,2,\n", csv.substring(csv.indexOf('\n') + 1));
    }

    @Test
    void codePointOrderNotUtf16Order() {
        // U+FF21 (fullwidth A, one UTF-16 unit) sorts before U+1F600 (a surrogate pair) by code point,
        // but after it by UTF-16 units (0xD83D < 0xFF21)
        String csv = SummaryCsv.render(List.of(row("\uD83D\uDE00", "M", 1, "2025-10-01", Map.of()),
                row("\uFF21", "M", 1, "2025-10-01", Map.of())));
        String[] lines = csv.split("\n");
        assertEquals('\uFF21', lines[1].charAt(0));
    }

    @Test
    void parseRoundTrip() throws IOException {
        List<SummaryRow> rows = List.of(row("A,1", "M\"1", 1, "2025-10-01", Map.of("MISSING", 3, "HIGH_USAGE", 1)),
                new SummaryRow("B", "M", 2, X12Uom.KVARH, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1), 2976, 2970, 6,
                        new BigDecimal("0"), null, null, Map.of()));
        List<SummaryRow> back = SummaryCsv.parse(new StringReader(SummaryCsv.render(rows)));
        assertEquals(rows, back);
    }

    /** RFC 4180 read back: quoted commas, quotes, LF and CR inside fields; CRLF or LF line ends; no last line end. */
    @Test
    void parsesQuotedFieldsAndEitherLineEnd() throws IOException {
        List<SummaryRow> rows = List.of(row("A,\"1\"", "M\n2", 1, "2025-10-01", Map.of("MISSING", 3)),
                row("B\r", "\"", 2, "2025-10-01", Map.of()), row("C", "M", 3, "2025-10-01", Map.of()));
        String csv = SummaryCsv.render(rows);
        assertEquals(rows, SummaryCsv.parse(csv));
        assertEquals(rows, SummaryCsv.parse(new StringReader(csv)));
        // CRLF at the line ends (after the header, "MISSING=3" and the empty failure_points), not in the field M\n2
        String crlf = csv.replace("failure_points\n", "failure_points\r\n").replace("MISSING=3\n", "MISSING=3\r\n")
                .replace(",\n", ",\r\n");
        assertEquals(4, crlf.split("\r\n", -1).length - 1);
        assertEquals(rows, SummaryCsv.parse(crlf));
        assertEquals(rows, SummaryCsv.parse(csv.substring(0, csv.length() - 1)), "without the last LF");
        assertEquals(List.of(), SummaryCsv.parse(String.join(",", SummaryCsv.HEADER)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SummaryCsv.parse(String.join(",", SummaryCsv.HEADER) + "\nA,M,1\n"));
        assertEquals("line 2: 3 fields", e.getMessage());
    }

    @Test
    void duplicateRowsAndBadCountsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> SummaryCsv.render(List.of(row("A", "M", 1, "2025-10-01", Map.of()), row("A", "M", 1, "2025-10-01", Map.of()))));
        assertThrows(IllegalArgumentException.class, () -> row("A", "M", 1, "2025-10-01", Map.of("MISSING", 0)));
    }

    /** RFC 4180 quoting only when needed: a CR alone needs it; spaces, ';' and '=' do not. */
    @Test
    void quotingOnlyForCommaQuoteCrLf() {
        assertEquals("\"a\rb\"", SummaryCsv.quote("a\rb"));
        assertEquals(" a b ", SummaryCsv.quote(" a b "));
        assertEquals("MISSING=1;SPIKE=2", SummaryCsv.quote("MISSING=1;SPIKE=2"));
        assertEquals("", SummaryCsv.quote(""));
    }

    /** failure_points sorted by code (code point order), whatever order they come in; ';'-joined; no CR anywhere. */
    @Test
    void failurePointsAreSortedByCodeAndLinesEndInLfOnly() {
        Map<String, Integer> fp = new LinkedHashMap<>();
        fp.put("ZERO_USAGE", 1);
        fp.put("POWER_OUTAGE", 4);
        fp.put("HIGH_USAGE", 2);
        fp.put("MISSING", 6);
        fp.put("NOT_ESTIMATED", 6);
        fp.put("ESTIMATION_FAILED", 1);
        String csv = SummaryCsv.render(List.of(row("A", "M", 1, "2025-10-01", fp)));
        assertEquals("A,M,1,KWH,2025-10-01,2025-11-01,,,,12.5,1,2,"
                + "ESTIMATION_FAILED=1;HIGH_USAGE=2;MISSING=6;NOT_ESTIMATED=6;POWER_OUTAGE=4;ZERO_USAGE=1\n",
                csv.substring(csv.indexOf('\n') + 1));
        assertEquals(-1, csv.indexOf('\r'));
    }

    /** meter_id is compared as a string, not as a number: M10 before M9; channel as a number: 9 before 10. */
    @Test
    void meterIdAsStringChannelAsNumber() {
        String csv = SummaryCsv.render(List.of(row("A", "M9", 1, "2025-10-01", Map.of()),
                row("A", "M10", 10, "2025-10-01", Map.of()), row("A", "M10", 9, "2025-10-01", Map.of()),
                row("10", "M9", 1, "2025-10-01", Map.of()), row("9", "M1", 1, "2025-10-01", Map.of())));
        List<String> keys = csv.lines().skip(1).map(l -> String.join(",", List.of(l.split(",")).subList(0, 3))).toList();
        assertEquals(List.of("10,M9,1", "9,M1,1", "A,M10,9", "A,M10,10", "A,M9,1"), keys);
    }
}
