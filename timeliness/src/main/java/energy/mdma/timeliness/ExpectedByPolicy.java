package energy.mdma.timeliness;

import java.time.Instant;
import java.util.Collection;

/**
 * When the data of a late meter is expected, for the notices and the late list. The default tells
 * the next deadline of the cohort that has not passed yet (so a miss of deadline 1 announces deadline
 * 2), or nothing once the last one has passed. delivery-service may plug in a better guess (for
 * instance from VEE exceptions holding the account back).
 */
@FunctionalInterface
public interface ExpectedByPolicy {

    /**
     * @param meterId        the late meter
     * @param serviceAccount its account
     * @param cohort         the cohort (read date, data type)
     * @param deadlines      the cohort's deadlines, ascending
     * @param now            the evaluation instant
     * @return the instant the data is expected by, or null if unknown
     */
    Instant expectedBy(String meterId, String serviceAccount, CohortKey cohort, Collection<Deadline> deadlines,
                       Instant now);

    /** The next deadline not passed at {@code now}, null once all have passed. */
    ExpectedByPolicy NEXT_DEADLINE = (meterId, account, cohort, deadlines, now) -> {
        for (Deadline d : deadlines) { // asked for every late meter of a cohort: no stream per call
            if (!d.passed(now)) {
                return d.at();
            }
        }
        return null;
    };
}
