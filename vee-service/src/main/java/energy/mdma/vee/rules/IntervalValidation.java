package energy.mdma.vee.rules;

import energy.mdma.events.IntervalStatus;
import energy.mdma.events.RawUnit;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.InvalidReason;
import energy.mdma.vee.model.ReceivedIntervals;
import java.math.BigDecimal;
import java.util.List;

/**
 * Applies the per-interval checks of vee-rules.md section 2 in the spec's order; the first that
 * applies is the interval's invalid reason. The spike check ({@link SpikeCheck}) runs afterwards per day.
 */
public final class IntervalValidation {
    private static final List<IntervalCheck> CHECKS = List.of(new MissingCheck(), new NegativeCheck(),
            new OverflowCheck(), new TestModeCheck(), new TimeResetCheck());

    private IntervalValidation() {
    }

    public static List<IntervalCheck> checks() {
        return CHECKS;
    }

    private static final IntervalCheck[] ORDER = CHECKS.toArray(new IntervalCheck[0]);
    /** The status bits some check looks at (OVERFLOW, TEST_MODE, TIME_RESET; an outage invalidates nothing). */
    private static final int CHECKED_BITS = IntervalStatus.OV.bit() | IntervalStatus.TM.bit() | IntervalStatus.CS.bit();

    /**
     * @param received whether a value was received
     * @param raw      raw value * 10^6
     * @return the {@link InvalidReason#code()} of the first applying check, 0 if none
     */
    public static byte validate(boolean received, long raw, int statusBits, ChannelConfig config) {
        if (received && raw >= 0 && (statusBits & CHECKED_BITS) == 0
                && (config.rawUnit() != RawUnit.PULSE || config.maxPulsesPerInterval() <= 0)) {
            // the common case, decided without the checks (no check applies): received, not negative, no status
            // that a check looks at, no pulse limit
            return 0;
        }
        for (IntervalCheck c : ORDER) {
            if (c.applies(received, raw, statusBits, config)) {
                return c.reason().code();
            }
        }
        return 0;
    }

    /** The same for a decimal raw value (null = not received); at most 6 decimals. */
    public static byte validate(BigDecimal raw, int statusBits, ChannelConfig config) {
        return raw == null ? validate(false, 0, statusBits, config)
                : validate(true, ReceivedIntervals.toRaw(raw), statusBits, config);
    }
}
