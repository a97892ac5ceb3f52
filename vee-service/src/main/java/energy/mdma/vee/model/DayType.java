package energy.mdma.vee.model;

/** Day types for like-day selection (vee-rules.md section 3). */
public enum DayType {
    WEEKDAY,
    SATURDAY,
    SUNDAY_HOLIDAY
}
