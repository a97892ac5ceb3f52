package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.IntervalStatus;
import energy.mdma.vee.model.InvalidReason;
import energy.mdma.vee.model.RawUnit;
import java.math.BigDecimal;

/** OVERFLOW: status OV, or a PULSE channel with max_pulses_per_interval &gt; 0 and value &gt; that maximum. */
public final class OverflowCheck implements IntervalCheck {
    @Override
    public InvalidReason reason() {
        return InvalidReason.OVERFLOW;
    }

    @Override
    public boolean applies(BigDecimal raw, int statusBits, ChannelConfig config) {
        if (raw == null) {
            return false;
        }
        if (IntervalStatus.OV.isIn(statusBits)) {
            return true;
        }
        return config.rawUnit() == RawUnit.PULSE && config.maxPulsesPerInterval() > 0
                && raw.compareTo(BigDecimal.valueOf(config.maxPulsesPerInterval())) > 0;
    }
}
