package energy.mdma.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NERC holidays (vee-rules.md section 3). */
class NercHolidaysTest {

    private static List<LocalDate> holidays(int year) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (NercHolidays.isHoliday(d)) {
                out.add(d);
            }
        }
        return out;
    }

    @Test
    void exactlySixPerYear() {
        // 2023: New Year on Sunday -> Monday 01-02; Christmas Monday
        assertEquals(List.of(LocalDate.of(2023, 1, 2), LocalDate.of(2023, 5, 29), LocalDate.of(2023, 7, 4),
                LocalDate.of(2023, 9, 4), LocalDate.of(2023, 11, 23), LocalDate.of(2023, 12, 25)), holidays(2023));
        // 2026: Independence Day on Saturday is not moved
        assertEquals(List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 5, 25), LocalDate.of(2026, 7, 4),
                LocalDate.of(2026, 9, 7), LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 25)), holidays(2026));
    }

    @Test
    void thanksgivingIsTheFourthNotTheLastThursday() {
        // November 2018 has five Thursdays (1, 8, 15, 22, 29)
        assertTrue(NercHolidays.isHoliday(LocalDate.of(2018, 11, 22)));
        assertFalse(NercHolidays.isHoliday(LocalDate.of(2018, 11, 29)));
    }

    @Test
    void memorialDayIsTheLastMonday() {
        // May 2021 has five Mondays (3, 10, 17, 24, 31)
        assertTrue(NercHolidays.isHoliday(LocalDate.of(2021, 5, 31)));
        assertFalse(NercHolidays.isHoliday(LocalDate.of(2021, 5, 24)));
        // Labor Day when September starts on a Monday
        assertTrue(NercHolidays.isHoliday(LocalDate.of(2025, 9, 1)));
        assertFalse(NercHolidays.isHoliday(LocalDate.of(2025, 9, 8)));
    }

    @Test
    void sundayHolidaysObservedMondaySaturdayOnesNotMoved() {
        assertTrue(NercHolidays.isHoliday(LocalDate.of(2027, 7, 5))); // July 4 2027 is a Sunday
        assertFalse(NercHolidays.isHoliday(LocalDate.of(2026, 7, 3))); // July 4 2026 is a Saturday
        assertFalse(NercHolidays.isHoliday(LocalDate.of(2027, 12, 24))); // Christmas 2027 is a Saturday
        assertFalse(NercHolidays.isHoliday(LocalDate.of(2027, 12, 31))); // New Year 2028 is a Saturday
        assertTrue(NercHolidays.isHoliday(LocalDate.of(2028, 1, 1)));
    }

    @Test
    void observedAcrossTheTurnOfTheYear() {
        // Christmas 2022 and New Year 2023 on Sundays: the Mondays after
        assertFalse(NercHolidays.isHoliday(LocalDate.of(2022, 12, 25)));
        assertTrue(NercHolidays.isHoliday(LocalDate.of(2022, 12, 26)));
        assertTrue(NercHolidays.isHoliday(LocalDate.of(2023, 1, 2)));
        assertTrue(NercHolidays.isHoliday(LocalDate.of(2021, 7, 5))); // July 4 2021 is a Sunday
        // Christmas 2021 and New Year 2022 on Saturdays: not moved to the Fridays before
        assertTrue(NercHolidays.isHoliday(LocalDate.of(2021, 12, 25)));
        assertFalse(NercHolidays.isHoliday(LocalDate.of(2021, 12, 24)));
        assertTrue(NercHolidays.isHoliday(LocalDate.of(2022, 1, 1)));
        assertFalse(NercHolidays.isHoliday(LocalDate.of(2021, 12, 31)));
    }

    @Test
    void ofYearListsTheObservedDatesInOrder() {
        assertEquals(List.of(LocalDate.of(2022, 1, 1), LocalDate.of(2022, 5, 30), LocalDate.of(2022, 7, 4),
                LocalDate.of(2022, 9, 5), LocalDate.of(2022, 11, 24), LocalDate.of(2022, 12, 26)),
                List.copyOf(NercHolidays.ofYear(2022)));
    }
}
