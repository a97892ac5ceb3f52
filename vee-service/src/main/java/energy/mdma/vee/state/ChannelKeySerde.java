package energy.mdma.vee.state;

import energy.mdma.kafka.StoreSerde;
import energy.mdma.events.kafka.ChannelKey;

import java.nio.charset.StandardCharsets;

/** The serde of a store key {@link ChannelKey}: its {@code meterId:channel} in UTF-8 (as a string key was stored). */
public final class ChannelKeySerde extends StoreSerde<ChannelKey> {
    public ChannelKeySerde() {
        super(k -> k.format().getBytes(StandardCharsets.UTF_8),
                bytes -> ChannelKey.parse(new String(bytes, StandardCharsets.UTF_8)));
    }
}
