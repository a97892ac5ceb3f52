package energy.mdma.vee.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import energy.mdma.vee.model.DayType;
import energy.mdma.vee.model.VeeParameters;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Like days and reference-day selection (vee-rules.md section 3). */
class LikeDaysTest {
    static final VeeParameters P = VeeParameters.defaults();

    @Test
    void saturdayHolidayIsSundayHolidayAndSkippedBySaturdays() {
        LocalDate july4 = LocalDate.of(2026, 7, 4); // Saturday
        assertEquals(DayType.SUNDAY_HOLIDAY, LikeDays.dayType(july4));
        // the next Saturday's references skip the holiday
        assertEquals(List.of(LocalDate.of(2026, 6, 27), LocalDate.of(2026, 6, 20), LocalDate.of(2026, 6, 13)),
                LikeDays.referenceDays(LocalDate.of(2026, 7, 11), d -> true, P));
        // the Sunday after takes the Saturday holiday as its most recent like day
        assertEquals(List.of(july4, LocalDate.of(2026, 6, 28), LocalDate.of(2026, 6, 21)),
                LikeDays.referenceDays(LocalDate.of(2026, 7, 5), d -> true, P));
    }

    @Test
    void weekdayHolidayUsesSundaysAndObservedHolidays() {
        // Labor Day 2025-09-01 (Monday): Sundays 08-31, 08-24, 08-17
        assertEquals(List.of(LocalDate.of(2025, 8, 31), LocalDate.of(2025, 8, 24), LocalDate.of(2025, 8, 17)),
                LikeDays.referenceDays(LocalDate.of(2025, 9, 1), d -> true, P));
        // Tuesday after Labor Day: Monday skipped, the previous week's Fri, Thu
        assertEquals(List.of(LocalDate.of(2025, 8, 29), LocalDate.of(2025, 8, 28), LocalDate.of(2025, 8, 27)),
                LikeDays.referenceDays(LocalDate.of(2025, 9, 2), d -> true, P));
        // Sunday 2025-09-07: Labor Day (a holiday) is its most recent like day
        assertEquals(List.of(LocalDate.of(2025, 9, 1), LocalDate.of(2025, 8, 31), LocalDate.of(2025, 8, 24)),
                LikeDays.referenceDays(LocalDate.of(2025, 9, 7), d -> true, P));
    }

    @Test
    void lookbackIsInclusiveOfDMinus28AndNeverD() {
        LocalDate d = LocalDate.of(2025, 12, 3); // Wednesday
        // only D-28 (a Wednesday) is clean
        assertEquals(List.of(LocalDate.of(2025, 11, 5)),
                LikeDays.referenceDays(d, x -> x.equals(LocalDate.of(2025, 11, 5)) || !x.isBefore(d), P));
        // D-29 is out of range
        assertEquals(List.of(), LikeDays.referenceDays(d, x -> x.equals(LocalDate.of(2025, 11, 4)) || !x.isBefore(d), P));
        // with a lookback of 7 only the last week counts
        VeeParameters week = new VeeParameters(P.spikeRatio(), P.spikeMin(), P.interpolationMaxMinutes(),
                P.likeDayCount(), 7, P.estimationDeadlineDays(), P.estimationDeadlineTime(), P.highFactor(),
                P.lowFactor(), P.sumCheckMinDialUnits(), P.sumCheckPercent(), P.rolloverMaxFraction(),
                P.nonintHighFactor(), P.nonintLowFactor());
        assertEquals(List.of(LocalDate.of(2025, 11, 30)), LikeDays.referenceDays(LocalDate.of(2025, 12, 7), x -> true,
                week));
    }

    @Test
    void fewerCleanLikeDaysThanLikeDayCountAreUsedAsTheyAre() {
        LocalDate d = LocalDate.of(2025, 12, 6); // Saturday
        assertEquals(List.of(LocalDate.of(2025, 11, 22), LocalDate.of(2025, 11, 8)), LikeDays.referenceDays(d,
                x -> x.equals(LocalDate.of(2025, 11, 22)) || x.equals(LocalDate.of(2025, 11, 8)), P));
    }
}
