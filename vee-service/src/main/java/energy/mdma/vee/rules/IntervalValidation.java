package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
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

    /** @return the {@link energy.mdma.vee.model.InvalidReason#code()} of the first applying check, 0 if none. */
    public static byte validate(BigDecimal raw, int statusBits, ChannelConfig config) {
        for (IntervalCheck c : CHECKS) {
            if (c.applies(raw, statusBits, config)) {
                return c.reason().code();
            }
        }
        return 0;
    }
}
