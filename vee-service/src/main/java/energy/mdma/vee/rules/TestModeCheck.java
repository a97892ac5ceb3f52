package energy.mdma.vee.rules;

import energy.mdma.events.IntervalStatus;
import energy.mdma.vee.model.InvalidReason;

/** TEST_MODE: status TM. */
public final class TestModeCheck extends StatusFlagCheck {
    public TestModeCheck() {
        super(InvalidReason.TEST_MODE, IntervalStatus.TM);
    }
}
