package energy.mdma.vee.state;

import energy.mdma.kafka.StoreSerde;
import java.nio.charset.StandardCharsets;

/** The serde of {@link ChannelDayKey}: its {@code meterId:channel:YYYY-MM-DD} in UTF-8 (as a string key was stored). */
public final class ChannelDayKeySerde extends StoreSerde<ChannelDayKey> {
    public ChannelDayKeySerde() {
        super(k -> k.format().getBytes(StandardCharsets.UTF_8),
                bytes -> ChannelDayKey.parse(new String(bytes, StandardCharsets.UTF_8)));
    }
}
