package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.IntervalStatus;
import energy.mdma.vee.model.InvalidReason;

/** TIME_RESET: status CS. */
public final class TimeResetCheck implements IntervalCheck {
    @Override
    public InvalidReason reason() {
        return InvalidReason.TIME_RESET;
    }

    @Override
    public boolean applies(boolean received, long raw, int statusBits, ChannelConfig config) {
        return received && IntervalStatus.CS.isIn(statusBits);
    }
}
