package energy.mdma.vee.state;

/**
 * The newest local day of data a task has received (epoch day), kept in {@code vee-newest-day} under {@link #KEY}:
 * the data's today, from which the correction horizon is counted.
 */
public record NewestDay(long epochDay) {
    /** The one key of the store: a task keeps one newest day. */
    public static final String KEY = "newest-day";
}
