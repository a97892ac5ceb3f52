package energy.mdma.ingest.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.kafka.KafkaClientSecurity;
import energy.mdma.ingest.files.FileStore;
import energy.mdma.ingest.files.IngestService;
import energy.mdma.ingest.kafka.EventPublisher;
import energy.mdma.ingest.kafka.HeadEndStreams;
import energy.mdma.ingest.kafka.HeadEndTopology;
import energy.mdma.ingest.kafka.MasterDataStore;
import energy.mdma.ingest.kafka.PublishedFiles;
import energy.mdma.kafka.EventDeserializer;
import energy.mdma.ingest.parse.HeadEndChecks;
import energy.mdma.ingest.parse.IngestParser;
import energy.mdma.party.auth.Authenticator;
import energy.mdma.party.auth.BcryptPasswordHasher;
import energy.mdma.party.auth.CredentialPolicy;
import energy.mdma.ingest.kafka.IngestLog;
import energy.mdma.party.auth.LoginLockout;
import energy.mdma.party.auth.PasswordHasher;
import energy.mdma.party.model.InMemoryPartyDirectory;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.service.auth.RequestThrottle;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Wiring of the ingest service: Kafka clients from MicroProfile config ({@code mdma.kafka.*}, env MDMA_KAFKA,
 * MDMA_REGISTRY_URL), the master data store, the publisher pool, the head-end Streams app, the file store under
 * {@code $MDMA_HOME/ingest} and authentication against the party model.
 */
@Singleton
public class IngestBeans {
    private static final Logger LOG = Logger.getLogger(IngestBeans.class);

    @ConfigProperty(name = "mdma.home")
    String home;
    @ConfigProperty(name = "mdma.kafka.bootstrap")
    String bootstrap;
    @ConfigProperty(name = "mdma.registry.url")
    String registryUrl;
    @ConfigProperty(name = "mdma.ingest.instance-id")
    String instanceId;
    @ConfigProperty(name = "mdma.ingest.parallel-files", defaultValue = "2")
    int parallelFiles;
    @ConfigProperty(name = "mdma.ingest.headend.enabled", defaultValue = "true")
    boolean headEndEnabled;
    @ConfigProperty(name = "mdma.auth.bcrypt-cost", defaultValue = "11")
    int bcryptCost;
    @ConfigProperty(name = "mdma.auth.cache-ttl", defaultValue = "5M")
    Duration cacheTtl;
    @ConfigProperty(name = "mdma.auth.lockout-failures", defaultValue = "5")
    int lockoutFailures;
    @ConfigProperty(name = "mdma.auth.lockout-duration", defaultValue = "15M")
    Duration lockoutDuration;
    @ConfigProperty(name = "mdma.auth.expiry-enforced", defaultValue = "false")
    boolean expiryEnforced;
    @ConfigProperty(name = "mdma.auth.attempt-wait", defaultValue = "30S")
    Duration attemptWait;
    @ConfigProperty(name = "mdma.rate-limit.enabled", defaultValue = "true")
    boolean rateLimitEnabled;
    @ConfigProperty(name = "mdma.rate-limit.per-second", defaultValue = "50")
    double perPartyPerSecond;
    @ConfigProperty(name = "mdma.rate-limit.burst", defaultValue = "200")
    int perPartyBurst;
    @ConfigProperty(name = "mdma.rate-limit.unauthenticated-per-second", defaultValue = "5")
    double perSourcePerSecond;
    @ConfigProperty(name = "mdma.rate-limit.unauthenticated-burst", defaultValue = "50")
    int perSourceBurst;
    @ConfigProperty(name = "mdma.rate-limit.max-keys", defaultValue = "100000")
    int rateLimitMaxKeys;
    @ConfigProperty(name = "mdma.kafka.send-timeout", defaultValue = "30S")
    Duration sendTimeout;
    @ConfigProperty(name = "mdma.kafka.security-protocol", defaultValue = "SASL_SSL")
    String kafkaProtocol;
    @ConfigProperty(name = "mdma.kafka.username", defaultValue = "ingest")
    String kafkaUsername;
    @ConfigProperty(name = "mdma.kafka.password")
    java.util.Optional<String> kafkaPassword;
    @ConfigProperty(name = "mdma.kafka.truststore")
    java.util.Optional<String> kafkaTruststore;

    /** bootstrap.servers and ingest's SASL/SCRAM principal: what every Kafka client of the service starts from. */
    Properties kafka() {
        Properties p = new Properties();
        p.putAll(KafkaClientSecurity.scram(kafkaProtocol, kafkaUsername, kafkaPassword.orElse(null),
                kafkaTruststore.orElse(null)));
        p.put("bootstrap.servers", bootstrap);
        p.put("client.dns.lookup", "use_all_dns_ips");
        return p;
    }

