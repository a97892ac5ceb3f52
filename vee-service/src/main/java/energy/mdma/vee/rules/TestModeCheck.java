package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.IntervalStatus;
import energy.mdma.vee.model.InvalidReason;

/** TEST_MODE: status TM. */
public final class TestModeCheck implements IntervalCheck {
    @Override
    public InvalidReason reason() {
        return InvalidReason.TEST_MODE;
    }

    @Override
    public boolean applies(boolean received, long raw, int statusBits, ChannelConfig config) {
        return received && IntervalStatus.TM.isIn(statusBits);
    }
}
