package energy.mdma.delivery.outage;

import energy.mdma.events.PrevailingTime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** Outage notices (operations.md section 3), prefix {@code mdma.outage}. */
@ConfigMapping(prefix = "mdma.outage")
public interface OutageConfig {

    /**
     * The services delivery watches, {@code name=readiness URL} joined by commas (e.g.
     * {@code ingest=http://localhost:9002/q/health/ready}); a service that does not answer 200 is down. Empty: none.
     */
    Optional<String> watch();

    /** A watched service down this long gets the unscheduled-outage notice (must stay well under 30 minutes). */
    @WithName("notice-after")
    @WithDefault("10M")
    Duration noticeAfter();

    /** After service returns, the operator may post the closing notice; after this the MDMA posts it itself. */
    @WithName("close-after")
    @WithDefault("30M")
    Duration closeAfter();

    @WithName("probe-timeout")
    @WithDefault("3S")
    Duration probeTimeout();

    /** Local zone of the scheduled-outage window. */
    @WithDefault(PrevailingTime.ZONE_ID)
    String zone();

    @WithName("window-start")
    @WithDefault("02:00")
    String windowStart();

    @WithName("window-end")
    @WithDefault("05:00")
    String windowEnd();

    /** A scheduled outage is posted at least this long before it starts. */
    @WithName("min-lead")
    @WithDefault("24H")
    Duration minLead();

    /** The scheduled downtime of a (local) month stays under this. */
    @WithName("month-limit")
    @WithDefault("8H")
    Duration monthLimit();

    /** Every party is told again this long before a scheduled outage. */
    @WithName("reminder-before")
    @WithDefault("1H")
    Duration reminderBefore();
}
