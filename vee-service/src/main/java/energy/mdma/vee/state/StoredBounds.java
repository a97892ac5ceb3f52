package energy.mdma.vee.state;

/**
 * What the bounds store ({@code vee-channel-bounds}) holds: under a channel key its {@link ChannelBounds} (16 bytes),
 * under {@link #NEWEST_DAY_KEY} the task's {@link NewestDay} (8 bytes). The two share the store because a running
 * system's changelog already holds both; the length tells them apart.
 */
public sealed interface StoredBounds permits ChannelBounds, StoredBounds.NewestDay {
    /**
     * Key of the newest local day of data this task has received (epoch day): NUL sorts before every channel key, and
     * the readers of the store skip it.
     */
    String NEWEST_DAY_KEY = "\u0000newest-day";

    /** The newest local day of data a task has received (epoch day). */
    record NewestDay(long epochDay) implements StoredBounds {
    }
}
