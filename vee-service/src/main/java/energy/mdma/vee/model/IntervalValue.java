package energy.mdma.vee.model;

import energy.mdma.events.IntervalStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One received interval value of a channel.
 *
 * @param end      interval end instant
 * @param value    raw value in the channel's raw unit
 * @param statuses status codes (may be empty)
 */
public record IntervalValue(Instant end, BigDecimal value, Set<IntervalStatus> statuses) {
    public IntervalValue {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(value, "value");
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    }

    public static IntervalValue of(Instant end, BigDecimal value, IntervalStatus... statuses) {
        return new IntervalValue(end, value, statuses.length == 0 ? Set.of() : Set.of(statuses));
    }
}