    Properties producerProps() {
        Properties p = kafka();
        p.put("linger.ms", "10");
        p.put("batch.size", Integer.toString(256 * 1024));
        // zstd (native zstd-jni) costs less CPU per MB than Kafka's lz4, which runs lz4-java's pure-Java safe codec
        // here (profiled in the bench: LZ4JavaSafeCompressor among the top frames of ingest and vee)
        p.put("compression.type", "zstd");
        p.put("transaction.timeout.ms", "900000");
        p.put("delivery.timeout.ms", "300000");
        return p;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Supplier<Serializer<Object>> serializers() {
        return () -> {
            AvroKafkaSerializer s = new AvroKafkaSerializer();
            s.configure(EventSerdes.config(registryUrl), false);
            return (Serializer<Object>) s;
        };
    }

    Deserializer<Object> deserializer() {
        return new EventDeserializer(registryUrl);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    PartyDirectory partyDirectory() {
        return new InMemoryPartyDirectory();
    }

    @Produces
    @Singleton
    MasterDataStore masterData(PartyDirectory directory, LoginLockout lockout) {
        LOG.infof("master data from %s (registry %s)", bootstrap, registryUrl);
        return new MasterDataStore(kafka(), deserializer(), directory, lockout).start();
    }

    void closeMasterData(@Disposes MasterDataStore store) {
        store.close();
    }

    @Produces
    @Singleton
    EventPublisher publisher() {
        return new EventPublisher(producerProps(), serializers(), "mdma-ingest-files-" + instanceId,
                Math.max(1, parallelFiles));
    }

    void closePublisher(@Disposes EventPublisher publisher) throws InterruptedException {
        publisher.drain(Duration.ofSeconds(30));
        publisher.close();
    }

    /** The head-end path: a Kafka Streams app (HeadEndTopology, exactly-once), started once the master data is in. */
    @Produces
    @Singleton
    HeadEndStreams headEnd(MasterDataStore masterData, Clock clock) {
        HeadEndTopology.Counts counts = new HeadEndTopology.Counts();
        HeadEndStreams h = new HeadEndStreams(HeadEndTopology.build(deserializer(), serializers().get(),
                new HeadEndChecks(masterData, clock), clock, counts),
                HeadEndStreams.config(kafka(), Path.of(home, "ingest", "streams").toString(), instanceId), masterData,
                counts);
        return headEndEnabled ? h.start() : h;
    }

    void closeHeadEnd(@Disposes HeadEndStreams h) {
        h.close();
    }

    @Produces
    @Singleton
    FileStore fileStore(ObjectMapper json) throws IOException {
        FileStore store = new FileStore(Path.of(home, "ingest"), json);
        store.cleanTmp();
        return store;
    }

    @Produces
    @Singleton
    IngestService ingestService(FileStore store, EventPublisher publisher, MasterDataStore masterData, Clock clock) {
        return new IngestService(store, publisher, masterData, new IngestParser(masterData, clock), clock,
                PublishedFiles.kafka(kafka(), this::deserializer, Duration.ofSeconds(30)));
    }

    @Produces
    @Singleton
    PasswordHasher hasher() {
        return new BcryptPasswordHasher(bcryptCost);
    }

    /** The audit trail and the lockout states written by ingest (mdma.audit, mdma.credentials). */
    @Produces
    @Singleton
    IngestLog ingestLog(Clock clock) {
        Properties p = kafka();
        p.put("client.id", "mdma-ingest-log-" + instanceId);
        return new IngestLog(p, serializers().get(), sendTimeout, clock);
    }

    void closeIngestLog(@Disposes IngestLog log) {
        log.close();
    }

    @Produces
    @Singleton
    CredentialPolicy credentialPolicy() {
        return new CredentialPolicy(expiryEnforced, Period.ofMonths(12), Duration.ofDays(30), lockoutFailures,
                lockoutDuration);
    }

    /**
     * Failed logins here are counted apart from the credential (owned by the delivery service, which alone raises its
     * version) and shared with the other login services on mdma.credentials ({principal}/lockout).
     */
    @Produces
    @Singleton
    LoginLockout loginLockout(CredentialPolicy policy, Clock clock, IngestLog log) {
        return new LoginLockout(policy, clock, log, "ingest-" + instanceId + "-" + UUID.randomUUID(), attemptWait);
    }

    @Produces
    @Singleton
    Authenticator authenticator(PartyDirectory directory, PasswordHasher hasher, LoginLockout lockout, Clock clock) {
        return new Authenticator(directory, hasher, lockout, clock, cacheTtl);
    }

    /** The rate limits applied before any password check (service-support's authentication filter). */
    @Produces
    @Singleton
    RequestThrottle requestThrottle(Clock clock) {
        return new RequestThrottle(new RequestThrottle.Settings(rateLimitEnabled, perPartyPerSecond, perPartyBurst,
                perSourcePerSecond, perSourceBurst, rateLimitMaxKeys), clock);
    }

    /** Starts the Kafka side at boot rather than on first use. */
    void onStart(@Observes StartupEvent event, MasterDataStore masterData, HeadEndStreams headEnd,
            IngestService service) {
        LOG.infof("ingest service started; head-end processing %s", headEndEnabled ? "on" : "off");
    }

    void onStop(@Observes ShutdownEvent event) {
        LOG.info("ingest service stopping");
    }
}
