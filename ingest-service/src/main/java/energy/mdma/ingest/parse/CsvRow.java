package energy.mdma.ingest.parse;

/**
 * Splits one record into fields per RFC 4180 without allocating: quoted fields are unescaped in place
 * (doubled quotes become one), so every field is a range of the line buffer. A record spans lines only when
 * the parser joins them (a quoted field holding a line break, in the kinds with free-text columns, see
 * {@link Utf8LineReader#inQuotedField()}); otherwise a quoted field must close on its line.
 */
final class CsvRow {
    private char[] buf;
    private int count;
    private int[] starts = new int[16];
    private int[] ends = new int[16];

    /**
     * Splits {@code b[0, len)}; with {@code quotes} false, fields are split at every comma (CMEP). Returns
     * null when fine, else what is wrong.
     */
    String split(char[] b, int len, boolean quotes) {
        buf = b;
        count = 0;
        int i = 0;
        while (true) {
            if (quotes && i < len && b[i] == '"') {
                int w = i;
                int r = i + 1;
                boolean closed = false;
                while (r < len) {
                    char c = b[r];
                    if (c == '"') {
                        if (r + 1 < len && b[r + 1] == '"') {
                            b[w++] = '"';
                            r += 2;
                        } else {
                            closed = true;
                            r++;
                            break;
                        }
                    } else {
                        b[w++] = c;
                        r++;
                    }
                }
                if (!closed) {
                    return "field " + (count + 1) + " opens a quote that is not closed before the end of the line";
                }
                add(i, w);
                if (r == len) {
                    return null;
                }
                if (b[r] != ',') {
                    return "field " + (count) + " has characters after its closing quote; quote the whole field"
                            + " and double any quote inside it (\"\")";
                }
                i = r + 1;
            } else {
                int j = i;
                while (j < len && b[j] != ',') {
                    if (quotes && b[j] == '"') {
                        return "field " + (count + 1) + " has a quote inside an unquoted value; quote the whole"
                                + " field and double any quote inside it (\"\")";
                    }
                    j++;
                }
                add(i, j);
                if (j == len) {
                    return null;
                }
                i = j + 1;
            }
        }
    }

    private void add(int s, int e) {
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        starts[count] = s;
        ends[count] = e;
        count++;
    }

    int count() {
        return count;
    }

    char[] buf() {
        return buf;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    int length(int i) {
        return ends[i] - starts[i];
    }

    boolean isEmpty(int i) {
        return ends[i] == starts[i];
    }

    String get(int i) {
        return new String(buf, starts[i], ends[i] - starts[i]);
    }

    boolean is(int i, String s) {
        int n = ends[i] - starts[i];
        if (n != s.length()) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (buf[starts[i] + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The field for a message: quoted, shortened if long. */
    String show(int i) {
        return Fields.show(buf, starts[i], ends[i]);
    }
}
