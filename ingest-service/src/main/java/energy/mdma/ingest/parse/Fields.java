package energy.mdma.ingest.parse;

import energy.mdma.events.IntervalStatus;

import java.math.BigDecimal;
import java.util.function.Predicate;

/** Strict field parsers working on character ranges; they throw {@link RowReject} with a reason. */
final class Fields {
    static final long MAX_WHOLE = Long.MAX_VALUE / 1_000_000L - 1; // largest whole part of a micro-unit value

    private Fields() {
    }

    /** A field value for a message: in quotes, at most 40 characters. */
    static String show(char[] b, int s, int e) {
        if (e - s > 40) {
            return "'" + new String(b, s, 40) + "...' (" + (e - s) + " characters)";
        }
        return "'" + new String(b, s, e - s) + "'";
    }

    static String show(String v) {
        return show(v.toCharArray(), 0, v.length());
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A decimal (optional '-', digits, optional '.' and digits) as micro-units; at most 6 decimals after
     * removing trailing zeros.
     */
    static long micros(char[] b, int s, int e, String column) throws RowReject {
        if (s == e) {
            throw new RowReject(column + " is empty; write a decimal number such as 0.25");
        }
        int i = s;
        boolean neg = false;
        if (b[i] == '-') {
            neg = true;
            i++;
        }
        int wholeStart = i;
        long whole = 0;
        while (i < e && digit(b[i])) {
            if (whole > (MAX_WHOLE - (b[i] - '0')) / 10) {
                throw new RowReject(column + " " + show(b, s, e) + " is too large (at most " + MAX_WHOLE
                        + " in magnitude)");
            }
            whole = whole * 10 + (b[i] - '0');
            i++;
        }
        if (i == wholeStart) {
            throw notDecimal(b, s, e, column);
        }
        long frac = 0;
        if (i < e && b[i] == '.') {
            i++;
            int fracStart = i;
            while (i < e && digit(b[i])) {
                i++;
            }
            if (i == fracStart || i != e) {
                throw notDecimal(b, s, e, column);
            }
            int last = i - 1;
            while (last >= fracStart && b[last] == '0') {
                last--;
            }
            int decimals = last - fracStart + 1;
            if (decimals > 6) {
                throw new RowReject(column + " " + show(b, s, e) + " has " + decimals + " decimals; values are kept"
                        + " exactly with at most 6 decimals (too many decimals), round it at the source");
            }
            for (int k = 0; k < 6; k++) {
                frac = frac * 10 + (k < decimals ? b[fracStart + k] - '0' : 0);
            }
        } else if (i != e) {
            throw notDecimal(b, s, e, column);
        }
        long v = whole * 1_000_000L + frac;
        return neg ? -v : v;
    }

    private static RowReject notDecimal(char[] b, int s, int e, String column) {
        return new RowReject(column + " " + show(b, s, e) + " is not a decimal number; write digits with an optional"
                + " '-' and '.' fraction, e.g. 12.345 (no exponent, no thousands separator)");
    }

    /** A whole number in [min, max] of up to 18 digits, no sign. */
    static long whole(char[] b, int s, int e, String column, long min, long max) throws RowReject {
        if (s == e) {
            throw new RowReject(column + " is empty; write a whole number" + range(min, max));
        }
        if (e - s > 18) {
            throw new RowReject(column + " " + show(b, s, e) + " is too large" + range(min, max));
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            if (!digit(b[i])) {
                throw new RowReject(column + " " + show(b, s, e) + " is not a whole number" + range(min, max));
            }
            v = v * 10 + (b[i] - '0');
        }
        if (v < min || v > max) {
            throw new RowReject(column + " " + show(b, s, e) + " is out of range" + range(min, max));
        }
        return v;
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE) {
            return min == 0 ? " (0 or more)" : " (" + min + " or more)";
        }
        return " (" + min + " to " + max + ")";
    }

    static int channel(CsvRow row, int i) throws RowReject {
        return (int) whole(row.buf(), row.start(i), row.end(i), "channel", 1, 9);
    }

