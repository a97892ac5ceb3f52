package energy.mdma.vee.rules;

import energy.mdma.events.NercHolidays;

import energy.mdma.vee.model.DayType;
import energy.mdma.vee.model.VeeParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * Day types and reference-day selection (vee-rules.md section 3): the reference days of D are the
 * most recent like_day_count clean like days among D-like_day_lookback_days .. D-1.
 */
public final class LikeDays {
    private static final long FIRST_DAY = LocalDate.of(1900, 1, 1).toEpochDay();
    private static final int CHUNK_BITS = 9;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** The day type of every day from 1900 to 2299, in chunks, computed on first use (holidays take date arithmetic). */
    private static final AtomicReferenceArray<DayType[]> TYPES = new AtomicReferenceArray<>(
            (int) ((LocalDate.of(2300, 1, 1).toEpochDay() - FIRST_DAY) >> CHUNK_BITS) + 1);

    private LikeDays() {
    }

    public static DayType dayType(LocalDate d) {
        return dayType(d.toEpochDay());
    }

    /** The day type of the day {@code epochDay} ({@link LocalDate#toEpochDay()}). */
    public static DayType dayType(long epochDay) {
        long i = epochDay - FIRST_DAY;
        if (i < 0 || (i >> CHUNK_BITS) >= TYPES.length()) {
            return computeDayType(LocalDate.ofEpochDay(epochDay));
        }
        int n = (int) (i >> CHUNK_BITS);
        DayType[] types = TYPES.get(n);
        if (types == null) {
            long first = FIRST_DAY + ((long) n << CHUNK_BITS);
            types = new DayType[CHUNK];
            for (int k = 0; k < CHUNK; k++) {
                types[k] = computeDayType(LocalDate.ofEpochDay(first + k));
            }
            TYPES.compareAndSet(n, null, types);
        }
        return types[(int) (i & (CHUNK - 1))];
    }

    private static DayType computeDayType(LocalDate d) {
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
