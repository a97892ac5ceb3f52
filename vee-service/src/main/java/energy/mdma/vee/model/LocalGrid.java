package energy.mdma.vee.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The interval grid of local days in {@code America/Los_Angeles}: a local day of a channel with
 * interval length {@code im} holds the intervals ending after its start-of-day instant up to and
 * including the start of the next day (the interval ending at local midnight belongs to the day
 * before). Positions are 0-based within the day. A 15-minute day has 96 intervals, 92 on the
 * spring-forward day and 100 on the fall-back day.
 */
public final class LocalGrid {
    /** The zone of all local days, times and dates. */
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    private LocalGrid() {
    }

    public static Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    /** @return the number of intervals of the local day. */
    public static int intervalsPerDay(LocalDate day, int intervalMinutes) {
        long minutes = Duration.between(startOfDay(day), startOfDay(day.plusDays(1))).toMinutes();
        return (int) (minutes / intervalMinutes);
    }

    /** @return end instant of the interval at position {@code pos} (0-based) of the day. */
    public static Instant endOf(LocalDate day, int pos, int intervalMinutes) {
        return startOfDay(day).plusSeconds(60L * intervalMinutes * (pos + 1));
    }

    /** @return the local day an interval ending at {@code end} belongs to. */
    public static LocalDate dayOf(Instant end) {
        ZonedDateTime z = end.atZone(ZONE);
        LocalDate d = z.toLocalDate();
        return z.toLocalTime().equals(LocalTime.MIDNIGHT) ? d.minusDays(1) : d;
    }

    /**
     * @return the 0-based position of the interval ending at {@code end} within its day
     * @throws IllegalArgumentException when the end is not on the grid
     */
    public static int positionOf(Instant end, int intervalMinutes) {
        LocalDate day = dayOf(end);
        long seconds = Duration.between(startOfDay(day), end).getSeconds();
        long step = 60L * intervalMinutes;
        if (seconds <= 0 || seconds % step != 0) {
            throw new IllegalArgumentException("interval end " + end + " is not on the " + intervalMinutes
                    + "-minute grid");
        }
        return (int) (seconds / step) - 1;
    }

    /** Wall-clock minute of day (0..1439) of an instant; the midnight that closes a day is 0. */
    public static int wallMinuteOfDay(Instant end) {
        LocalTime t = end.atZone(ZONE).toLocalTime();
        return t.getHour() * 60 + t.getMinute();
    }

    /** Local date of an instant (for register readings). */
    public static LocalDate localDate(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }
}
