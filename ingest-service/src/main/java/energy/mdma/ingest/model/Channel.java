package energy.mdma.ingest.model;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import java.math.BigDecimal;

/**
 * One accepted row of channels.csv. {@code maxPulsesPerInterval} is a whole number, 0 meaning no overflow
 * threshold. {@code line} is its line in the file (header = 1).
 */
public record Channel(String meterId, int channel, Uom uom, RawUnit rawUnit, BigDecimal pulseMultiplier,
        long maxPulsesPerInterval, long line) {

    /** The part of the channel that the parsers look up. */
    public ChannelInfo info() {
        return new ChannelInfo(meterId, channel, uom, rawUnit);
    }
}
