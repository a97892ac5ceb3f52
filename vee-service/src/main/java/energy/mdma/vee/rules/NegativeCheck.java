package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.InvalidReason;

/** NEGATIVE: value &lt; 0. */
public final class NegativeCheck implements IntervalCheck {
    @Override
    public InvalidReason reason() {
        return InvalidReason.NEGATIVE;
    }

    @Override
    public boolean applies(boolean received, long raw, int statusBits, ChannelConfig config) {
        return received && raw < 0;
    }
}
