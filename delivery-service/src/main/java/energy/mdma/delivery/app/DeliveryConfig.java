package energy.mdma.delivery.app;

import energy.mdma.events.PrevailingTime;
import energy.mdma.service.auth.LoginConfig;
import energy.mdma.service.auth.RateLimitConfig;

import energy.mdma.kafka.RegistryConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** The delivery service's own settings (prefix {@code mdma}). */
@ConfigMapping(prefix = "mdma")
public interface DeliveryConfig {

    /** MDMA_HOME: root of local state (files, TLS). */
    @WithDefault(".mdma")
    String home();

    Auth auth();

    @WithName("rate-limit")
    RateLimitConfig rateLimit();

    Mailbox mailbox();

    /** The local store of the large views (mailboxes, archive index, file ids, audit). */
    Views views();

    interface Views {
        /**
         * Where the store is (RocksDB, with the offsets it was built up to). Derived data: delete the directory and
         * the service rebuilds it from the topics at its next start. One directory per instance.
         */
        @WithName("store-dir")
        @WithDefault("${mdma.home}/delivery/views")
        String storeDir();

        /**
         * How far back mdma.edi.documents and mdma.mailbox.events are read again at start for what is kept in memory
         * (announcements, data-availability mail); at least the push lookback and, with timeliness on, its keep-days.
         */
        @WithName("recent-window")
        @WithDefault("P2D")
        Duration recentWindow();
    }

    Operator operator();

    Ntp ntp();

    Kafka kafka();

    RegistryConfig registry();

    /** Pushing files to the parties' MFT servers (endpoints per exact party id: {@code mdma.mft.targets-file}). */
    Mft mft();

    Archive archive();

    /** The timeliness figures, notices, metrics and SLA dashboard (module timeliness, timeliness.md). */
    Timeliness timeliness();

    /** The exceptions view (operations.md section 1). */
    Exceptions exceptions();

    interface Exceptions {
        /** At most this many exceptions are kept (the resolved ones changed longest ago go first). */
        @WithName("max-count")
        @WithDefault("50000")
        int maxCount();

        /** And about this many bytes of heap. */
        @WithName("max-bytes")
        @WithDefault("33554432")
        long maxBytes();

        /** At start, mdma.vee.exceptions is read from this many days ago (not from the beginning of the log). */
        @WithName("replay-days")
        @WithDefault("120")
        int replayDays();
    }

    interface Timeliness {
        /** Whether the service follows the timeliness topics and ticks (the API and page answer either way). */
        @WithDefault("true")
        boolean enabled();

        /** How often the cohorts are evaluated: figures and notices published, metrics refreshed. */
        @WithDefault("1M")
        Duration tick();

        /**
         * Holiday calendar of the non-interval deadlines, in {@code HolidayCalendar.parse} form: {@code NERC} (the
         * default), {@code NERC,+2025-12-24,-2025-07-04}, or a list of dates replacing it.
         */
        @WithDefault("NERC")
        String holidays();

        /** Read dates older than this many days are forgotten (pruned daily) to bound memory. */
        @WithName("keep-days")
        @WithDefault("120")
        int keepDays();
    }

    /**
     * The former per-party endpoints {@code mdma.push.<party>.*}: declared only so that a leftover is refused at start
     * by {@link energy.mdma.delivery.push.ConfigTargets} with a message that says what to do (names derived from party
     * ids collide: {@code ESP-1} and {@code ESP_1} share {@code MDMA_PUSH_ESP_1_*}).
     */
    @WithName("push")
    java.util.Map<String, java.util.Map<String, String>> legacyPush();

    interface Kafka {

        /** How long a synchronous publish (credentials, acks, notices) may take before it fails. */
        @WithName("send-timeout")
        @WithDefault("30S")
        Duration sendTimeout();

        @WithName("client-id")
        @WithDefault("delivery-service")
        String clientId();

