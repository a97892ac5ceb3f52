package energy.mdma.vee.rules;

import energy.mdma.events.IntervalStatus;
import energy.mdma.events.RawUnit;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.InvalidReason;

/** OVERFLOW: status OV, or a PULSE channel with max_pulses_per_interval &gt; 0 and value &gt; that maximum. */
public final class OverflowCheck implements IntervalCheck {
    @Override
    public InvalidReason reason() {
        return InvalidReason.OVERFLOW;
    }

    @Override
    public boolean applies(boolean received, long raw, int statusBits, ChannelConfig config) {
        if (!received) {
            return false;
        }
        if (IntervalStatus.OV.isIn(statusBits)) {
            return true;
        }
        return config.rawUnit() == RawUnit.PULSE && config.maxPulsesPerInterval() > 0
                && exceeds(raw, config.maxPulsesPerInterval());
    }

    /** raw * 10^-6 &gt; max (max &gt; 0), exactly: raw &gt; max * 10^6; when that product overflows no raw exceeds it. */
    static boolean exceeds(long raw, long max) {
        return max <= Long.MAX_VALUE / 1_000_000L && raw > max * 1_000_000L;
    }
}
