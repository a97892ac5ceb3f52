package energy.mdma.edi.summary;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import energy.mdma.edi.model.Quantities;
import energy.mdma.edi.model.X12Uom;

/**
 * The summary report CSV (edi-867.md "The summary report"): RFC 4180, LF line ends, fields quoted
 * only when needed, rows in {@link SummaryRow#ORDER}.
 */
public final class SummaryCsv {
    public static final List<String> HEADER = List.of("service_account", "meter_id", "channel", "uom",
            "period_start", "period_end", "intervals_expected", "intervals_actual", "intervals_estimated",
            "total", "register_start", "register_end", "failure_points");

    private SummaryCsv() {
    }

    /** Renders the rows, sorted, with the header line. */
    public static String render(Collection<SummaryRow> rows) {
        StringBuilder sb = new StringBuilder(128 + rows.size() * 96);
        try {
            write(rows, new StringBuilderWriter(sb));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Writes the rows, sorted, with the header line. */
    public static void write(Collection<SummaryRow> rows, Writer out) throws IOException {
        List<SummaryRow> sorted = new ArrayList<>(rows);
        sorted.sort(SummaryRow.ORDER);
        for (int i = 1; i < sorted.size(); i++) {
            if (SummaryRow.ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
                throw new IllegalArgumentException("two summary rows for " + key(sorted.get(i)));
            }
        }
        line(out, HEADER);
        for (SummaryRow r : sorted) {
            line(out, List.of(r.serviceAccount(), r.meterId(), Integer.toString(r.channel()), r.uom().name(),
                    r.periodStart().toString(), r.periodEnd().toString(),
                    str(r.intervalsExpected()), str(r.intervalsActual()), str(r.intervalsEstimated()),
                    r.total() == null ? "" : Quantities.format(r.total()),
                    str(r.registerStart()), str(r.registerEnd()), r.failurePointsField()));
        }
        out.flush();
    }

    private static String key(SummaryRow r) {
        return r.serviceAccount() + "/" + r.meterId() + "/" + r.channel() + "/" + r.periodStart();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static void line(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write('\n');
    }

    /** RFC 4180: quoted only when the field holds a comma, a quote, CR or LF; quotes doubled. */
    public static String quote(String field) {
        boolean needs = false;
        for (int i = 0; i < field.length() && !needs; i++) {
            char c = field.charAt(i);
            needs = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /** Parses a summary CSV written by {@link #write} (or any RFC 4180 file with the same header). */
    public static List<SummaryRow> parse(Reader in) throws IOException {
        StringBuilder text = new StringBuilder();
        in.transferTo(new StringBuilderWriter(text));
        return parse(text);
    }

    /** Parses a summary CSV written by {@link #write} (or any RFC 4180 text with the same header). */
    public static List<SummaryRow> parse(CharSequence csv) {
        List<List<String>> records = records(csv);
        if (records.isEmpty() || !records.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("not a summary report: header " + (records.isEmpty() ? "missing" : records.get(0)));
        }
        List<SummaryRow> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> f = records.get(i);
            if (f.size() == 1 && f.get(0).isEmpty()) {
                continue;
            }
            if (f.size() != HEADER.size()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + f.size() + " fields");
            }
            Map<String, Integer> fp = new LinkedHashMap<>();
            if (!f.get(12).isEmpty()) {
                for (String pair : f.get(12).split(";")) {
                    int eq = pair.indexOf('=');
                    fp.put(pair.substring(0, eq), Integer.valueOf(pair.substring(eq + 1)));
                }
            }
            rows.add(new SummaryRow(f.get(0), f.get(1), Integer.parseInt(f.get(2)), X12Uom.valueOf(f.get(3)),
                    LocalDate.parse(f.get(4)), LocalDate.parse(f.get(5)),
                    intOrNull(f.get(6)), intOrNull(f.get(7)), intOrNull(f.get(8)),
                    f.get(9).isEmpty() ? null : new BigDecimal(f.get(9)),
                    longOrNull(f.get(10)), longOrNull(f.get(11)), fp));
        }
        return rows;
    }

    private static Integer intOrNull(String s) {
        return s.isEmpty() ? null : Integer.valueOf(s);
    }

    private static Long longOrNull(String s) {
        return s.isEmpty() ? null : Long.valueOf(s);
    }

    /**
     * The records of RFC 4180 text: fields split at commas outside quotes, records at LF (a CR outside quotes is
     * dropped), {@code ""} inside quotes a quote. Walks the characters of the text itself: edi parses every summary
     * row it receives (SummaryProcessor), and reading them one at a time through a Reader, a lock each, was most of
     * that (3.7% of edi's stream thread in ./mdma bench).
     */
    private static List<List<String>> records(CharSequence text) {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < n && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                rec.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                rec.add(field.toString());
                field.setLength(0);
                out.add(rec);
                rec = new ArrayList<>();
                any = false;
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (any) {
            rec.add(field.toString());
            out.add(rec);
        }
        return out;
    }

    private static final class StringBuilderWriter extends Writer {
        private final StringBuilder sb;

        StringBuilderWriter(StringBuilder sb) {
            this.sb = sb;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            sb.append(cbuf, off, len);
        }

        @Override
        public void write(String str) {
            sb.append(str);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
