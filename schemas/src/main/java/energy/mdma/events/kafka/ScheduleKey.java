package energy.mdma.events.kafka;

import java.time.LocalDate;

/** The key of {@code mdma.schedules}: {@code readCycle:readDate} (read date {@code YYYY-MM-DD}). */
public record ScheduleKey(String readCycle, LocalDate readDate) {
    static final char SEP = ':';

    public ScheduleKey {
        if (readCycle == null || readCycle.isEmpty()) {
            throw new IllegalArgumentException("a schedule key needs a read cycle");
        }
        if (readDate == null) {
            throw new IllegalArgumentException("a schedule key of read cycle " + readCycle + " needs a read date");
        }
    }

    public String format() {
        return readCycle + SEP + readDate;
    }

    /** The inverse of {@link #format()} (the date follows the last colon: a cycle may hold one). */
    public static ScheduleKey parse(String key) {
        int sep = key.lastIndexOf(SEP);
        if (sep <= 0) {
            throw new IllegalArgumentException("not a schedule key (readCycle:YYYY-MM-DD): '" + key + "'");
        }
        return new ScheduleKey(key.substring(0, sep), LocalDate.parse(key.substring(sep + 1)));
    }

    /** The start of the keys of every read date of a cycle (they sort by date). */
    public static String cyclePrefix(String readCycle) {
        return readCycle + SEP;
    }

    @Override
    public String toString() {
        return format();
    }
}
