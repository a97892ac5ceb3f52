package energy.mdma.vee.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/** LIN (vee-rules.md section 3): n * interval_minutes <= interpolation_max_minutes, exact then round4. */
class LinearInterpolationTest {
    static final VeeParameters P = VeeParameters.defaults();

    static long s(String v) {
        return Fixed.round4(new BigDecimal(v));
    }

    @Test
    void limitIsInMinutesForEveryIntervalLength() {
        assertTrue(LinearInterpolation.applies(24, 5, true, true, P));
        assertFalse(LinearInterpolation.applies(25, 5, true, true, P));
        assertTrue(LinearInterpolation.applies(4, 30, true, true, P));
        assertFalse(LinearInterpolation.applies(5, 30, true, true, P));
        assertFalse(LinearInterpolation.applies(3, 60, true, true, P));
        assertFalse(LinearInterpolation.applies(1, 15, false, false, P));
        assertTrue(LinearInterpolation.applies(1, 15, true, true, P.withInterpolationMaxMinutes(15)));
        assertFalse(LinearInterpolation.applies(2, 15, true, true, P.withInterpolationMaxMinutes(15)));
    }

    @Test
    void estimatesAreRoundedOnceFromTheExactLine() {
        // a = 0.0001, b = 0.0002, n = 2: 0.000133.. -> 0.0001, 0.000166.. -> 0.0002
        assertArrayEquals(new long[] {s("0.0001"), s("0.0002")}, LinearInterpolation.estimates(s("0.0001"),
                s("0.0002"), 2));
        // equal endpoints give a flat line
        assertArrayEquals(new long[] {s("2.5"), s("2.5"), s("2.5")}, LinearInterpolation.estimates(s("2.5"),
                s("2.5"), 3));
        // exhaustive comparison with BigDecimal for a descending line and n = 7
        long a = s("12.3457");
        long b = s("0.0011");
        int n = 7;
        for (int k = 1; k <= n; k++) {
            BigDecimal ad = Fixed.toDecimal(a);
            BigDecimal exact = ad.add(Fixed.toDecimal(b).subtract(ad).multiply(BigDecimal.valueOf(k))
                    .divide(BigDecimal.valueOf(n + 1), 20, RoundingMode.UNNECESSARY));
            assertEquals(exact.setScale(4, RoundingMode.HALF_UP), Fixed.toDecimal(LinearInterpolation.estimate(a, b, k,
                    n)), "k=" + k);
        }
        // an exact half (0.00005 step) rounds up: a = 0, b = 0.0001, n = 1 -> 0.00005 -> 0.0001
        assertEquals(s("0.0001"), LinearInterpolation.estimate(0, s("0.0001"), 1, 1));
    }
}
