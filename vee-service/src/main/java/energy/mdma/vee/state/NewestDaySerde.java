package energy.mdma.vee.state;

import energy.mdma.kafka.StoreSerde;
import java.nio.ByteBuffer;

/** The serde of {@link NewestDay}: its epoch day in 8 bytes (big-endian). */
public final class NewestDaySerde extends StoreSerde<NewestDay> {
    public NewestDaySerde() {
        super(d -> ByteBuffer.allocate(8).putLong(d.epochDay()).array(), NewestDaySerde::decode);
    }

    private static NewestDay decode(byte[] bytes) {
        if (bytes.length != 8) {
            throw new IllegalStateException("a stored newest day has 8 bytes, not " + bytes.length);
        }
        return new NewestDay(ByteBuffer.wrap(bytes).getLong());
    }
}
