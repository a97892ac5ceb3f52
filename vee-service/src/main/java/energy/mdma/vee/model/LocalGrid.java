package energy.mdma.vee.model;

import energy.mdma.events.PrevailingTime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The interval grid of local days in {@code America/Los_Angeles}: a local day of a channel with
 * interval length {@code im} holds the intervals ending after its start-of-day instant up to and
 * including the start of the next day (the interval ending at local midnight belongs to the day
 * before). Positions are 0-based within the day. A 15-minute day has 96 intervals, 92 on the
 * spring-forward day and 100 on the fall-back day.
 */
public final class LocalGrid {
    /** The zone of all local days, times and dates. */
    public static final ZoneId ZONE = PrevailingTime.ZONE;

    private static final long FIRST_DAY = LocalDate.of(1900, 1, 1).toEpochDay();
    private static final int CHUNK_BITS = 9;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /**
     * The start of every local day (epoch seconds) from 1900 to 2299, in chunks of {@value #CHUNK} days (each with the
     * start of the day after its last at its end), computed on first use: the zone rules are consulted once per day,
     * not at every call (the engine asks for the start and length of every day it evaluates, every time).
     */
    private static final AtomicReferenceArray<long[]> STARTS = new AtomicReferenceArray<>(
            (int) ((LocalDate.of(2300, 1, 1).toEpochDay() - FIRST_DAY) >> CHUNK_BITS) + 1);

    private LocalGrid() {
    }

    public static Instant startOfDay(LocalDate day) {
        return Instant.ofEpochSecond(startOfDaySecond(day.toEpochDay()));
    }

    /** @return the start of the local day {@code epochDay} ({@link LocalDate#toEpochDay()}), epoch seconds. */
    public static long startOfDaySecond(long epochDay) {
        long i = epochDay - FIRST_DAY;
        if (i < 0 || (i >> CHUNK_BITS) >= STARTS.length()) {
            return LocalDate.ofEpochDay(epochDay).atStartOfDay(ZONE).toEpochSecond();
        }
        return chunk((int) (i >> CHUNK_BITS))[(int) (i & (CHUNK - 1))];
    }

    /** @return the number of intervals of the local day. */
    public static int intervalsPerDay(LocalDate day, int intervalMinutes) {
        return intervalsPerDay(day.toEpochDay(), intervalMinutes);
    }

    /** @return the number of intervals of the local day {@code epochDay}. */
    public static int intervalsPerDay(long epochDay, int intervalMinutes) {
        long i = epochDay - FIRST_DAY;
        long seconds;
        if (i < 0 || (i >> CHUNK_BITS) >= STARTS.length()) {
            seconds = startOfDaySecond(epochDay + 1) - startOfDaySecond(epochDay);
        } else {
            long[] c = chunk((int) (i >> CHUNK_BITS));
            int k = (int) (i & (CHUNK - 1));
            seconds = c[k + 1] - c[k];
        }
        return (int) (seconds / 60 / intervalMinutes);
    }

    private static long[] chunk(int n) {
        long[] c = STARTS.get(n);
        if (c == null) {
            long first = FIRST_DAY + ((long) n << CHUNK_BITS);
            c = new long[CHUNK + 1];
            for (int k = 0; k <= CHUNK; k++) {
                c[k] = LocalDate.ofEpochDay(first + k).atStartOfDay(ZONE).toEpochSecond();
            }
            // published through the array's volatile semantics; a racing thread computes the same values
            STARTS.compareAndSet(n, null, c);
        }
        return c;
    }

    /** @return end instant of the interval at position {@code pos} (0-based) of the day. */
    public static Instant endOf(LocalDate day, int pos, int intervalMinutes) {
        return Instant.ofEpochSecond(startOfDaySecond(day.toEpochDay()) + 60L * intervalMinutes * (pos + 1));
    }

    /** @return the local day an interval ending at {@code end} belongs to. */
    public static LocalDate dayOf(Instant end) {
        long second = end.getEpochSecond();
        if (end.getNano() == 0) {
            long day = dayOfEndSecond(second);
            if (day != Long.MIN_VALUE) {
                return LocalDate.ofEpochDay(day);
            }
        }
        ZonedDateTime z = end.atZone(ZONE);
        LocalDate d = z.toLocalDate();
        return z.toLocalTime().equals(LocalTime.MIDNIGHT) ? d.minusDays(1) : d;
    }

    /**
     * The epoch day of the local day holding the interval that ends at {@code endSecond} (after the day's start, up to
     * and including the next day's start), read from the table of day starts rather than the zone rules (vee asked
     * the rules for every block it stored: 5% of its stream thread in ./mdma bench); {@link Long#MIN_VALUE} outside
     * the table's years.
     */
    private static long dayOfEndSecond(long endSecond) {
        // the zone is 7 or 8 hours behind UTC: the guess is the day or the one next to it
        long day = Math.floorDiv(endSecond - 1 - 8 * 3600, 86_400);
        long i = day - FIRST_DAY;
        if (i < 1 || ((i + 2) >> CHUNK_BITS) >= STARTS.length()) {
            return Long.MIN_VALUE;
        }
        while (startOfDaySecond(day) >= endSecond) {
            day--;
        }
        while (startOfDaySecond(day + 1) < endSecond) {
            day++;
        }
        return day;
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
        // the day that holds the second: the day of an interval ending a second later (day starts are whole seconds)
        long day = dayOfEndSecond(instant.getEpochSecond() + 1); // Instant's seconds end far below Long.MAX_VALUE
        return day != Long.MIN_VALUE ? LocalDate.ofEpochDay(day) : instant.atZone(ZONE).toLocalDate();
    }
}
