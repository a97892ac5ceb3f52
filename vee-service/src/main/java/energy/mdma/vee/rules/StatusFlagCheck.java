package energy.mdma.vee.rules;

import energy.mdma.events.IntervalStatus;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.InvalidReason;

/** A rule that marks a received interval whose status carries one flag ({@link TestModeCheck}, {@link TimeResetCheck}). */
abstract class StatusFlagCheck implements IntervalCheck {
    private final InvalidReason reason;
    private final IntervalStatus flag;

    StatusFlagCheck(InvalidReason reason, IntervalStatus flag) {
        this.reason = reason;
        this.flag = flag;
    }

    @Override
    public final InvalidReason reason() {
        return reason;
    }

    @Override
    public final boolean applies(boolean received, long raw, int statusBits, ChannelConfig config) {
        return received && flag.isIn(statusBits);
    }
}
