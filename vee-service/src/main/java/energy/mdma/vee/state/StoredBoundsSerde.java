package energy.mdma.vee.state;

import energy.mdma.kafka.StoreSerde;
import java.nio.ByteBuffer;

/** The serde of {@link StoredBounds}: a {@link ChannelBounds} in 16 bytes, a {@link StoredBounds.NewestDay} in 8. */
public final class StoredBoundsSerde extends StoreSerde<StoredBounds> {
    public StoredBoundsSerde() {
        super(StoredBoundsSerde::encode, StoredBoundsSerde::decode);
    }

    private static byte[] encode(StoredBounds value) {
        if (value instanceof StoredBounds.NewestDay d) {
            return ByteBuffer.allocate(8).putLong(d.epochDay()).array();
        }
        return ((ChannelBounds) value).encode();
    }

    private static StoredBounds decode(byte[] bytes) {
        return bytes.length == 8 ? new StoredBounds.NewestDay(ByteBuffer.wrap(bytes).getLong())
                : ChannelBounds.decode(bytes);
    }
}
