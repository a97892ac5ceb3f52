package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.IntervalStatus;
import energy.mdma.vee.model.InvalidReason;
import java.math.BigDecimal;

/** TIME_RESET: status CS. */
public final class TimeResetCheck implements IntervalCheck {
    @Override
    public InvalidReason reason() {
        return InvalidReason.TIME_RESET;
    }

    @Override
    public boolean applies(BigDecimal raw, int statusBits, ChannelConfig config) {
        return raw != null && IntervalStatus.CS.isIn(statusBits);
    }
}
