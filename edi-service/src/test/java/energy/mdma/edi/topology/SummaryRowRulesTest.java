package energy.mdma.edi.topology;

import energy.mdma.edi.decision.AccountPeriodDecision;
import energy.mdma.edi.summary.SummaryCsv;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.events.Uom;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The summary report's field rules (edi-867.md "The summary report") as stage 1 fills a row from a VEE result. */
class SummaryRowRulesTest {
    static MeterEvent meter(int intervalMinutes) {
        return MeterEvent.newBuilder().setServiceAccount("3520876100").setUdcId("SCE").setEspId("ESP01")
                .setCustomerName("X").setMeterId("M5704554").setReadCycle("01").setIntervalMinutes(intervalMinutes)
                .setDials(5).setMeterMultiplier(SampleResults.decimal("1")).build();
    }

    static ChannelPeriodResult.Builder result(PeriodState state, int intervalMinutes) {
        return ChannelPeriodResult.newBuilder().setMeterId("M5704554").setChannel(1).setServiceAccount("3520876100")
                .setUom(Uom.KWH).setPeriodStart(LocalDate.of(2025, 10, 20)).setPeriodEnd(LocalDate.of(2025, 11, 20))
                .setVersion(1).setState(state).setIntervalMinutes(intervalMinutes).setUsage(List.of()).setQuality(List.of())
                .setIntervalsExpected(0).setIntervalsActual(0).setIntervalsEstimated(0).setTotalEstimated(false)
                .setFailurePoints(Map.of()).setComputedAt(Instant.parse("2026-01-01T00:00:00Z")).setChangedBy("vee");
    }

    static String line(ChannelPeriodResult r, MeterEvent m) {
        return AccountPeriodDecision.summaryLines(List.of(AccountPeriodDecision.summaryRow(r, m))).get(0);
    }

    /** intervals_* empty for a non-interval meter; register readings (estimated ones too) shown; KA total shown. */
    @Test
    void nonIntervalMeterHasNoIntervalCountsAndShowsItsReadings() {
        ChannelPeriodResult r = result(PeriodState.COMPLETE, 0).setTotal(5_770_000L).setTotalEstimated(true)
                .setRegisterStart(99_500L).setRegisterEnd(577L).setRegisterEndEstimated(true)
                .setFailurePoints(Map.of("ROLLOVER", 1, "DIALS", 1)).build();
        assertEquals("3520876100,M5704554,1,KWH,2025-10-20,2025-11-20,,,,577,99500,577,DIALS=1;ROLLOVER=1",
                line(r, meter(0)));
    }

    /** A held channel-period: total empty, readings shown when they exist, ESTIMATION_FAILED. */
    @Test
    void heldChannelPeriodHasNoTotalButShowsItsReading() {
        ChannelPeriodResult r = result(PeriodState.HELD, 0).setRegisterStart(51_975L)
                .setFailurePoints(Map.of("MISSING_READ", 1, "ESTIMATION_FAILED", 1)).build();
        assertEquals("3520876100,M5704554,1,KWH,2025-10-20,2025-11-20,,,,,51975,,ESTIMATION_FAILED=1;MISSING_READ=1",
                line(r, meter(0)));
        // a held interval channel-period keeps its counts (expected - actual - estimated = NOT_ESTIMATED)
        ChannelPeriodResult iv = result(PeriodState.HELD, 15).setIntervalsExpected(3072).setIntervalsActual(3066)
                .setIntervalsEstimated(0)
                .setFailurePoints(Map.of("NOT_ESTIMATED", 6, "MISSING", 6, "ESTIMATION_FAILED", 1)).build();
        assertEquals("3520876100,M5704554,1,KWH,2025-10-20,2025-11-20,3072,3066,0,,,,"
                + "ESTIMATION_FAILED=1;MISSING=6;NOT_ESTIMATED=6", line(iv, meter(15)));
    }

    /** "A channel-period that is not held shows its total even when its account-period is held." */
    @Test
    void completeChannelPeriodShowsItsTotalWhateverItsAccountPeriod() {
        ChannelPeriodResult r = result(PeriodState.COMPLETE, 15).setIntervalsExpected(2976).setIntervalsActual(2976)
                .setTotal(0L).build();
        assertEquals("3520876100,M5704554,1,KWH,2025-10-20,2025-11-20,2976,2976,0,0,,,", line(r, meter(15)));
    }

    /** Reading chosen for the unspecified PENDING state (not all intervals due yet): no total until complete. */
    @Test
    void pendingChannelPeriodHasNoTotalYet() {
        ChannelPeriodResult r = result(PeriodState.PENDING, 15).setIntervalsExpected(2976).setIntervalsActual(2000)
                .setTotal(123_4500L).build();
        assertEquals("3520876100,M5704554,1,KWH,2025-10-20,2025-11-20,2976,2000,0,,,,", line(r, meter(15)));
    }

    @Test
    void headerIsTheSpecifiedOne() {
        assertEquals("service_account,meter_id,channel,uom,period_start,period_end,intervals_expected,intervals_actual,"
                + "intervals_estimated,total,register_start,register_end,failure_points", String.join(",", SummaryCsv.HEADER));
    }
}
