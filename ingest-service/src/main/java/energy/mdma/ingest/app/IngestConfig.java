package energy.mdma.ingest.app;

import energy.mdma.service.auth.LoginConfig;
import energy.mdma.service.auth.RateLimitConfig;
import energy.mdma.kafka.RegistryConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** The ingest service's own settings (prefix {@code mdma}; application.properties sets them, with their reasons). */
@ConfigMapping(prefix = "mdma")
public interface IngestConfig {

    /** MDMA_HOME: root of local state (the file store under {@code ingest/}, the head-end's Streams state). */
    String home();

    Kafka kafka();

    RegistryConfig registry();

    Ingest ingest();

    /** Login ({@code mdma.auth.*}). */
    LoginConfig auth();

    /** The rate limits applied before any password check ({@code mdma.rate-limit.*}). */
    @WithName("rate-limit")
    RateLimitConfig rateLimit();

    interface Kafka {
        /** The brokers (MDMA_KAFKA). */
        String bootstrap();

        /** How long a synchronous publish (the audit trail, lockout states) may take before it fails. */
        @WithName("send-timeout")
        @WithDefault("30S")
        Duration sendTimeout();

        /** SASL_SSL (the local stack, the cluster) or SASL_PLAINTEXT (the test platform). */
        @WithName("security-protocol")
        @WithDefault("SASL_SSL")
        String securityProtocol();

        /** The service's SCRAM principal (MDMA_KAFKA_USERNAME). */
        @WithDefault("ingest")
        String username();

        /** Its password (MDMA_KAFKA_PASSWORD; ./mdma passes it from $MDMA_HOME/security). */
        Optional<String> password();

        /** PEM file of the certificate(s) that the broker's TLS certificate is checked against (MDMA_KAFKA_TRUSTSTORE). */
        Optional<String> truststore();
    }

    interface Ingest {
        /** MDMA_INGEST_INSTANCE: unique and stable per instance, part of its transactional ids and client ids. */
        @WithName("instance-id")
        String instanceId();

        /** Files published at once (the publisher's transactional producers). */
        @WithName("parallel-files")
        @WithDefault("2")
        int parallelFiles();

        @WithName("headend")
        HeadEnd headEnd();
    }

    interface HeadEnd {
        /** Whether the head-end path (HeadEndTopology) runs in this instance. */
        @WithDefault("true")
        boolean enabled();
    }
}
