package energy.mdma.edi.x12;

import energy.mdma.events.PrevailingTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

import energy.mdma.edi.model.Names;
import energy.mdma.edi.model.Quantities;

/**
 * Bounded formatters of the 867's element values, writing straight into an {@link X12Buffer}. Each
 * one refuses a value outside its element's domain (the 867 schema in {@code /x12/004010/867.xml}, the
 * X12 control schema and edi-867.md) with an {@link X12ValueException} that names the element, the
 * value and why, so that what they write is always accepted by StAEDI's validation
 * ({@code X12ValuesTest} proves it against StAEDI).
 *
 * <p>Element lengths are counted as StAEDI counts them: UTF-16 units of the value, without the sign
 * and the decimal point of a number.
 */
public final class X12Values {
    /** QTY02 (E380 Quantity): at most 15 digits. */
    public static final int QUANTITY_MAX_DIGITS = 15;
    /** MEA03, MEA05, MEA06 (E739-E741): at most 20 digits. */
    public static final int MEASUREMENT_MAX_DIGITS = 20;
    /** First and last year a CCYYMMDD date can carry. */
    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;

    private static final long ONE = 10_000L;
    private static final long[] POW10 = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private X12Values() {
    }

    // ------------------------------------------------------------------ numbers

    /** Number of decimal digits of {@code v >= 0}. */
    static int digitCount(long v) {
        int n = 1;
        while (n < 19 && v >= POW10[n]) {
            n++;
        }
        return n;
    }

    /**
     * A quantity given fixed point scale 4 ({@code 2500} is {@code 0.25}): plain decimal, at most 4
     * decimal places, no trailing zeros or point, a leading 0 before a point, at most
     * {@value #QUANTITY_MAX_DIGITS} digits (edi-867.md, E380).
     */
    public static void quantity1e4(X12Buffer b, String element, long v1e4) {
        if (!tryQuantity1e4(b, v1e4)) {
            throw new X12ValueException(element, v1e4 == Long.MIN_VALUE ? "Long.MIN_VALUE / 10^4" : Quantities.format1e4(v1e4),
                    "more than " + QUANTITY_MAX_DIGITS + " digits (E380 Quantity allows " + QUANTITY_MAX_DIGITS + ")");
        }
    }

    /** Writes the quantity and returns true, or writes nothing and returns false when it has too many digits. */
    static boolean tryQuantity1e4(X12Buffer b, long v) {
        if (v == Long.MIN_VALUE) {
            return false;
        }
        boolean negative = v < 0;
        if (negative) {
            v = -v;
        }
        long whole = v / ONE;
        int frac = (int) (v - whole * ONE);
        int wholeDigits = digitCount(whole);
        int fracDigits = 0;
        if (frac != 0) {
            fracDigits = 4;
            while (frac % 10 == 0) {
                frac /= 10;
                fracDigits--;
            }
        }
        if (wholeDigits + fracDigits > QUANTITY_MAX_DIGITS) {
            return false;
        }
        b.ensure(wholeDigits + fracDigits + 2);
        byte[] buf = b.buf;
        int at = b.len;
        if (negative) {
            buf[at++] = '-';
        }
        int end = at + wholeDigits;
        for (int i = end - 1; i >= at; i--) {
            long q = whole / 10;
            buf[i] = (byte) ('0' + (whole - q * 10));
            whole = q;
        }
        at = end;
        if (fracDigits > 0) {
            buf[at++] = '.';
            end = at + fracDigits;
            for (int i = end - 1; i >= at; i--) {
                int q = frac / 10;
                buf[i] = (byte) ('0' + (frac - q * 10));
                frac = q;
            }
            at = end;
        }
        b.len = at;
        return true;
    }

    /** A quantity (period total, QTY02): as {@link #quantity1e4}; more than 4 decimal places are refused. */
    public static void quantity(X12Buffer b, String element, BigDecimal v) {
        if (v == null) {
            throw new X12ValueException(element, null, "missing quantity");
        }
        String s;
        try {
            s = Quantities.format(v);
        } catch (IllegalArgumentException e) {
            throw new X12ValueException(element, v.toPlainString(), "more than 4 decimal places (edi-867.md)");
        }
        plainDecimal(b, element, s, QUANTITY_MAX_DIGITS, "E380 Quantity");
    }

    /**
     * A decimal of any scale as a plain number without trailing zeros (the meter multiplier, MEA03), at
     * most {@code maxDigits} digits.
     */
    public static void decimal(X12Buffer b, String element, BigDecimal v, int maxDigits) {
        if (v == null) {
            throw new X12ValueException(element, null, "missing value");
        }
        plainDecimal(b, element, Quantities.strip(v).toPlainString(), maxDigits, "decimal element");
    }

    private static void plainDecimal(X12Buffer b, String element, String s, int maxDigits, String type) {
        int digits = s.length() - (s.charAt(0) == '-' ? 1 : 0) - (s.indexOf('.') >= 0 ? 1 : 0);
        if (digits > maxDigits) {
            throw new X12ValueException(element, s, digits + " digits, at most " + maxDigits + " allowed (" + type + ")");
        }
        b.ascii(s);
    }

