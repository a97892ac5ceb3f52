package energy.mdma.events.kafka;

/**
 * The key of every per-channel record (intervals, registers, channels, edits, exceptions): {@code meterId:channel}.
 * A meter id may itself hold a colon, so the channel is what follows the last one.
 */
public record ChannelKey(String meterId, int channel) {
    static final char SEP = ':';

    public ChannelKey {
        if (meterId == null || meterId.isEmpty()) {
            throw new IllegalArgumentException("a channel key needs a meter id");
        }
    }

    /** {@code meterId:channel}. */
    public static String format(String meterId, int channel) {
        return meterId + SEP + channel;
    }

    public String format() {
        return format(meterId, channel);
    }

    /** The inverse of {@link #format()}. */
    public static ChannelKey parse(String key) {
        int sep = key.lastIndexOf(SEP);
        if (sep <= 0 || sep == key.length() - 1) {
            throw new IllegalArgumentException("not a channel key (meterId:channel): '" + key + "'");
        }
        try {
            return new ChannelKey(key.substring(0, sep), Integer.parseInt(key.substring(sep + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a channel key (meterId:channel): '" + key + "'", e);
        }
    }

    /** The meter of a channel key, without reading the channel. */
    public static String meterOf(String key) {
        int sep = key.lastIndexOf(SEP);
        if (sep <= 0) {
            throw new IllegalArgumentException("not a channel key (meterId:channel): '" + key + "'");
        }
        return key.substring(0, sep);
    }

    /** The start of the keys that extend a channel key ({@code meterId:channel:...}). */
    public static String extensionPrefix(String channelKey) {
        return channelKey + SEP;
    }

    @Override
    public String toString() {
        return format();
    }
}
