package energy.mdma.ingest.model;

import energy.mdma.events.PrevailingTime;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Day membership of intervals (vee-rules.md section 0): an interval belongs to the local day in which it
 * ends, except that the interval ending at local midnight belongs to the day before.
 */
public final class LocalDays {
    public static final ZoneId LOS_ANGELES = PrevailingTime.ZONE;

    private LocalDays() {
    }

    /** The local day (America/Los_Angeles) of the interval ending at {@code end} (ends are on whole minutes). */
    public static LocalDate dayOf(Instant end) {
        return dayOf(end, LOS_ANGELES);
    }

    /** As {@link #dayOf(Instant)} for another zone. */
    public static LocalDate dayOf(Instant end, ZoneId zone) {
        // the interval ending at 00:00 belongs to the day before: look at the last second of the interval
        return end.minusSeconds(1).atZone(zone).toLocalDate();
    }
}
