package energy.mdma.edi.keys;

import energy.mdma.events.kafka.Topics;

/** The keys of the global {@code edi-channels} table: those of mdma.channels, {@code meterId:channel} (Topics.channelKey). */
public final class ChannelTableKey {
    private ChannelTableKey() {
    }

    public static String of(String meterId, int channel) {
        return Topics.channelKey(meterId, channel);
    }

    /** The prefix of every channel of a meter. */
    public static String meterPrefix(String meterId) {
        return meterId + ":";
    }
}
