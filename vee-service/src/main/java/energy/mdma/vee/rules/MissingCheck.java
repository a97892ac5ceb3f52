package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.InvalidReason;

/** MISSING: no value was received (trailing intervals only once their deadline passed; see the engine). */
public final class MissingCheck implements IntervalCheck {
    @Override
    public InvalidReason reason() {
        return InvalidReason.MISSING;
    }

    @Override
    public boolean applies(boolean received, long raw, int statusBits, ChannelConfig config) {
        return !received;
    }
}
