package energy.mdma.service.auth;

import java.time.Clock;

/**
 * The rate limits the authentication filter applies BEFORE any password is checked: per source address for every
 * request that is not already proven (no, malformed or wrong credentials, an unknown certificate, a password not in
 * the verification cache), and per party for every request of a known party. Each HTTPS service produces one from
 * its configuration ({@code mdma.rate-limit.*}).
 */
public final class RequestThrottle {

    /**
     * @param enabled            false: nothing is limited
     * @param perPartyPerSecond  sustained requests per second per party
     * @param perPartyBurst      requests a party may make at once
     * @param perSourcePerSecond sustained unauthenticated requests (refusals and password checks) per source address
     * @param perSourceBurst     such requests a source may make at once
     * @param maxKeys            buckets held per limiter (parties; source addresses)
     */
    public record Settings(boolean enabled, double perPartyPerSecond, int perPartyBurst, double perSourcePerSecond,
                           int perSourceBurst, int maxKeys) {

        /** The limits as configured ({@code mdma.rate-limit.*}). */
        public static Settings of(RateLimitConfig config) {
            return new Settings(config.enabled(), config.perSecond(), config.burst(),
                    config.unauthenticatedPerSecond(), config.unauthenticatedBurst(), config.maxKeys());
        }
    }

    private final Settings settings;
    private final RateLimiter parties;
    private final RateLimiter sources;

    public RequestThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.parties = new RateLimiter(settings.perPartyPerSecond(), settings.perPartyBurst(), settings.maxKeys(), clock);
        this.sources = new RateLimiter(settings.perSourcePerSecond(), settings.perSourceBurst(), settings.maxKeys(),
                clock);
    }

    public Settings settings() {
        return settings;
    }

    /** A request of a known party. */
    public RateLimiter.Decision party(String party) {
        return settings.enabled() ? parties.acquire("party:" + party) : RateLimiter.Decision.ALLOWED;
    }

    /** A request from {@code address} that is not proven yet (it will be refused, or needs a password check). */
    public RateLimiter.Decision source(String address) {
        return settings.enabled() ? sources.acquire(RateLimiter.sourceKey(address)) : RateLimiter.Decision.ALLOWED;
    }
}
