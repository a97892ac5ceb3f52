package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.InvalidReason;
import java.math.BigDecimal;

/** NEGATIVE: value &lt; 0. */
public final class NegativeCheck implements IntervalCheck {
    @Override
    public InvalidReason reason() {
        return InvalidReason.NEGATIVE;
    }

    @Override
    public boolean applies(BigDecimal raw, int statusBits, ChannelConfig config) {
        return raw != null && raw.signum() < 0;
    }
}
