package energy.mdma.vee.rules;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.InvalidReason;
import java.math.BigDecimal;

/** One per-interval validation rule of vee-rules.md section 2 (the spike check is day-level). */
public interface IntervalCheck {
    InvalidReason reason();

    /**
     * @param raw        the raw value, null when nothing was received
     * @param statusBits {@link energy.mdma.vee.model.IntervalStatus} bits
     */
    boolean applies(BigDecimal raw, int statusBits, ChannelConfig config);
}
