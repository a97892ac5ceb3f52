package energy.mdma.vee.rules;

import energy.mdma.vee.model.DayType;
import energy.mdma.vee.model.VeeParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Day types and reference-day selection (vee-rules.md section 3): the reference days of D are the
 * most recent like_day_count clean like days among D-like_day_lookback_days .. D-1.
 */
public final class LikeDays {
    private LikeDays() {
    }

    public static DayType dayType(LocalDate d) {
        if (d.getDayOfWeek() == DayOfWeek.SUNDAY || NercHolidays.isHoliday(d)) {
            return DayType.SUNDAY_HOLIDAY;
        }
        return d.getDayOfWeek() == DayOfWeek.SATURDAY ? DayType.SATURDAY : DayType.WEEKDAY;
    }

    /**
     * @param clean whether a day is clean for the channel
     * @return the reference days of {@code day}, most recent first (possibly fewer than like_day_count)
     */
    public static List<LocalDate> referenceDays(LocalDate day, Predicate<LocalDate> clean, VeeParameters p) {
        DayType type = dayType(day);
        List<LocalDate> refs = new ArrayList<>(p.likeDayCount());
        for (int back = 1; back <= p.likeDayLookbackDays() && refs.size() < p.likeDayCount(); back++) {
            LocalDate d = day.minusDays(back);
            if (dayType(d) == type && clean.test(d)) {
                refs.add(d);
            }
        }
        return refs;
    }
}
