package energy.mdma.party.auth;

import java.time.Duration;
import java.time.Period;
import java.util.Objects;

/**
 * Expiry and lockout rules (delivery.md). Defaults: expiry not enforced, 12 months validity, warning 30 days
 * before expiry, lockout for 15 minutes after 5 failed logins in a row.
 *
 * @param expiryEnforced   whether passwords expire
 * @param validity         how long a password is valid after it was set
 * @param warnBefore       how long before expiry responses carry a warning
 * @param maxFailures      failed logins in a row that lock the principal out
 * @param lockoutDuration  how long a lockout lasts
 */
public record CredentialPolicy(boolean expiryEnforced, Period validity, Duration warnBefore,
                               int maxFailures, Duration lockoutDuration) {

    public static CredentialPolicy defaults() {
        return new CredentialPolicy(false, Period.ofMonths(12), Duration.ofDays(30), 5, Duration.ofMinutes(15));
    }

    public CredentialPolicy {
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(warnBefore, "warnBefore");
        Objects.requireNonNull(lockoutDuration, "lockoutDuration");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures < 1");
        }
    }

    public CredentialPolicy withExpiryEnforced(boolean enforced) {
        return new CredentialPolicy(enforced, validity, warnBefore, maxFailures, lockoutDuration);
    }
}
