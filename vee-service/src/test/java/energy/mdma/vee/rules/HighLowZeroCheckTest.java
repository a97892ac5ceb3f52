package energy.mdma.vee.rules;

import energy.mdma.events.Uom;
import static org.junit.jupiter.api.Assertions.assertEquals;

import energy.mdma.vee.model.FailureCode;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Day checks (section 4) and non-interval warnings (section 5 step 5): strict comparisons, exact means. */
class HighLowZeroCheckTest {
    static final VeeParameters P = VeeParameters.defaults();

    static long s(String v) {
        return Fixed.round4(new BigDecimal(v));
    }

    @Test
    void singleReferenceDayBoundaries() {
        long[] one = {s("10")};
        assertEquals(Set.of(), HighLowZeroCheck.dayCheck(Uom.KWH, s("20"), one, P)); // T = 2H: not high
        assertEquals(Set.of(FailureCode.HIGH_USAGE), HighLowZeroCheck.dayCheck(Uom.KWH, s("20.0001"), one, P));
        assertEquals(Set.of(), HighLowZeroCheck.dayCheck(Uom.KWH, s("2.5"), one, P)); // T = 0.25H: not low
        assertEquals(Set.of(FailureCode.LOW_USAGE), HighLowZeroCheck.dayCheck(Uom.KWH, s("2.4999"), one, P));
    }

    @Test
    void zeroUsageOnlyForKwhAndExactZero() {
        assertEquals(Set.of(), HighLowZeroCheck.dayCheck(Uom.KVARH, 0, new long[0], P));
        assertEquals(Set.of(), HighLowZeroCheck.dayCheck(Uom.KWH, 1, new long[0], P)); // 0.0001 is not zero
        // refs with H = 0: neither high nor low, still zero
        assertEquals(Set.of(FailureCode.ZERO_USAGE), HighLowZeroCheck.dayCheck(Uom.KWH, 0, new long[] {0}, P));
    }

    @Test
    void nonIntervalBoundariesUseExactAverages() {
        // A' = 100 / 3 per day (exact); low bound 0.33 * 33.33.. = 11 per day; over 3 days 33 exactly is not low
        assertEquals(Set.of(), HighLowZeroCheck.nonIntervalCheck(new BigDecimal("33"), 3, new BigDecimal("100"), 3, P));
        assertEquals(Set.of(FailureCode.LOW_USAGE),
                HighLowZeroCheck.nonIntervalCheck(new BigDecimal("32.99"), 3, new BigDecimal("100"), 3, P));
        // A' = 10 / 3 (not round2'ed 3.33): high bound exactly 10 per day
        assertEquals(Set.of(), HighLowZeroCheck.nonIntervalCheck(new BigDecimal("300"), 30, new BigDecimal("10"), 3, P));
        assertEquals(Set.of(FailureCode.HIGH_USAGE),
                HighLowZeroCheck.nonIntervalCheck(new BigDecimal("300.01"), 30, new BigDecimal("10"), 3, P));
        // different period lengths: 31 days vs 28 days
        assertEquals(Set.of(FailureCode.HIGH_USAGE),
                HighLowZeroCheck.nonIntervalCheck(new BigDecimal("931"), 31, new BigDecimal("280"), 28, P));
        assertEquals(Set.of(), HighLowZeroCheck.nonIntervalCheck(new BigDecimal("930"), 31, new BigDecimal("280"), 28, P));
    }
}
