package energy.mdma.edi.summary;

import java.io.BufferedReader;
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
        List<List<String>> records = records(in);
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

    private static List<List<String>> records(Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = in.read()) != -1) {
            any = true;
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int n = in.read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (n != -1) {
                            in.reset();
                        }
                    }
                } else {
                    field.append((char) c);
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
                field.append((char) c);
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
