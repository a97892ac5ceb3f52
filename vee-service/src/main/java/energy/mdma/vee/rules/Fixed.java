package energy.mdma.vee.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Fixed-point helpers: usages as longs with scale 4 (value * 10^4), rounding half up (away from zero). */
public final class Fixed {
    public static final int SCALE = 4;
    public static final long ONE = 10_000L;

    private Fixed() {
    }

    /** round4 of an exact decimal, as a scaled long. */
    public static long round4(BigDecimal exact) {
        return exact.setScale(SCALE, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    public static BigDecimal toDecimal(long scaled) {
        return BigDecimal.valueOf(scaled, SCALE);
    }

    /** num / den rounded half away from zero to an integer; den must be positive. */
    public static long divRoundHalfUp(long num, long den) {
        if (den <= 0) {
            throw new IllegalArgumentException("denominator must be positive");
        }
        long a = Math.abs(num);
        long q = a / den;
        long r = a % den;
        if (r * 2 >= den) {
            q++;
        }
        return num < 0 ? -q : q;
    }

    /** Plain decimal text without trailing zeros ("0.25", "12", "0"). */
    public static String plain(BigDecimal d) {
        if (d == null) {
            return null;
        }
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