    /** Status codes joined by '|', or empty; returns the bit mask. */
    static int status(char[] b, int s, int e, String column) throws RowReject {
        int bits = 0;
        if (s == e) {
            return 0;
        }
        int i = s;
        while (true) {
            int j = i;
            while (j < e && b[j] != '|') {
                j++;
            }
            int code = code(b, i, j);
            if (code == 0) {
                throw new RowReject("unknown status code " + show(b, i, j) + " in " + column + " " + show(b, s, e)
                        + "; allowed are PO, OV, TM, CS joined by | (e.g. PO|CS), or empty");
            }
            bits |= code;
            if (j == e) {
                return bits;
            }
            i = j + 1;
        }
    }

    private static int code(char[] b, int s, int e) {
        if (e - s != 2) {
            return 0;
        }
        char c0 = b[s];
        char c1 = b[s + 1];
        if (c0 == 'P' && c1 == 'O') {
            return IntervalStatus.PO.bit();
        }
        if (c0 == 'O' && c1 == 'V') {
            return IntervalStatus.OV.bit();
        }
        if (c0 == 'T' && c1 == 'M') {
            return IntervalStatus.TM.bit();
        }
        if (c0 == 'C' && c1 == 'S') {
            return IntervalStatus.CS.bit();
        }
        return 0;
    }

    /** A positive or non-negative decimal as BigDecimal (same syntax as {@link #micros}, any number of decimals). */
    static BigDecimal decimal(String v, String column, boolean positive) throws RowReject {
        boolean ok = !v.isEmpty();
        int i = 0;
        int n = v.length();
        int digits = 0;
        while (i < n && digit(v.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            ok = false;
        }
        if (ok && i < n && v.charAt(i) == '.') {
            i++;
            int f = i;
            while (i < n && digit(v.charAt(i))) {
                i++;
            }
            ok = i > f;
        }
        if (!ok || i != n || digits > 30) {
            throw new RowReject(column + " " + show(v) + " is not a " + (positive ? "positive" : "non-negative")
                    + " decimal number; write digits with an optional '.' fraction, e.g. 1.5");
        }
        BigDecimal d = new BigDecimal(v);
        if (positive && d.signum() <= 0) {
            throw new RowReject(column + " " + show(v) + " must be greater than 0");
        }
        return d;
    }

    /** {@code [A-Z0-9_-]{2,20}} */
    static boolean isPartyId(String v) {
        return chars(v, 2, 20, c -> c >= 'A' && c <= 'Z' || digit(c) || c == '_' || c == '-');
    }

    /** {@code [A-Za-z0-9-]{1,20}} */
    static boolean isMeterId(String v) {
        return chars(v, 1, 20, c -> letter(c) || digit(c) || c == '-');
    }

    /** {@code [0-9]{min,max}} */
    static boolean isDigits(String v, int min, int max) {
        return chars(v, min, max, Fields::digit);
    }

    /** A read cycle: {@code [A-Za-z0-9_-]{1,20}} (the spec fixes no pattern; this keeps ids printable). */
    static boolean isReadCycle(String v) {
        return chars(v, 1, 20, c -> letter(c) || digit(c) || c == '-' || c == '_');
    }

    /** Whether {@code v} has {@code min} to {@code max} characters, each one {@code ok}. */
    private static boolean chars(String v, int min, int max, CharOk ok) {
        if (v.length() < min || v.length() > max) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (!ok.test(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A test of one character (no boxing). */
    private interface CharOk {
        boolean test(char c);
    }

    private static boolean letter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /**
     * The value of column {@code i}, or the row rejected with "{@code column value rule}" when {@code valid} refuses
     * it (e.g. {@code party_id "s ce" must be 2 to 20 capital letters, ...}).
     */
    static String checked(CsvRow row, int i, Predicate<String> valid, String column, String rule) throws RowReject {
        String v = row.get(i);
        if (!valid.test(v)) {
            throw new RowReject(column + " " + row.show(i) + " " + rule);
        }
        return v;
    }

    /** The read cycle in column {@code i} ({@link #isReadCycle}), of meters.csv and schedule.csv alike. */
    static String readCycle(CsvRow row, int i) throws RowReject {
        return checked(row, i, Fields::isReadCycle, "read_cycle", "must be 1 to 20 letters, digits, '_' or '-'");
    }
}
