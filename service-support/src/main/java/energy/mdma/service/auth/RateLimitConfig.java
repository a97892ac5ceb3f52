package energy.mdma.service.auth;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The rate limits of {@link RequestThrottle}: the group {@code mdma.rate-limit} of each login service's settings. */
public interface RateLimitConfig {
    @WithDefault("true")
    boolean enabled();

    /** Sustained requests per second per party. */
    @WithName("per-second")
    @WithDefault("50")
    double perSecond();

    /** Bucket size: requests a party may make at once. */
    @WithDefault("200")
    int burst();

    /**
     * Sustained requests per second per source address that are not proven yet: refusals (no, malformed or wrong
     * credentials, an unknown certificate) and password checks (bcrypt). Applied before they are audited or
     * checked; an IPv6 source counts per /64.
     */
    @WithName("unauthenticated-per-second")
    @WithDefault("5")
    double unauthenticatedPerSecond();

    /** Bucket size of {@link #unauthenticatedPerSecond()}. */
    @WithName("unauthenticated-burst")
    @WithDefault("50")
    int unauthenticatedBurst();

    /** Parties and source addresses tracked at once per limit (idle ones are dropped first). */
    @WithName("max-keys")
    @WithDefault("100000")
    int maxKeys();
}