        /** SASL_SSL (the local stack, the cluster) or SASL_PLAINTEXT (the test platform). */
        @WithName("security-protocol")
        @WithDefault("SASL_SSL")
        String securityProtocol();

        /** The service's SCRAM principal (MDMA_KAFKA_USERNAME). */
        @WithDefault("delivery")
        String username();

        /** Its password (MDMA_KAFKA_PASSWORD; ./mdma passes it from $MDMA_HOME/security). */
        java.util.Optional<String> password();

        /** PEM file of the certificate(s) that the broker's TLS certificate is checked against (MDMA_KAFKA_TRUSTSTORE). */
        java.util.Optional<String> truststore();
    }

    interface Mft {
        @WithDefault("true")
        boolean enabled();

        /** Local time of the daily push run. */
        @WithName("daily-at")
        @WithDefault("05:00")
        String dailyAt();

        @WithDefault(PrevailingTime.ZONE_ID)
        String zone();

        /** How long a failed upload is retried (exponential backoff) before it waits for the daily run. */
        @WithName("retry-for")
        @WithDefault("24H")
        Duration retryFor();

        @WithName("initial-backoff")
        @WithDefault("30S")
        Duration initialBackoff();

        @WithName("max-backoff")
        @WithDefault("1H")
        Duration maxBackoff();

        /** The daily run (and the run after a start) pushes files posted at most this long ago that are not pushed yet. */
        @WithDefault("168H")
        Duration lookback();

        /** Timeout of one upload. */
        @WithDefault("60S")
        Duration timeout();

        /**
         * The parties' MFT endpoints: a JSON file keyed by the exact party id
         * ({@code {"ESP-1": {"url": "https://...", "username": "...", "passwordFile": "/run/secrets/esp-1"}}}, see
         * {@link energy.mdma.delivery.push.ConfigTargets}); empty: nothing is pushed. Names derived from party ids
         * (the former {@code mdma.push.<party>.*} / {@code MDMA_PUSH_<PARTY>_*}) are refused at start.
         */
        @WithName("targets-file")
        java.util.Optional<String> targetsFile();

        /** Trust store (PKCS12/JKS) for the MFT servers' certificates; empty: the JDK's default trust. */
        @WithName("trust-store")
        java.util.Optional<String> trustStore();

        @WithName("trust-store-password")
        java.util.Optional<String> trustStorePassword();

        @WithName("trust-store-type")
        @WithDefault("PKCS12")
        String trustStoreType();
    }

    interface Archive {
        /** How long posted files stay in mailboxes and the archive (ISO-8601 period; spec default 3 years + 90 days). */
        @WithDefault("P3Y90D")
        String retention();

        /** Archive interchanges take ISA13 control numbers above this base, per receiver (edi-service counts from 1). */
        @WithName("control-number-base")
        @WithDefault("900000000")
        long controlNumberBase();

        /** The MDMA id in archive file names when it cannot be taken from the source files' names. */
        @WithName("mdma-id")
        @WithDefault("MDMA")
        String mdmaId();
    }

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

    /** Login: the settings every login service has ({@link LoginConfig}), and the password rules kept here. */
    interface Auth extends LoginConfig {
        @WithName("password-min-length")
        @WithDefault("12")
        int passwordMinLength();

        @WithName("expiry-months")
        @WithDefault("12")
        int expiryMonths();

        @WithName("expiry-warning-days")
        @WithDefault("30")
        int expiryWarningDays();
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

    interface Operator {
        /** Password of the first operator when it has none yet (from MDMA_OPERATOR_PASSWORD); empty: generate. */
        @WithName("initial-password")
        java.util.Optional<String> initialPassword();

        /**
         * Where a generated first operator password is written (readable by the owner only; never logged). The file
         * is deleted as soon as the operator's password is changed.
         */
        @WithName("initial-password-file")
        @WithDefault("${mdma.home}/operator-initial-password")
        String initialPasswordFile();
    }
}
