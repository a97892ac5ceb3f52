package energy.mdma.vee.topology;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The first and last received interval end of a channel (epoch seconds), kept beside its days so that a
 * windowed evaluation knows the channel's grid bounds and trailing gap without reading every day.
 */
record ChannelBounds(long firstEnd, long lastEnd) {

    ChannelBounds include(long first, long last) {
        return new ChannelBounds(Math.min(firstEnd, first), Math.max(lastEnd, last));
    }

    Instant first() {
        return Instant.ofEpochSecond(firstEnd);
    }

    Instant last() {
        return Instant.ofEpochSecond(lastEnd);
    }

    byte[] encode() {
        return ByteBuffer.allocate(16).putLong(firstEnd).putLong(lastEnd).array();
    }

    static ChannelBounds decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new ChannelBounds(b.getLong(), b.getLong());
    }
}
