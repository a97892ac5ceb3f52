package energy.mdma.service.auth;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/**
 * How a login service checks passwords and locks parties out (party-model's Authenticator, CredentialPolicy and
 * LoginLockout): the settings of the group {@code mdma.auth} that every login service has.
 */
public interface LoginConfig {
    /** bcrypt cost (log2 rounds). */
    @WithName("bcrypt-cost")
    @WithDefault("11")
    int bcryptCost();

    /** How long a verified password is remembered in memory (HMAC only) to spare bcrypt per request; 0 disables. */
    @WithName("cache-ttl")
    @WithDefault("5M")
    Duration cacheTtl();

    /** Whether an expired password is refused. */
    @WithName("expiry-enforced")
    @WithDefault("false")
    boolean expiryEnforced();

    /** Failed logins in a row that lock a party out ... */
    @WithName("lockout-failures")
    @WithDefault("5")
    int lockoutFailures();

    /** ... for this long. */
    @WithName("lockout-duration")
    @WithDefault("15M")
    Duration lockoutDuration();

    /** How long a login waits for the earlier attempts of the same party (they are checked one at a time). */
    @WithName("attempt-wait")
    @WithDefault("30S")
    Duration attemptWait();
}
