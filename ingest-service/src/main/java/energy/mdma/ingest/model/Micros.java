package energy.mdma.ingest.model;

import java.math.BigDecimal;

/**
 * Raw interval values are carried exactly as fixed-point longs with scale 6 ("micro-units"):
 * {@code 0.0477} is {@code 47_700}. A value is accepted only if it has at most 6 decimals once trailing
 * zeros are removed ({@code 1.2500000} is fine, {@code 0.1234567} is rejected as "too many decimals"),
 * and its magnitude is below about 9.2e12. No binary floating point is involved anywhere.
 */
public final class Micros {
    public static final int SCALE = 6;
    public static final long ONE = 1_000_000L;

    private Micros() {
    }

    /** The exact value as a BigDecimal with scale 6. */
    public static BigDecimal toBigDecimal(long micros) {
        return BigDecimal.valueOf(micros, SCALE);
    }

    /**
     * The micro-units of an exact decimal.
     *
     * @throws ArithmeticException if it has more than 6 significant decimals or does not fit a long
     */
    public static long of(BigDecimal value) {
        return value.setScale(SCALE).unscaledValue().longValueExact();
    }
}
