package energy.mdma.events;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * NERC holidays (vee-rules.md section 3; the like days of VEE and the working days of timeliness.md):
 * New Year's Day, Memorial Day (last Monday of May), Independence Day, Labor Day
 * (first Monday of September), Thanksgiving (fourth Thursday of November), Christmas Day. A
 * fixed-date holiday on a Sunday is observed the Monday after; one on a Saturday is not moved.
 */
public final class NercHolidays {
    private NercHolidays() {
    }

    public static boolean isHoliday(LocalDate d) {
        switch (d.getMonth()) {
            case JANUARY:
                return isFixed(d, Month.JANUARY, 1);
            case MAY:
                return d.equals(d.with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)));
            case JULY:
                return isFixed(d, Month.JULY, 4);
            case SEPTEMBER:
                return d.equals(d.with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)));
            case NOVEMBER:
                return d.equals(d.with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)));
            case DECEMBER:
                return isFixed(d, Month.DECEMBER, 25);
            default:
                return false;
        }
    }

    /** The NERC holidays (observed dates) of one year, in order. */
    public static Set<LocalDate> ofYear(int year) {
        Set<LocalDate> out = new TreeSet<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (isHoliday(d)) {
                out.add(d);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** The holiday itself, or the Monday after when it falls on a Sunday. */
    private static boolean isFixed(LocalDate d, Month month, int dayOfMonth) {
        LocalDate h = LocalDate.of(d.getYear(), month, dayOfMonth);
        LocalDate observed = h.getDayOfWeek() == DayOfWeek.SUNDAY ? h.plusDays(1) : h;
        return d.equals(observed);
    }
}
