package energy.mdma.ingest.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.kafka.EventTopics;
import energy.mdma.kafka.SerdeFactory;
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
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.service.auth.LoginConfig;
import energy.mdma.service.auth.RequestThrottle;
import energy.mdma.kafka.EventSerializer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
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
 * Wiring of the ingest service: Kafka clients from its settings ({@link IngestConfig}: {@code mdma.kafka.*}, env
 * MDMA_KAFKA, MDMA_REGISTRY_URL), the master data store, the publisher pool, the head-end Streams app, the file store
 * under {@code $MDMA_HOME/ingest} and authentication against the party model.
 */
@Singleton
public class IngestBeans {
    private static final Logger LOG = Logger.getLogger(IngestBeans.class);

    private final IngestConfig config;

    IngestBeans(IngestConfig config) {
        this.config = config;
    }

    /** bootstrap.servers and ingest's SASL/SCRAM principal: what every Kafka client of the service starts from. */
    Properties kafka() {
        Properties p = new Properties();
        p.putAll(KafkaClientSecurity.scram(config.kafka().securityProtocol(), config.kafka().username(),
                config.kafka().password().orElse(null), config.kafka().truststore().orElse(null)));
        p.put("bootstrap.servers", config.kafka().bootstrap());
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
        p.put("compression.zstd.level", Integer.toString(HeadEndStreams.ZSTD_LEVEL));
        p.put("transaction.timeout.ms", "900000");
        p.put("delivery.timeout.ms", "300000");
        return p;
    }

    Supplier<Serializer<Object>> serializers() {
        return () -> {
            EventSerializer<Object> s = new EventSerializer<>();
            s.configure(EventSerdes.config(config.registry().url()), false);
            return s;
        };
    }

    Deserializer<Object> deserializer() {
        return new EventDeserializer(config.registry().url());
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    PartyDirectory partyDirectory() {
        return new PartyDirectoryView();
    }

    @Produces
    @Singleton
    MasterDataStore masterData(PartyDirectory directory, LoginLockout lockout) {
        LOG.infof("master data from %s (registry %s)", config.kafka().bootstrap(), config.registry().url());
        return new MasterDataStore(kafka(), deserializer(), directory, lockout).start();
    }

    void closeMasterData(@Disposes MasterDataStore store) {
        store.close();
    }

    @Produces
    @Singleton
    EventPublisher publisher() {
        return new EventPublisher(producerProps(), serializers(), "mdma-ingest-files-" + config.ingest().instanceId(),
                Math.max(1, config.ingest().parallelFiles()));
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
        HeadEndStreams h = new HeadEndStreams(HeadEndTopology.build(deserializer(),
                new EventTopics(SerdeFactory.registry(config.registry().url())),
                new HeadEndChecks(masterData, clock), clock, counts),
                HeadEndStreams.config(kafka(), Path.of(config.home(), "ingest", "streams").toString(),
                        config.ingest().instanceId()), masterData,
                counts);
        return config.ingest().headEnd().enabled() ? h.start() : h;
    }

    void closeHeadEnd(@Disposes HeadEndStreams h) {
        h.close();
    }

    @Produces
    @Singleton
    FileStore fileStore(ObjectMapper json) throws IOException {
        FileStore store = new FileStore(Path.of(config.home(), "ingest"), json);
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
        return new BcryptPasswordHasher(config.auth().bcryptCost());
    }

    /** The audit trail and the lockout states written by ingest (mdma.audit, mdma.credentials). */
    @Produces
    @Singleton
    IngestLog ingestLog(Clock clock) {
        Properties p = kafka();
        p.put("client.id", "mdma-ingest-log-" + config.ingest().instanceId());
        return new IngestLog(p, serializers().get(), config.kafka().sendTimeout(), clock);
    }

    void closeIngestLog(@Disposes IngestLog log) {
        log.close();
    }

    @Produces
    @Singleton
    CredentialPolicy credentialPolicy() {
        LoginConfig auth = config.auth();
        return new CredentialPolicy(auth.expiryEnforced(), Period.ofMonths(12), Duration.ofDays(30),
                auth.lockoutFailures(), auth.lockoutDuration());
    }

    /**
     * Failed logins here are counted apart from the credential (owned by the delivery service, which alone raises its
     * version) and shared with the other login services on mdma.credentials ({principal}/lockout).
     */
    @Produces
    @Singleton
    LoginLockout loginLockout(CredentialPolicy policy, Clock clock, IngestLog log) {
        return new LoginLockout(policy, clock, log, "ingest-" + config.ingest().instanceId() + "-" + UUID.randomUUID(),
                config.auth().attemptWait());
    }

    @Produces
    @Singleton
    Authenticator authenticator(PartyDirectory directory, PasswordHasher hasher, LoginLockout lockout, Clock clock) {
        return new Authenticator(directory, hasher, lockout, clock, config.auth().cacheTtl());
    }

    /** The rate limits applied before any password check (service-support's authentication filter). */
    @Produces
    @Singleton
    RequestThrottle requestThrottle(Clock clock) {
        return new RequestThrottle(RequestThrottle.Settings.of(config.rateLimit()), clock);
    }

    /** Starts the Kafka side at boot rather than on first use. */
    void onStart(@Observes StartupEvent event, MasterDataStore masterData, HeadEndStreams headEnd,
            IngestService service) {
        LOG.infof("ingest service started; head-end processing %s", config.ingest().headEnd().enabled() ? "on" : "off");
    }

    void onStop(@Observes ShutdownEvent event) {
        LOG.info("ingest service stopping");
    }
}
