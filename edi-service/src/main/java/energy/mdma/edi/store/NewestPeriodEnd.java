package energy.mdma.edi.store;

import java.time.LocalDate;

/**
 * The value of {@code edi-newest-period-end}, under {@link #KEY}: the newest period end of a result with data a task
 * has received, the data's today from which the correction horizon is counted.
 */
public record NewestPeriodEnd(LocalDate periodEnd) {
    /** The one key of the store: a task keeps one newest period end. */
    public static final String KEY = "newest-period-end";
}
