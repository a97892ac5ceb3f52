package energy.mdma.ingest.model;

import energy.mdma.events.IntervalStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * One interval value of an {@link ParsedIntervalBlock}, materialised for convenience (tests, small consumers).
 * {@code valueMicros} is the raw value in millionths of the raw unit (see {@link Micros}).
 */
public record ParsedIntervalValue(Instant end, long valueMicros, Set<IntervalStatus> status, long line, int position,
        long sequence) {

    /** The exact raw value (scale 6). */
    public BigDecimal value() {
        return Micros.toBigDecimal(valueMicros);
    }
}
