package energy.mdma.vee.rules;

import energy.mdma.events.IntervalStatus;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.InvalidReason;
import energy.mdma.vee.model.ReceivedIntervals;

/**
 * One per-interval validation rule of vee-rules.md section 2 (the spike check is day-level). Raw
 * values are fixed-point longs with scale 6 ({@link ReceivedIntervals#RAW_SCALE}).
 */
public interface IntervalCheck {
    InvalidReason reason();

    /**
     * @param received   whether a value was received
     * @param raw        the raw value * 10^6 (meaningless when not received)
     * @param statusBits {@link IntervalStatus} bits
     */
    boolean applies(boolean received, long raw, int statusBits, ChannelConfig config);
}
