package energy.mdma.timeliness;

import energy.mdma.events.CohortStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The figures of one cohort as of one instant (Java side; {@link CohortView} is the JSON side).
 *
 * @param key         the cohort
 * @param obligations number of obligations (meter, read date) of the cohort
 * @param met         deadline k -> obligations met by deadline k (and by the evaluation instant)
 * @param percent     deadline k -> share met, in percent, rounded down to 2 decimals (so that a shown
 *                    percent at or above the target means the target is met)
 * @param target      deadline k -> target percent
 * @param status      deadline k -> MET, MISSED, AT_RISK or IN_PROGRESS
 * @param deadlines   deadline k -> its instant
 * @param late        the obligations not met yet, by meter id
 */
public record Cohort(CohortKey key, int obligations, Map<Integer, Integer> met, Map<Integer, BigDecimal> percent,
                     Map<Integer, BigDecimal> target, Map<Integer, CohortStatus> status,
                     Map<Integer, Deadline> deadlines, List<Late> late) {

    /** An obligation not met yet; {@code expectedBy} is null when no time can be told. */
    public record Late(String meterId, String serviceAccount, String esp, Instant expectedBy) {
    }

    /** Share met in percent, rounded down to 2 decimals. */
    static BigDecimal percent(int met, int obligations) {
        if (obligations == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(met).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(obligations), 2, RoundingMode.DOWN);
    }

    /** Whether met/obligations reaches target percent, exactly (no rounding). */
    static boolean reaches(int met, int obligations, BigDecimal targetPercent) {
        return BigDecimal.valueOf(met).multiply(BigDecimal.valueOf(100))
                .compareTo(targetPercent.multiply(BigDecimal.valueOf(obligations))) >= 0;
    }

    /**
     * timeliness.md: MET when the share met reaches the target (before the deadline too: it can then
     * only go down if obligations are added); otherwise MISSED once the deadline has passed; AT_RISK when
     * it is less than {@code atRiskWindow} away; IN_PROGRESS before that.
     */
    static CohortStatus status(int met, int obligations, BigDecimal target, Deadline deadline, Instant now,
                               Duration atRiskWindow) {
        if (reaches(met, obligations, target)) {
            return CohortStatus.MET;
        }
        if (deadline.passed(now)) {
            return CohortStatus.MISSED;
        }
        if (Duration.between(now, deadline.at()).compareTo(atRiskWindow) < 0) {
            return CohortStatus.AT_RISK;
        }
        return CohortStatus.IN_PROGRESS;
    }

    /** Whether deadline k has passed at {@code now}, making the figure for k final. */
    public boolean isFinal(int k, Instant now) {
        return deadlines.get(k).passed(now);
    }
}
