package energy.mdma.vee.engine;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import java.time.ZoneId;
import static energy.mdma.vee.engine.Fixtures.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.VeeParameters;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edge cases of non-interval (register) meters, vee-rules.md section 5. */
class RegisterEngineEdgeCasesTest {
    static final VeeParameters P = VeeParameters.defaults();
    static final Instant LATER = t("2030-01-01T00:00Z");
    // four periods of 10 days each
    static final List<LocalDate> DATES = List.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 11),
            LocalDate.of(2025, 1, 21), LocalDate.of(2025, 1, 31), LocalDate.of(2025, 2, 10));

    static ChannelConfig reg(int dials, String mm) {
        return new ChannelConfig("N1", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, new BigDecimal(mm), 0, dials);
    }

    static DialReading r(LocalDate d, long v) {
        return new DialReading(d.atTime(10, 0).atZone(ZoneId.of("America/Los_Angeles")).toInstant(), v);
    }

    static List<EvaluatedPeriod> run(ChannelConfig c, DialReading... regs) {
        return ChannelEvaluator.evaluate(c, DATES, null, List.of(regs), P, LATER);
    }

    @Test
    void reversedReadWithoutPreviousPeriodIsHeldAndBreaksTheChain() {
        List<EvaluatedPeriod> rs = run(reg(5, "1"), r(DATES.get(0), 500), r(DATES.get(1), 400),
                r(DATES.get(2), 600), r(DATES.get(3), 700));
        assertTrue(rs.get(0).held());
        assertEquals(Map.of("REVERSED_READ", 1, "ESTIMATION_FAILED", 1), rs.get(0).failurePoints());
        assertNull(rs.get(0).registerEnd()); // an invalid reading is never the reading for R
        assertEquals(400L, rs.get(0).readingReceived());
        // no r' for the next period: held whatever its reading; the valid reading serves the period after
        assertTrue(rs.get(1).held());
        assertEquals(Map.of("ESTIMATION_FAILED", 1), rs.get(1).failurePoints());
        assertEquals(600L, rs.get(1).registerEnd());
        assertFalse(rs.get(2).held());
        assertEquals(0, new BigDecimal("100").compareTo(rs.get(2).total()));
        assertEquals("QD", rs.get(2).totalCode());
    }

    @Test
    void estimatedReadingServesAsOpeningAndTheActualReadingTruesUp() {
        // P1 1000 in 10 days; P2 missing -> adu 100, e 1000, reading 3000 (KA);
        // P3 actual 3200: usage 200, QD, 20/day < 0.33 x 100 -> LOW against the estimated U'
        List<EvaluatedPeriod> rs = run(reg(5, "1"), r(DATES.get(0), 1000), r(DATES.get(1), 2000),
                r(DATES.get(3), 3200));
        EvaluatedPeriod p2 = rs.get(1);
        assertEquals("KA", p2.totalCode());
        assertEquals(3000L, p2.registerEnd());
        assertTrue(p2.registerEndEstimated());
        assertEquals(Map.of("MISSING_READ", 1), p2.failurePoints());
        EvaluatedPeriod p3 = rs.get(2);
        assertEquals("QD", p3.totalCode());
        assertEquals(3000L, p3.registerStart());
        assertTrue(p3.registerStartEstimated());
        assertEquals(0, new BigDecimal("200").compareTo(p3.total()));
        assertEquals(Map.of("LOW_USAGE", 1), p3.failurePoints());
    }

    @Test
    void rolloverAgainstAnEstimatedOpeningReading() {
        // 4 dials: P1 900 units; P2 missing -> 9000 + 900 = 9900 (estimated); P3 reading 200 -> rolled over, 300
        List<EvaluatedPeriod> rs = run(reg(4, "1"), r(DATES.get(0), 8100), r(DATES.get(1), 9000),
                r(DATES.get(3), 200));
        assertEquals(9900L, rs.get(1).registerEnd());
        assertEquals(Map.of("ROLLOVER", 1), rs.get(2).failurePoints());
        assertEquals(0, new BigDecimal("300").compareTo(rs.get(2).total()));
    }

    @Test
    void estimatedReadingWrapsAndAnEstimatedUsageFeedsTheNextEstimate() {
        // 4 dials, mm 2: P1 (9900 - 9500) x 2 = 800 in 10 days; P2 missing: adu 80, e 800, 400 units,
        // reading (9900 + 400) mod 10^4 = 300; P3 missing again: from U' = 800 (estimated) -> 700
        List<EvaluatedPeriod> rs = run(reg(4, "2"), r(DATES.get(0), 9500), r(DATES.get(1), 9900));
        assertEquals(300L, rs.get(1).registerEnd());
        assertEquals(0, new BigDecimal("800").compareTo(rs.get(1).total()));
        assertEquals(700L, rs.get(2).registerEnd());
        assertEquals("KA", rs.get(2).totalCode());
        assertEquals(Map.of("MISSING_READ", 1), rs.get(2).failurePoints());
    }

    @Test
    void missingReadingOnTheFirstReadDateHoldsTheFirstPeriodOnly() {
        List<EvaluatedPeriod> rs = run(reg(5, "1"), r(DATES.get(1), 2000), r(DATES.get(2), 2100));
        assertTrue(rs.get(0).held());
        assertEquals(Map.of("ESTIMATION_FAILED", 1), rs.get(0).failurePoints()); // no MISSING_READ for R'
        assertEquals(2000L, rs.get(0).registerEnd());
        assertFalse(rs.get(1).held());
        assertEquals(0, new BigDecimal("100").compareTo(rs.get(1).total()));
        assertEquals(Map.of(), rs.get(1).failurePoints()); // previous period held: no HIGH/LOW
    }

    @Test
    void latestReadingOfTheDayCountsEvenWhenInvalid() {
        Instant morning = LocalDate.of(2025, 1, 11).atTime(8, 0).atZone(ZoneId.of("America/Los_Angeles"))
                .toInstant();
        List<EvaluatedPeriod> rs = ChannelEvaluator.evaluate(reg(5, "1"), DATES, null,
                List.of(r(DATES.get(0), 1000), new DialReading(morning, 2000), r(DATES.get(1), 123456)), P, LATER);
        assertEquals(Map.of("DIALS", 1, "ESTIMATION_FAILED", 1), rs.get(0).failurePoints());
        assertTrue(rs.get(0).held());
    }
}
