package energy.mdma.vee.rules;

import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;

/**
 * Spike check per channel and local day (vee-rules.md section 2): among the received intervals of
 * the day without invalid reason, the one holding the largest usage {@code max} is a SPIKE when
 * {@code max >= spike_min} and {@code max > spike_ratio * second}. Needs at least two candidates;
 * a shared maximum means no spike. Exact decimal comparison.
 */
public final class SpikeCheck {
    private SpikeCheck() {
    }

    /**
     * @param usage    scaled usages (scale 4)
     * @param received received flags
     * @param reason   invalid reason codes (0 = valid)
     * @param from     first index of the day (inclusive)
     * @param to       last index of the day (exclusive)
     * @return the index of the spike, or -1
     */
    public static int findSpike(long[] usage, boolean[] received, byte[] reason, int from, int to, VeeParameters p) {
        int maxIdx = -1;
        long max = Long.MIN_VALUE;
        long second = Long.MIN_VALUE;
        int candidates = 0;
        for (int i = from; i < to; i++) {
            if (!received[i] || reason[i] != 0) {
                continue;
            }
            candidates++;
            long u = usage[i];
            if (maxIdx < 0 || u > max) {
                second = max;
                max = u;
                maxIdx = i;
            } else if (u > second) {
                second = u;
            }
        }
        if (candidates < 2 || second == max) {
            return -1;
        }
        BigDecimal maxD = Fixed.toDecimal(max);
        if (maxD.compareTo(p.spikeMin()) >= 0 && maxD.compareTo(p.spikeRatio().multiply(Fixed.toDecimal(second))) > 0) {
            return maxIdx;
        }
        return -1;
    }
}
