package energy.mdma.events;

import java.time.ZoneId;

/**
 * The zone of the utility's local time: every local day, read date, deadline and 867 time stamp of the
 * platform is in the prevailing time of {@code America/Los_Angeles} (PST/PDT). The one place that names it.
 */
public final class PrevailingTime {
    /** The zone's id, for configuration defaults (annotations take constants only). */
    public static final String ZONE_ID = "America/Los_Angeles";

    /** America/Los_Angeles. */
    public static final ZoneId ZONE = ZoneId.of(ZONE_ID);

    private PrevailingTime() {
    }
}
