package energy.mdma.vee.engine;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
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

class RegisterEngineTest {
    static final VeeParameters P = VeeParameters.defaults();
    static final Instant LATER = t("2030-01-01T00:00Z");
    static final List<LocalDate> DATES = List.of(LocalDate.of(2025, 10, 23), LocalDate.of(2025, 11, 24),
            LocalDate.of(2025, 12, 23));

    static ChannelConfig reg(int dials, String mm) {
        return new ChannelConfig("N1", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, new BigDecimal(mm), 0, dials);
    }

    static DialReading r(String time, long v) {
        return new DialReading(t(time), v);
    }

    @Test
    void rolloverThenReversedReadEstimatedByAdu() {
        List<EvaluatedPeriod> rs = ChannelEvaluator.evaluate(reg(4, "1"), DATES, null,
                List.of(r("2025-10-23T11:36-07:00", 9700), r("2025-11-24T15:53-08:00", 339),
                        r("2025-12-23T11:04-08:00", 189)), P, LATER);
        EvaluatedPeriod p1 = rs.get(0);
        assertEquals(new BigDecimal("639"), p1.total());
        assertEquals("QD", p1.totalCode());
        assertEquals(Map.of("ROLLOVER", 1), p1.failurePoints());
        EvaluatedPeriod p2 = rs.get(1);
        assertEquals(0, new BigDecimal("579").compareTo(p2.total()));
        assertEquals("KA", p2.totalCode());
        assertEquals(918L, p2.registerEnd());
        assertTrue(p2.registerEndEstimated());
        assertEquals(189L, p2.readingReceived());
        assertEquals(t("2025-12-23T11:04-08:00"), p2.registerEndTime());
        assertEquals(Map.of("REVERSED_READ", 1), p2.failurePoints());
    }

    @Test
    void missingReadWithoutPreviousPeriodHoldsTheChain() {
        List<LocalDate> dates = List.of(LocalDate.of(2025, 10, 20), LocalDate.of(2025, 11, 20),
                LocalDate.of(2025, 12, 22), LocalDate.of(2026, 1, 21));
        List<EvaluatedPeriod> rs = ChannelEvaluator.evaluate(reg(5, "1"), dates, null,
                List.of(r("2025-10-20T10:39-07:00", 51975), r("2025-12-22T12:16-08:00", 52984),
                        r("2026-01-21T12:00-08:00", 53100)), P, LATER);
        assertTrue(rs.get(0).held());
        assertEquals(Map.of("ESTIMATION_FAILED", 1, "MISSING_READ", 1), rs.get(0).failurePoints());
        assertEquals(51975L, rs.get(0).registerStart());
        assertNull(rs.get(0).registerEnd());
        assertTrue(rs.get(1).held());
        assertEquals(Map.of("ESTIMATION_FAILED", 1), rs.get(1).failurePoints());
        assertNull(rs.get(1).registerStart());
        assertEquals(52984L, rs.get(1).registerEnd());
        assertNull(rs.get(1).total());
        // the valid reading serves as r' for the next period; no HIGH/LOW without a previous usage
        assertFalse(rs.get(2).held());
        assertEquals(new BigDecimal("116"), rs.get(2).total());
        assertEquals(Map.of(), rs.get(2).failurePoints());
    }

    @Test
    void dialsReadingEstimatedAndWrapped() {
        List<LocalDate> dates = List.of(LocalDate.of(2025, 10, 20), LocalDate.of(2025, 11, 20),
                LocalDate.of(2025, 12, 22));
        List<EvaluatedPeriod> rs = ChannelEvaluator.evaluate(reg(5, "10"), dates, null,
                List.of(r("2025-10-20T10:07-07:00", 98663), r("2025-11-20T09:39-08:00", 99503),
                        r("2025-12-22T15:54-08:00", 123456)), P, LATER);
        assertEquals(0, new BigDecimal("8400").compareTo(rs.get(0).total()));
        EvaluatedPeriod p2 = rs.get(1);
        assertEquals(0, new BigDecimal("8670").compareTo(p2.total()));
        assertEquals(370L, p2.registerEnd());
        assertEquals(Map.of("DIALS", 1), p2.failurePoints());
        assertEquals("KA", p2.totalCode());
    }

    @Test
    void dialsOnFirstReadDateIsReportedOnTheFirstPeriod() {
        List<EvaluatedPeriod> rs = ChannelEvaluator.evaluate(reg(5, "1"), DATES, null,
                List.of(r("2025-10-23T11:36-07:00", 100000), r("2025-11-24T15:53-08:00", 339),
                        r("2025-12-23T11:04-08:00", 500)), P, LATER);
        assertTrue(rs.get(0).held());
        assertEquals(Map.of("DIALS", 1, "ESTIMATION_FAILED", 1), rs.get(0).failurePoints());
        assertNull(rs.get(0).registerStart());
        assertEquals(339L, rs.get(0).registerEnd());
        assertEquals(new BigDecimal("161"), rs.get(1).total());
    }

    @Test
    void zeroAndHighLowWarnings() {
        List<EvaluatedPeriod> rs = ChannelEvaluator.evaluate(reg(5, "1"), DATES, null,
                List.of(r("2025-10-23T12:46-07:00", 33015), r("2025-11-24T08:41-08:00", 33498),
                        r("2025-12-23T09:27-08:00", 33498)), P, LATER);
        assertEquals(Map.of(), rs.get(0).failurePoints());
        assertEquals(Map.of("LOW_USAGE", 1, "ZERO_USAGE", 1), rs.get(1).failurePoints());
        assertEquals("QD", rs.get(1).totalCode());
    }

    @Test
    void missingReadIsNotDueBeforeTheDeadline() {
        List<DialReading> regs = List.of(r("2025-10-23T12:46-07:00", 33015), r("2025-11-24T08:41-08:00", 33498));
        EvaluatedPeriod early = ChannelEvaluator.evaluate(reg(5, "1"), DATES, null, regs, P,
                t("2025-12-24T01:00-08:00")).get(1);
        assertFalse(early.complete());
        assertEquals(Map.of(), early.failurePoints());
        EvaluatedPeriod late = ChannelEvaluator.evaluate(reg(5, "1"), DATES, null, regs, P,
                t("2025-12-24T02:00-08:00")).get(1);
        assertTrue(late.complete());
        assertEquals(Map.of("MISSING_READ", 1), late.failurePoints());
        assertEquals("KA", late.totalCode());
        // 483 / 32 = 15.09375 -> 15.09; x 29 = 437.61 -> 437
        assertEquals(0, new BigDecimal("437").compareTo(late.total()));
        assertEquals(33935L, late.registerEnd());
    }
}
