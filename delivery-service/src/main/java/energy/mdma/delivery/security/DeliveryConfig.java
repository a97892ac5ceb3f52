package energy.mdma.delivery.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** The delivery service's own settings (prefix {@code mdma}). */
@ConfigMapping(prefix = "mdma")
public interface DeliveryConfig {

    /** MDMA_HOME: root of local state (files, TLS). */
    @WithDefault(".mdma")
    String home();

    Auth auth();

    @WithName("rate-limit")
    RateLimit rateLimit();

    Mailbox mailbox();

    Audit audit();

    Operator operator();

    Ntp ntp();

    interface Ntp {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("pool.ntp.org")
        String server();

        @WithDefault("123")
        int port();

        @WithDefault("3S")
        Duration timeout();

        /** How often the offset is measured. */
        @WithDefault("5M")
        Duration interval();

        /** Offset above which the service is not ready. */
        @WithName("max-offset")
        @WithDefault("60S")
        Duration maxOffset();

        /** Whether an unreachable NTP server makes the service not ready (default: reported, still ready). */
        @WithName("unreachable-is-down")
        @WithDefault("false")
        boolean unreachableIsDown();
    }

    interface Auth {
        /** bcrypt cost (log2 rounds). */
        @WithName("bcrypt-cost")
        @WithDefault("11")
        int bcryptCost();

        /** How long a verified password is remembered in memory (HMAC only) to spare bcrypt per request; 0 disables. */
        @WithName("cache-ttl")
        @WithDefault("5M")
        Duration cacheTtl();

        @WithName("password-min-length")
        @WithDefault("12")
        int passwordMinLength();

        @WithName("expiry-enforced")
        @WithDefault("false")
        boolean expiryEnforced();

        @WithName("expiry-months")
        @WithDefault("12")
        int expiryMonths();

        @WithName("expiry-warning-days")
        @WithDefault("30")
        int expiryWarningDays();

        @WithName("lockout-failures")
        @WithDefault("5")
        int lockoutFailures();

        @WithName("lockout-duration")
        @WithDefault("15M")
        Duration lockoutDuration();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second per party. */
        @WithName("per-second")
        @WithDefault("50")
        double perSecond();

        /** Bucket size: requests a party may make at once. */
        @WithDefault("200")
        int burst();
    }

    interface Mailbox {
        /** Where file bytes are kept (by SHA-256). */
        @WithName("files-dir")
        @WithDefault("${mdma.home}/delivery/files")
        String filesDir();

        @WithName("default-limit")
        @WithDefault("100")
        int defaultLimit();

        @WithName("max-limit")
        @WithDefault("1000")
        int maxLimit();
    }

    interface Audit {
        /** Events kept by the in-memory audit log. */
        @WithDefault("200000")
        int capacity();
    }

    interface Operator {
        /** Password of the first operator when it has none yet (from MDMA_OPERATOR_PASSWORD); empty: generate. */
        @WithName("initial-password")
        java.util.Optional<String> initialPassword();
    }
}
