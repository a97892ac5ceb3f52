package energy.mdma.vee.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Day-level result of an interval channel.
 *
 * @param day           local day
 * @param dayType       its day type
 * @param total         T, sum of the final usages, or null when some interval has no value
 * @param referenceDays the reference days section 3 selects for the day (most recent first)
 * @param codes         day codes (HIGH_USAGE, LOW_USAGE, ZERO_USAGE)
 */
public record DayResult(LocalDate day, DayType dayType, BigDecimal total, List<LocalDate> referenceDays,
        Set<FailureCode> codes) {
    public DayResult {
        referenceDays = List.copyOf(referenceDays);
        codes = Set.copyOf(codes);
    }
}
