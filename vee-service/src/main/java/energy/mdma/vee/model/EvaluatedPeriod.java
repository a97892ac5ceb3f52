package energy.mdma.vee.model;

import energy.mdma.events.Uom;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The VEE result of one channel for one read period P(R) = local days R'..R-1.
 *
 * @param meterId                meter
 * @param channel                channel
 * @param uom                    unit of measure
 * @param periodStart            R'
 * @param periodEnd              R
 * @param held                   ESTIMATION_FAILED: held back until new data or a manual edit
 * @param complete               false while some trailing interval (or, for a non-interval meter, the
 *                               closing reading) is not yet due
 * @param intervals              the intervals (grid points) of the period; null for a non-interval meter
 * @param intervalsExpected      grid points in the period (null for a non-interval meter)
 * @param intervalsActual        received intervals without invalid reason (null for a non-interval meter)
 * @param intervalsEstimated     estimated intervals (null for a non-interval meter)
 * @param intervalsNotEstimated  invalid intervals left without a value (null for a non-interval meter)
 * @param total                  period usage; null when held (a partial sum while not complete)
 * @param totalEstimated         KA (true) or QD (false)
 * @param registerStart          reading for R' (actual or estimated), null when none
 * @param registerStartTime      its read time (interval meters only; null when estimated or none)
 * @param registerStartEstimated whether the reading for R' was estimated
 * @param registerEnd            reading for R (actual valid or estimated), null when none
 * @param registerEndTime        read time of the reading received for R (even when it was invalid), null when none
 * @param registerEndEstimated   whether the reading for R was estimated
 * @param readingReceived        the reading received for R as received (non-interval meters), null when none
 * @param sumCheck               the sum check, null when not made
 * @param failurePoints          failure code -&gt; count (vee-rules.md section 7), sorted by code
 * @param days                   day-level results of the period's days (empty for a non-interval meter)
 */
public record EvaluatedPeriod(String meterId, int channel, Uom uom, LocalDate periodStart, LocalDate periodEnd,
        boolean held, boolean complete, EvaluatedIntervals intervals, Integer intervalsExpected, Integer intervalsActual,
        Integer intervalsEstimated, Integer intervalsNotEstimated, BigDecimal total, boolean totalEstimated,
        Long registerStart, Instant registerStartTime, boolean registerStartEstimated, Long registerEnd,
        Instant registerEndTime, boolean registerEndEstimated, Long readingReceived, SumCheckResult sumCheck,
        SortedMap<String, Integer> failurePoints, List<DayResult> days) {

    public EvaluatedPeriod {
        failurePoints = Collections.unmodifiableSortedMap(new TreeMap<>(failurePoints));
        days = List.copyOf(days);
    }

    /** @return "KA" when the total counts as estimated, "QD" otherwise, null when held. */
    public String totalCode() {
        return held ? null : totalEstimated ? "KA" : "QD";
    }

    public boolean isInterval() {
        return intervals != null;
    }
}
