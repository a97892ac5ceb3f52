package energy.mdma.vee.rules;

import energy.mdma.events.IntervalStatus;
import energy.mdma.vee.model.InvalidReason;

/** TIME_RESET: status CS. */
public final class TimeResetCheck extends StatusFlagCheck {
    public TimeResetCheck() {
        super(InvalidReason.TIME_RESET, IntervalStatus.CS);
    }
}
