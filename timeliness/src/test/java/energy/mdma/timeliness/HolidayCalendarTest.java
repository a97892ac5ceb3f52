package energy.mdma.timeliness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HolidayCalendarTest {

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void nercHolidaysOf2025And2026() {
        assertEquals(List.of(d("2025-01-01"), d("2025-05-26"), d("2025-07-04"), d("2025-09-01"), d("2025-11-27"),
                d("2025-12-25")), List.copyOf(HolidayCalendar.nercHolidays(2025)));
        assertEquals(List.of(d("2026-01-01"), d("2026-05-25"), d("2026-07-04"), d("2026-09-07"), d("2026-11-26"),
                d("2026-12-25")), List.copyOf(HolidayCalendar.nercHolidays(2026)));
    }

    @Test
    void fixedDateOnSundayMovesToMondayOnSaturdayStays() {
        HolidayCalendar c = HolidayCalendar.nerc();
        // 2022-12-25 and 2023-01-01 are Sundays
        assertTrue(c.isHoliday(d("2022-12-26")));
        assertTrue(c.isHoliday(d("2023-01-02")));
        assertFalse(c.isWorkingDay(d("2023-01-02")));
        // 2021-12-25 and 2022-01-01 are Saturdays: not moved, the Friday before stays a working day
        assertTrue(c.isWorkingDay(d("2021-12-24")));
        assertTrue(c.isWorkingDay(d("2021-12-31")));
        // 2027-07-04 is a Sunday
        assertTrue(c.isHoliday(d("2027-07-05")));
        assertFalse(c.isHoliday(d("2027-07-02")));
    }

    @Test
    void workingDaysSkipWeekendsAndHolidays() {
        HolidayCalendar c = HolidayCalendar.nerc();
        // Wednesday 2025-12-24: Christmas (Thu) is no working day
        assertEquals(d("2025-12-26"), c.workingDayAfter(d("2025-12-24"), 1));
        assertEquals(d("2025-12-29"), c.workingDayAfter(d("2025-12-24"), 2));
        // 12-26, 12-29, 12-30, 12-31, (01-01 holiday), 01-02
        assertEquals(d("2026-01-02"), c.workingDayAfter(d("2025-12-24"), 5));
        // Friday after Thanksgiving
        assertEquals(d("2025-12-01"), c.workingDayAfter(d("2025-11-28"), 1));
        // a read date on a Saturday
        assertEquals(d("2025-11-03"), c.workingDayAfter(d("2025-11-01"), 1));
        assertThrows(IllegalArgumentException.class, () -> c.workingDayAfter(d("2025-11-01"), 0));
    }

    @Test
    void calendarIsConfigurable() {
        HolidayCalendar extra = HolidayCalendar.nerc().plus(Set.of(d("2025-12-26")));
        assertEquals(d("2025-12-29"), extra.workingDayAfter(d("2025-12-24"), 1));
        HolidayCalendar replaced = HolidayCalendar.of(Set.of(d("2025-11-28")));
        assertTrue(replaced.isWorkingDay(d("2025-12-25")));
        assertFalse(replaced.isWorkingDay(d("2025-11-28")));
        assertEquals(d("2025-12-25"), replaced.workingDayAfter(d("2025-12-24"), 1));
        assertTrue(HolidayCalendar.none().isWorkingDay(d("2025-01-01")));

        assertEquals(extra, HolidayCalendar.parse("NERC, +2025-12-26"));
        assertEquals(replaced, HolidayCalendar.parse("2025-11-28"));
        assertTrue(HolidayCalendar.parse("NERC,-2025-12-25").isWorkingDay(d("2025-12-25")));
        assertEquals(HolidayCalendar.nerc(), HolidayCalendar.parse(" "));
        assertEquals(HolidayCalendar.none(), HolidayCalendar.parse(HolidayCalendar.none().toString()));
        assertEquals(extra, HolidayCalendar.parse(extra.toString()));
        assertThrows(IllegalArgumentException.class, () -> HolidayCalendar.parse("NERC,Christmas"));
    }
}
