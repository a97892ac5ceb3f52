package energy.mdma.vee.state;

import energy.mdma.events.kafka.ChannelKey;

import java.time.LocalDate;

/**
 * The key of a channel's dated state, {@code meterId:channel:YYYY-MM-DD}: a day of data in {@code vee-channel-days},
 * a period end in {@code vee-published-periods}. A channel's keys sort by date. Stored by {@link ChannelDayKeySerde}.
 */
public record ChannelDayKey(String channelKey, LocalDate day) {
    private static final int DATE_LENGTH = 10;
    /** The first day a dated key can hold: every {@code YYYY-MM-DD} key of a channel sorts after it. */
    public static final LocalDate FIRST = LocalDate.MIN;

    /** {@code channelKey:YYYY-MM-DD}. */
    public static String format(String channelKey, LocalDate day) {
        return prefix(channelKey) + day;
    }

    public String format() {
        return format(channelKey, day);
    }

    /** The inverse of {@link #format()}. */
    public static ChannelDayKey parse(String key) {
        int start = key.length() - DATE_LENGTH;
        if (start < 2 || !isDated(key, key.substring(0, start))) {
            throw new IllegalArgumentException("not a channel day key (meterId:channel:YYYY-MM-DD): '" + key + "'");
        }
        return new ChannelDayKey(key.substring(0, start - 1), LocalDate.parse(key.substring(start)));
    }

    /** The start of every dated key of the channel. */
    public static String prefix(String channelKey) {
        return ChannelKey.extensionPrefix(channelKey);
    }

    /**
     * Whether {@code key}, which starts with {@code prefix}, is a date of that channel and not a key of another channel
     * whose meter id continues the prefix (a meter id may hold ':').
     */
    public static boolean isDated(String key, String prefix) {
        return key.length() == prefix.length() + DATE_LENGTH && key.charAt(prefix.length() + 4) == '-'
                && key.charAt(prefix.length() - 1) == ':';
    }

    /** Whether this is a day of {@code channelKey} (a meter id may hold ':': another channel may share a prefix). */
    public boolean of(String channelKey) {
        return this.channelKey.equals(channelKey);
    }

    @Override
    public String toString() {
        return format();
    }
}
