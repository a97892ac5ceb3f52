package energy.mdma.vee.state;

import energy.mdma.kafka.StoreSerde;

/** The serde of {@link ChannelBounds}: first and last interval end (epoch seconds) in 16 bytes (big-endian). */
public final class ChannelBoundsSerde extends StoreSerde<ChannelBounds> {
    public ChannelBoundsSerde() {
        super(ChannelBounds::encode, ChannelBoundsSerde::decode);
    }

    private static ChannelBounds decode(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalStateException("a stored channel's bounds have 16 bytes, not " + bytes.length);
        }
        return ChannelBounds.decode(bytes);
    }
}
