package energy.mdma.edi.decision;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.PeriodState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The correction horizon (root README "Correction horizon") as edi counts it. */
class CorrectionHorizonRulesTest {
    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    final CorrectionHorizon horizon = new CorrectionHorizon(90, LA);

    @Test
    void countedBackFromTheNewestPeriodEndWithDataByTheHorizonAndTheSlack() {
        long newest = LocalDate.parse("2025-12-29").toEpochDay();
        long wallClock = Instant.parse("2026-02-01T08:00:00Z").toEpochMilli();
        assertEquals(LocalDate.parse("2025-06-30"), horizon.firstOpenPeriodEnd(newest, wallClock), "2025-12-29 - 182 days");
        assertTrue(CorrectionHorizon.isFinal(LocalDate.parse("2025-06-29"), LocalDate.parse("2025-06-30")));
        assertFalse(CorrectionHorizon.isFinal(LocalDate.parse("2025-06-30"), LocalDate.parse("2025-06-30")));
    }

    @Test
    void notLaterThanTheWallClocksDateInThePrevailingZoneAndNothingFinalWithoutData() {
        long future = LocalDate.parse("2030-01-01").toEpochDay();
        // 2026-01-01T07:59Z is still 2025-12-31 in Los Angeles
        long wallClock = Instant.parse("2026-01-01T07:59:00Z").toEpochMilli();
        assertEquals(LocalDate.parse("2025-12-31").minusDays(182), horizon.firstOpenPeriodEnd(future, wallClock));
        assertEquals(CorrectionHorizon.NOTHING_FINAL, horizon.firstOpenPeriodEnd(CorrectionHorizon.NO_DATA, wallClock));
    }

    @Test
    void onlyResultsWithDataMoveTodayAndAnOlderVersionChangesNothing() {
        ResultHeader empty = ResultHeader.of(result(0, null, 1));
        ResultHeader intervals = ResultHeader.of(result(5, null, 2));
        ResultHeader register = ResultHeader.of(result(0, 123L, 1));
        long before = LocalDate.parse("2025-01-01").toEpochDay();
        assertEquals(before, CorrectionHorizon.newestPeriodEnd(before, empty));
        assertEquals(LocalDate.parse("2025-11-20").toEpochDay(), CorrectionHorizon.newestPeriodEnd(before, intervals));
        assertEquals(LocalDate.parse("2025-11-20").toEpochDay(), CorrectionHorizon.newestPeriodEnd(before, register));
        long later = LocalDate.parse("2026-01-01").toEpochDay();
        assertEquals(later, CorrectionHorizon.newestPeriodEnd(later, intervals), "never backwards");
        assertTrue(CorrectionHorizon.supersedes(null, empty));
        assertTrue(CorrectionHorizon.supersedes(empty, intervals));
        assertTrue(CorrectionHorizon.supersedes(empty, register), "the same version again is taken");
        assertFalse(CorrectionHorizon.supersedes(intervals, empty));
    }

    static ChannelPeriodResult result(int actual, Long registerEnd, int version) {
        return ChannelPeriodResult.newBuilder().setMeterId("M1").setChannel(1).setServiceAccount("A")
                .setUom(energy.mdma.events.Uom.KWH).setPeriodStart(LocalDate.parse("2025-10-20"))
                .setPeriodEnd(LocalDate.parse("2025-11-20")).setVersion(version).setState(PeriodState.COMPLETE)
                .setIntervalMinutes(0).setUsage(List.of()).setQuality(List.of()).setIntervalsExpected(0)
                .setIntervalsActual(actual).setIntervalsEstimated(0).setTotalEstimated(false).setRegisterEnd(registerEnd)
                .setFailurePoints(Map.of()).setComputedAt(Instant.EPOCH).setChangedBy("vee").build();
    }
}
