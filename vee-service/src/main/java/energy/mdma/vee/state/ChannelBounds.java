package energy.mdma.vee.state;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The first and last received interval end of a channel (epoch seconds), kept beside its days so that a
 * windowed evaluation knows the channel's grid bounds and trailing gap without reading every day.
 */
public record ChannelBounds(long firstEnd, long lastEnd) {

    public ChannelBounds include(long first, long last) {
        return new ChannelBounds(Math.min(firstEnd, first), Math.max(lastEnd, last));
    }

    public Instant first() {
        return Instant.ofEpochSecond(firstEnd);
    }

    public Instant last() {
        return Instant.ofEpochSecond(lastEnd);
    }

    byte[] encode() {
        return ByteBuffer.allocate(16).putLong(firstEnd).putLong(lastEnd).array();
    }

    static ChannelBounds decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new ChannelBounds(b.getLong(), b.getLong());
    }
}