    /** A whole number in decimal (a register reading, a count), at most {@code maxDigits} digits. */
    public static void integer(X12Buffer b, String element, long v, int maxDigits) {
        int digits = v == Long.MIN_VALUE ? 19 : digitCount(Math.abs(v));
        if (digits > maxDigits) {
            throw new X12ValueException(element, v, digits + " digits, at most " + maxDigits + " allowed");
        }
        if (v < 0) {
            b.put((byte) '-');
            if (v == Long.MIN_VALUE) {
                b.ascii("9223372036854775808");
                return;
            }
            v = -v;
        }
        b.digits(v);
    }

    // ------------------------------------------------------------------ dates and times

    /** CCYYMMDD (E373, DTM02, BPT03, GS04); years {@value #MIN_YEAR}..{@value #MAX_YEAR}. */
    public static void ccyymmdd(X12Buffer b, String element, LocalDate d) {
        if (d == null) {
            throw new X12ValueException(element, null, "missing date");
        }
        checkYear(element, d);
        b.ensure(8);
        b.digits(d.getYear(), 4).digits(d.getMonthValue(), 2).digits(d.getDayOfMonth(), 2);
    }

    /** YYMMDD (ISA09); years {@value #MIN_YEAR}..{@value #MAX_YEAR}. */
    public static void yymmdd(X12Buffer b, String element, LocalDate d) {
        if (d == null) {
            throw new X12ValueException(element, null, "missing date");
        }
        checkYear(element, d);
        b.digits(d.getYear() % 100, 2).digits(d.getMonthValue(), 2).digits(d.getDayOfMonth(), 2);
    }

