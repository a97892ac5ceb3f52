package energy.mdma.timeliness;

import energy.mdma.events.NercHolidays;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The holidays that are no working days (timeliness.md: "Monday to Friday, less the holidays of
 * vee-rules.md"; the calendar is configurable).
 *
 * <p>The default is the NERC calendar of vee-rules.md section 3 ({@link NercHolidays}, shared with VEE's
 * like days).
 *
 * <p>Immutable. {@link #plus}/{@link #minus} add or take out single dates, {@link #of} replaces the
 * rule set by an explicit list, {@link #parse} reads a configuration string.
 */
public final class HolidayCalendar {

    private final boolean nerc;
    private final Set<LocalDate> added;
    private final Set<LocalDate> removed;

    private HolidayCalendar(boolean nerc, Set<LocalDate> added, Set<LocalDate> removed) {
        this.nerc = nerc;
        this.added = Collections.unmodifiableSet(new TreeSet<>(added));
        this.removed = Collections.unmodifiableSet(new TreeSet<>(removed));
    }

    /** The NERC holidays of vee-rules.md, every year. */
    public static HolidayCalendar nerc() {
        return new HolidayCalendar(true, Set.of(), Set.of());
    }

    /** Exactly these dates, no rule (replaces the NERC calendar). */
    public static HolidayCalendar of(Collection<LocalDate> dates) {
        return new HolidayCalendar(false, new TreeSet<>(dates), Set.of());
    }

    /** No holidays at all: working days are Monday to Friday. */
    public static HolidayCalendar none() {
        return of(Set.of());
    }

    /**
     * Reads a configuration string: comma separated tokens; {@code NERC} starts from the NERC
     * calendar (otherwise from none), {@code YYYY-MM-DD} or {@code +YYYY-MM-DD} adds a date,
     * {@code -YYYY-MM-DD} takes one out, {@code NONE} alone means no holidays. Blank means NERC. Examples: {@code "NERC,+2025-12-24"},
     * {@code "2025-01-01,2025-12-25"} (only those two).
     */
    public static HolidayCalendar parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return nerc();
        }
        boolean base = false;
        Set<LocalDate> plus = new TreeSet<>();
        Set<LocalDate> minus = new TreeSet<>();
        for (String raw : spec.split(",")) {
            String t = raw.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                if (t.equalsIgnoreCase("NERC")) {
                    base = true;
                } else if (t.equalsIgnoreCase("NONE")) {
                    continue;
                } else if (t.startsWith("-")) {
                    minus.add(LocalDate.parse(t.substring(1).trim()));
                } else if (t.startsWith("+")) {
                    plus.add(LocalDate.parse(t.substring(1).trim()));
                } else {
                    plus.add(LocalDate.parse(t));
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("holiday calendar: '" + t
                        + "' is neither NERC nor a date YYYY-MM-DD (optionally prefixed + or -)", e);
            }
        }
        plus.removeAll(minus);
        return new HolidayCalendar(base, plus, minus);
    }

    /** This calendar with these dates added as holidays. */
    public HolidayCalendar plus(Collection<LocalDate> dates) {
        Set<LocalDate> a = new TreeSet<>(added);
        a.addAll(dates);
        Set<LocalDate> r = new TreeSet<>(removed);
        r.removeAll(dates);
        return new HolidayCalendar(nerc, a, r);
    }

    /** This calendar with these dates no holidays (they become working days when Monday to Friday). */
    public HolidayCalendar minus(Collection<LocalDate> dates) {
        Set<LocalDate> a = new TreeSet<>(added);
        a.removeAll(dates);
        Set<LocalDate> r = new TreeSet<>(removed);
        r.addAll(dates);
        return new HolidayCalendar(nerc, a, r);
    }

    public boolean isHoliday(LocalDate date) {
        if (removed.contains(date)) {
            return false;
        }
        return added.contains(date) || (nerc && NercHolidays.isHoliday(date));
    }

    /** Monday to Friday and no holiday. */
    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !isHoliday(date);
    }

    /** The k-th working day strictly after {@code date} (k >= 1). */
    public LocalDate workingDayAfter(LocalDate date, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        LocalDate d = date;
        int found = 0;
        while (found < k) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                found++;
            }
        }
        return d;
    }

    /** The NERC holidays (observed dates) of one year, in order. */
    public static Set<LocalDate> nercHolidays(int year) {
        return NercHolidays.ofYear(year);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HolidayCalendar h && h.nerc == nerc && h.added.equals(added) && h.removed.equals(removed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nerc, added, removed);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(nerc ? "NERC" : "");
        added.forEach(d -> b.append(b.length() == 0 ? "" : ",").append('+').append(d));
        removed.forEach(d -> b.append(b.length() == 0 ? "" : ",").append('-').append(d));
        return b.length() == 0 ? "NONE" : b.toString();
    }
}
