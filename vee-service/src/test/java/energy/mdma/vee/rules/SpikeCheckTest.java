package energy.mdma.vee.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import energy.mdma.vee.model.InvalidReason;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Edge cases of the spike check (vee-rules.md section 2). */
class SpikeCheckTest {
    static final VeeParameters P = VeeParameters.defaults();

    static long s(String v) {
        return Fixed.round4(new BigDecimal(v));
    }

    /** Values "x" (valid), "x!" (received with another invalid reason), null (MISSING). */
    private static int spike(int from, int to, String... values) {
        long[] u = new long[values.length];
        boolean[] rec = new boolean[values.length];
        byte[] reason = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v == null) {
                reason[i] = InvalidReason.MISSING.code();
                continue;
            }
            rec[i] = true;
            if (v.endsWith("!")) {
                v = v.substring(0, v.length() - 1);
                reason[i] = InvalidReason.TEST_MODE.code();
            }
            u[i] = s(v);
        }
        return SpikeCheck.findSpike(u, rec, reason, from, to, P);
    }

    private static int spike(String... values) {
        return spike(0, values.length, values);
    }

    @Test
    void intervalsWithAnInvalidReasonAreNoCandidates() {
        // the 100 (test mode) is neither max nor second: 1.5 > 3 x 0.3
        assertEquals(1, spike("0.3", "1.5", "100!", "0.1"));
        // with the invalid one left out only one candidate remains: no spike
        assertEquals(-1, spike("100!", "1.5", null));
    }

    @Test
    void spikeMinIsInclusiveAndRatioIsStrict() {
        // max = spike_min exactly: 1.0 > 3 x 0.3333 = 0.9999
        assertEquals(0, spike("1.0", "0.3333", "0.1"));
        // 1.0 > 3 x 0.3334 = 1.0002 is false
        assertEquals(-1, spike("1.0", "0.3334", "0.1"));
    }

    @Test
    void atMostOneSpikeAndTwoLargeValuesHideEachOther() {
        // two outliers: max 5 is not > 3 x 4, and 4 is never checked (only the maximum can be a spike)
        assertEquals(-1, spike("0.1", "5", "0.1", "4", "0.1"));
        // second largest shared by two intervals does not matter
        assertEquals(1, spike("0.2", "3", "0.2", "0.1"));
    }

    @Test
    void onlyTheDaysRangeIsExamined() {
        // the 9 lies outside [1, 4): within the day 1.5 is the spike
        assertEquals(2, spike(1, 4, "9", "0.1", "1.5", "0.2", "0.3"));
        // the 1.5 outside the day is not seen; inside, 0.4 is below spike_min
        assertEquals(-1, spike(0, 3, "0.1", "0.4", "0.1", "1.5"));
    }
}
