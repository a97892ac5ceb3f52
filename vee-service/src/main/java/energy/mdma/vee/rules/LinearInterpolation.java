package energy.mdma.vee.rules;

import energy.mdma.vee.model.VeeParameters;

/**
 * Linear interpolation (LIN, vee-rules.md section 3): for a gap of n intervals with usable endpoints
 * a (before) and b (after), {@code estimate_k = round4(a + (b - a) * k / (n + 1))}, k = 1..n.
 */
public final class LinearInterpolation {
    private LinearInterpolation() {
    }

    /** @return whether LIN is the primary method for the gap (short enough and both endpoints usable). */
    public static boolean applies(int n, int intervalMinutes, boolean beforeUsable, boolean afterUsable,
            VeeParameters p) {
        return beforeUsable && afterUsable && (long) n * intervalMinutes <= p.interpolationMaxMinutes();
    }

    /** @return estimate k (1..n) as a scaled long; a and b are scaled longs (scale 4). Exact then round4. */
    public static long estimate(long a, long b, int k, int n) {
        long den = n + 1L;
        return Fixed.divRoundHalfUp(a * den + (b - a) * k, den);
    }

    /** @return all n estimates. */
    public static long[] estimates(long a, long b, int n) {
        long[] r = new long[n];
        for (int k = 1; k <= n; k++) {
            r[k - 1] = estimate(a, b, k, n);
        }
        return r;
    }
}
