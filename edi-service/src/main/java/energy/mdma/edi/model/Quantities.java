package energy.mdma.edi.model;

import java.math.BigDecimal;

/**
 * Quantity formatting of the 867 and the summary report: plain decimal, at most 4 decimal places,
 * no exponent, no trailing zeros, no trailing point, a leading {@code 0} before a point
 * ({@code 0.25}, {@code 12}, {@code 0}). Values with more than 4 decimal places are refused, never
 * rounded here (rounding is the VEE's business).
 */
public final class Quantities {
    /** Fixed-point scale of interval usage values ({@code usage1e4}). */
    public static final int SCALE = 4;
    private static final long ONE = 10_000L;

    private Quantities() {
    }

    /** Strips trailing zeros so that equal values are equal records; rejects more than 4 places. */
    public static BigDecimal normalize(BigDecimal v) {
        BigDecimal s = strip(v);
        if (s != null && s.scale() > SCALE) {
            throw new IllegalArgumentException("quantity " + v.toPlainString() + " has more than 4 decimal places");
        }
        return s;
    }

    /**
     * Strips trailing zeros like {@link #normalize} but accepts any number of decimal places: for the meter
     * multiplier (MEA03), which is master data (input-formats.md: "a positive decimal"), not a quantity.
     */
    public static BigDecimal strip(BigDecimal v) {
        if (v == null) {
            return null;
        }
        if (v.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** Formats a decimal quantity. */
    public static String format(BigDecimal v) {
        return normalize(v).toPlainString();
    }

    /** Formats a fixed-point value with scale 4 ({@code 2500 -> "0.25"}). */
    public static String format1e4(long v) {
        StringBuilder sb = new StringBuilder(20);
        append1e4(sb, v);
        return sb.toString();
    }

    /** Appends a fixed-point value with scale 4 to {@code sb}, without allocating. */
    public static void append1e4(StringBuilder sb, long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                throw new IllegalArgumentException("quantity out of range");
            }
            sb.append('-');
            v = -v;
        }
        long whole = v / ONE;
        int frac = (int) (v % ONE);
        sb.append(whole);
        if (frac != 0) {
            sb.append('.');
            int div = 1000;
            while (frac != 0) {
                int digit = frac / div;
                sb.append((char) ('0' + digit));
                frac -= digit * div;
                div /= 10;
            }
        }
    }

    /** Converts a fixed-point scale-4 value to a decimal. */
    public static BigDecimal from1e4(long v) {
        return normalize(BigDecimal.valueOf(v, SCALE));
    }

    /** Converts a decimal with at most 4 places to fixed-point scale 4; exact or refused. */
    public static long to1e4(BigDecimal v) {
        return v.setScale(SCALE).unscaledValue().longValueExact();
    }
}