    static void checkYear(String element, LocalDate d) {
        if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
            throw new X12ValueException(element, d, "year outside " + MIN_YEAR + ".." + MAX_YEAR
                    + ": an X12 date has 4 year digits (CCYY)");
        }
    }

    /** HHMM (E337, ISA10, GS05): the minute of the day 0..1439. */
    public static void hhmm(X12Buffer b, String element, int minuteOfDay) {
        if (minuteOfDay < 0 || minuteOfDay >= 1440) {
            throw new X12ValueException(element, minuteOfDay, "not a minute of the day (0..1439)");
        }
        b.digits(minuteOfDay / 60, 2).digits(minuteOfDay % 60, 2);
    }

    /** A code of a code list (ID): {@code code} must be one of {@code allowed}. */
    public static void code(X12Buffer b, String element, String code, String... allowed) {
        for (String a : allowed) {
            if (a.equals(code)) {
                b.ascii(code);
                return;
            }
        }
        throw new X12ValueException(element, code, "not one of the codes " + String.join(", ", allowed));
    }

    // ------------------------------------------------------------------ text

    /**
     * An identifier (AN: report id, service account, meter id, D-U-N-S): {@code min..max} characters,
     * none of them a delimiter {@code * ~ >} or a control character, none outside the Basic
     * Multilingual Plane (StAEDI's reader cannot read those). Written as UTF-8.
     */
    public static void identifier(X12Buffer b, String element, String value, int min, int max) {
        checkIdentifier(element, value, min, max);
        b.utf8(value);
    }

    /** Refuses what {@link #identifier} refuses, without writing. */
    public static void checkIdentifier(String element, String value, int min, int max) {
        if (value == null) {
            throw new X12ValueException(element, null, "missing");
        }
        int n = value.length();
        if (n < min || n > max) {
            throw new X12ValueException(element, value, (n == 0 ? "empty" : n + " characters") + ", "
                    + (min == max ? "exactly " + min : min + ".." + max) + " allowed");
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || Names.isDelimiterOrControl(c)) {
                throw new X12ValueException(element, value, (Character.isISOControl(c)
                        ? String.format("control character U+%04X", (int) c) : "delimiter '" + c + "'")
                        + " at position " + (i + 1) + "; * ~ > and control characters cannot stand in an identifier");
            }
            if (Character.isSurrogate(c)) {
                throw new X12ValueException(element, value, surrogate(value, i));
            }
        }
    }

    /** An identifier for ISA06/ISA08 as well as GS02/GS03: 2..15 printable ASCII characters. */
    public static void checkInterchangeId(String element, String value) {
        checkIdentifier(element, value, 2, 15);
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7E) {
                throw new X12ValueException(element, value, "non-ASCII character at position " + (i + 1)
                        + "; the fixed-length ISA carries ASCII only");
            }
        }
    }

    /**
     * A name (N102): the delimiters {@code * ~ >} and control characters replaced by a space, cut to 60
     * characters ({@link Names#n102}); refused if it holds a character outside the Basic Multilingual
     * Plane, or if {@code required} and it is empty. Written as UTF-8.
     */
    public static void name(X12Buffer b, String element, String raw, boolean required) {
        if (raw == null) {
            throw new X12ValueException(element, null, "missing name");
        }
        String n = Names.n102(raw);
        for (int i = 0; i < n.length(); i++) {
            if (Character.isSurrogate(n.charAt(i))) {
                throw new X12ValueException(element, raw, surrogate(n, i));
            }
        }
        if (n.length() > Names.MAX_NAME_LENGTH) {
            throw new X12ValueException(element, raw, n.length() + " characters after cutting, at most "
                    + Names.MAX_NAME_LENGTH + " allowed (E93 Name)");
        }
        if (required && n.isEmpty()) {
            throw new X12ValueException(element, raw, "empty; this N1 has no N103/N104, so it needs a name (syntax R0203)");
        }
        b.utf8(n);
    }

    private static String surrogate(String s, int i) {
        if (Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            return String.format("character U+%X at position %d is outside the Basic Multilingual Plane, which X12 "
                    + "readers such as StAEDI cannot read; replace it", s.codePointAt(i), i + 1);
        }
        return String.format("lone surrogate U+%04X at position %d (malformed text)", (int) s.charAt(i), i + 1);
    }

    // ------------------------------------------------------------------ DTM*582

    /**
     * DTM*582's date, time and time code of an interval end in local prevailing time of
     * America/Los_Angeles: {@code CCYYMMDD*HHMM*PS} or {@code ...*PD}, as {@code Edi867Writer} writes
     * them, with the same checks (the offset must be PST or PDT, the end on a whole minute) and years
     * {@value #MIN_YEAR}..{@value #MAX_YEAR}. Caches the current offset period and day, so that a series
     * in time order costs a few comparisons per interval. Not thread-safe: one per rendering.
     */
    public static final class Dtm582 {
        private static final ZoneRules RULES = PrevailingTime.ZONE.getRules();
        private static final int PST = -8 * 3600;
        private static final int PDT = -7 * 3600;
        private static final byte[] PS = { 'P', 'S' };
        private static final byte[] PD = { 'P', 'D' };

        private long offsetFrom = Long.MAX_VALUE;
        private long offsetTo = Long.MIN_VALUE;
        private int offset;
        private byte[] code;
        private long dayStart = Long.MAX_VALUE;
        private final byte[] date = new byte[8];

        /** Writes {@code CCYYMMDD*HHMM*PS|PD} for the interval ending at {@code endEpochSecond}. */
        public void write(X12Buffer b, long endEpochSecond) {
            if (endEpochSecond < offsetFrom || endEpochSecond >= offsetTo) {
                offsetPeriod(endEpochSecond);
            }
            long local = endEpochSecond + offset;
            if (local < dayStart || local >= dayStart + 86_400L) {
                day(local, endEpochSecond);
            }
            int sec = (int) (local - dayStart);
            if (sec % 60 != 0) {
                throw new X12ValueException("DTM03", Instant.ofEpochSecond(endEpochSecond),
                        "interval end is not on a whole minute");
            }
            int minute = sec / 60;
            int hh = minute / 60;
            int mm = minute - hh * 60;
            b.ensure(16);
            byte[] buf = b.buf;
            int at = b.len;
            System.arraycopy(date, 0, buf, at, 8);
            at += 8;
            buf[at++] = '*';
            buf[at++] = (byte) ('0' + hh / 10);
            buf[at++] = (byte) ('0' + hh % 10);
            buf[at++] = (byte) ('0' + mm / 10);
            buf[at++] = (byte) ('0' + mm % 10);
            buf[at++] = '*';
            buf[at++] = code[0];
            buf[at++] = code[1];
            b.len = at;
        }

        private void offsetPeriod(long t) {
            Instant i = Instant.ofEpochSecond(t);
            int off = RULES.getOffset(i).getTotalSeconds();
            if (off == PDT) {
                code = PD;
            } else if (off == PST) {
                code = PS;
            } else {
                throw new X12ValueException("DTM04", i, "unexpected offset " + off + " s in "
                        + PrevailingTime.ZONE + " (neither PST nor PDT)");
            }
            offset = off;
            ZoneOffsetTransition next = RULES.nextTransition(i);
            ZoneOffsetTransition previous = RULES.previousTransition(i.plusSeconds(1));
            offsetFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
            offsetTo = next == null ? Long.MAX_VALUE : next.toEpochSecond();
            if (offsetFrom > t) {
                offsetFrom = t;
            }
        }

        private void day(long local, long endEpochSecond) {
            long day = Math.floorDiv(local, 86_400L);
            LocalDate d = LocalDate.ofEpochDay(day);
            if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
                throw new X12ValueException("DTM02", Instant.ofEpochSecond(endEpochSecond),
                        "year outside " + MIN_YEAR + ".." + MAX_YEAR + ": an X12 date has 4 year digits (CCYY)");
            }
            put(date, 0, d.getYear(), 4);
            put(date, 4, d.getMonthValue(), 2);
            put(date, 6, d.getDayOfMonth(), 2);
            dayStart = day * 86_400L;
        }

        private static void put(byte[] a, int at, int v, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                a[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
        }

        /** For tests: the offset of an instant in the prevailing zone. */
        static ZoneOffset offsetAt(long epochSecond) {
            return RULES.getOffset(Instant.ofEpochSecond(epochSecond));
        }
    }
}
