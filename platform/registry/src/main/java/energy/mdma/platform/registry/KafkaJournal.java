package energy.mdma.platform.registry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.Observes;
import javax.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.storage.RegistryStorage;
import io.apicurio.registry.storage.impexp.EntityInputStream;
import io.apicurio.registry.types.Current;
import io.apicurio.registry.utils.impexp.Entity;
import io.apicurio.registry.utils.impexp.EntityReader;
import io.apicurio.registry.utils.impexp.EntityWriter;
import io.apicurio.registry.utils.impexp.ManifestEntity;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The registry's schemas kept in Kafka: replicating Kafka (MirrorMaker 2, {@code mdma.registry.*}) replicates them, and
 * losing the registry's disk loses nothing.
 *
 * <p>Apicurio 3.x's KafkaSQL storage does this upstream, but its modules are not all served by the Maven repository this
 * project builds from; this is the same idea on Apicurio 2.4.2: the registry's database is in memory (H2), and the
 * journal topic ({@code mdma.registry.journal}, one partition, compacted, one key) holds, as its newest record, the whole
 * registry as Apicurio's own export (every schema with its global and content id, rules, groups).
 * <ul>
 * <li>At start the newest record is imported (ids preserved) before the registry is ready: until then
 * {@code /health/ready} is DOWN and {@code /apis} answers 503 ({@link JournalGate}), and without the broker it stays so,
 * retrying (fail closed: never an empty registry that hands out ids already in use).</li>
 * <li>After every write that succeeded ({@link JournalWrites}: POST, PUT, DELETE... answered below 400) the registry is
 * exported again and, if its content changed, sent to the journal (acks=all, idempotent) before the client gets its
 * answer. If that fails the client gets 503, the registry turns not ready and keeps trying to record its state; the
 * change itself stays in memory and is recorded with the next success (a client retrying gets the same ids).</li>
 * </ul>
 * The registry is a Kafka client of the secured broker as principal {@code registry} (deploy/acls.csv), configured
 * like the services: {@code MDMA_KAFKA} (bootstrap servers), {@code MDMA_KAFKA_SECURITY_PROTOCOL} (default SASL_SSL),
 * {@code MDMA_KAFKA_USERNAME} (default registry), {@code MDMA_KAFKA_PASSWORD}, {@code MDMA_KAFKA_TRUSTSTORE} (PEM).
 * Without {@code MDMA_KAFKA} there is no journal (the schemas live as long as the process): a warning at start.
 * {@code MDMA_REGISTRY_LEGACY_DB}, when set to the file of an old H2 registry that exists while the journal is empty, stops
 * the start: those schemas would otherwise be silently left behind.
 */
@ApplicationScoped
public class KafkaJournal {

    static final String TOPIC_ENV = "MDMA_REGISTRY_JOURNAL_TOPIC";
    static final String DEFAULT_TOPIC = "mdma.registry.journal";
    static final String LEGACY_DB_ENV = "MDMA_REGISTRY_LEGACY_DB";
    /** The one key of the journal: compaction keeps the newest whole registry. */
    static final String KEY = "registry";
    /** A record's limit on the journal (the broker's default max.message.bytes, about 1 MiB: hundreds of schemas). */
    static final int MAX_BYTES = 1_000_000;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(KafkaJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Current
    RegistryStorage storage;

    @Inject
    javax.sql.DataSource database;

    private final Map<String, String> env = System.getenv();
    private volatile boolean loaded;
    private volatile boolean recordPending;
    private volatile String problem = "loading the schemas from Kafka";
    private volatile boolean stopping;
    private String recordedHash;
    private KafkaProducer<String, byte[]> producer;
    private String topic;

    /** False when no broker is configured (MDMA_KAFKA unset): the registry keeps its schemas in memory only. */
    boolean enabled() {
        String bootstrap = env.get("MDMA_KAFKA");
        return bootstrap != null && !bootstrap.isBlank();
    }

    /** Ready: the journal's schemas are loaded and the registry's state is recorded. */
    boolean ready() {
        return !enabled() || (loaded && !recordPending);
    }

    /** Loaded: the registry may answer requests (it holds what the journal held). */
    boolean loaded() {
        return !enabled() || loaded;
    }

    /** What keeps the registry not ready (null when ready). */
    String problem() {
        return ready() ? null : problem;
    }

    String topic() {
        return topic;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled()) {
            LOG.warn("MDMA_KAFKA is not set: no journal, the schemas are kept in this process's memory only and are lost"
                    + " when it stops. Set MDMA_KAFKA (and MDMA_KAFKA_PASSWORD etc.) to keep them in " + DEFAULT_TOPIC);
            return;
        }
        topic = env.getOrDefault(TOPIC_ENV, DEFAULT_TOPIC);
        Thread loader = new Thread(this::loadUntilDone, "mdma-journal-load");
        loader.setDaemon(true);
        loader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        }
    }

    private void loadUntilDone() {
        long backoff = 500;
        String lastLogged = null;
        while (!stopping) {
            try {
                load();
                return;
            } catch (LegacyRegistry e) {
                LOG.error(e.getMessage());
                problem = e.getMessage();
                Quarkus.asyncExit(3);
                return;
            } catch (RuntimeException e) {
                problem = "cannot load the schemas from Kafka (topic " + topic + " on " + env.get("MDMA_KAFKA") + "): " + describe(e)
                        + "; retrying (is the broker up, and may principal " + username() + " read " + topic + "?)";
                if (!problem.equals(lastLogged)) {
                    LOG.warn(problem);
                    lastLogged = problem;
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    private void load() {
        TopicPartition partition = new TopicPartition(topic, 0);
        ConsumerRecord<String, byte[]> newest = null;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(15)).get(partition);
            long start = consumer.beginningOffsets(List.of(partition), Duration.ofSeconds(15)).get(partition);
            // the newest record is the whole registry (compaction may leave older ones before it). It is not always at
            // end - 1: a journal written in transactions (the second site's, mirrored by MirrorMaker 2 exactly-once)
            // ends with a commit marker, which takes an offset but is no record. Read back in widening windows.
            long window = 8;
            long from = end;
            while (newest == null && from > start) {
                from = Math.max(start, end - window);
                consumer.seek(partition, from);
                newest = lastValue(consumer, partition, end);
                window *= 4;
            }
        }
        if (newest == null) {
            String legacy = env.get(LEGACY_DB_ENV);
            if (legacy != null && !legacy.isBlank() && Files.exists(Path.of(legacy))) {
                throw new LegacyRegistry("the schema registry's journal " + topic + " is empty, but " + legacy
                        + " holds the schemas of an older build of the registry (H2 file). Starting would hand out their"
                        + " ids again and leave every record written with them unreadable. Either start afresh (./mdma reset:"
                        + " all data is lost), or move the data: with the previous build, ./mdma backup DIR; then with this"
                        + " build ./mdma reset and ./mdma restore DIR. Stopping.");
            }
            LOG.infof("journal %s is empty: a new registry", topic);
        }
        try {
            if (newest != null) {
                byte[] zip = newest.value();
                inRequestContext(() -> {
                    importAll(zip);
                    return null;
                });
                raiseSequences(newest);
                LOG.infof("loaded the registry from %s (%d bytes)", topic, zip.length);
            }
            synchronized (this) {
                recordedHash = export().hash;
            }
        } catch (RuntimeException e) {
            // half imported: a new start begins afresh
            throw new LegacyRegistry("cannot import the registry's journal " + topic + " into the registry: " + describe(e)
                    + ". Stopping; the journal is unchanged");
        }
        loaded = true;
        problem = null;
    }

    /** Apicurio's storage reads the caller's identity: threads of our own need a request context. */
    private static <T> T inRequestContext(java.util.function.Supplier<T> work) {
        io.quarkus.arc.ManagedContext context = io.quarkus.arc.Arc.container().requestContext();
        if (context.isActive()) {
            return work.get();
        }
        context.activate();
        try {
            return work.get();
        } finally {
            context.terminate();
        }
    }

    private static ConsumerRecord<String, byte[]> lastValue(KafkaConsumer<String, byte[]> consumer, TopicPartition partition,
            long end) {
        ConsumerRecord<String, byte[]> last = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.position(partition) < end) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.value() != null) {
                    last = r;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the end of " + partition + " could not be read within 30 s");
            }
        }
        return last;
    }

    /**
     * Records the registry's current state in the journal if it changed since the last record; called after every
     * successful write. Throws when it could not (the caller answers 503); a retry thread then records it.
     */
    void recordWrite() {
        if (!enabled()) {
            return;
        }
        try {
            record();
        } catch (RuntimeException e) {
            problem = "the registry's last change is not yet recorded in Kafka (topic " + topic + "): " + describe(e)
                    + "; retrying";
            LOG.warn(problem);
            if (!recordPending) {
                recordPending = true;
                Thread retry = new Thread(this::recordUntilDone, "mdma-journal-record");
                retry.setDaemon(true);
                retry.start();
            }
            throw e;
        }
    }

    private void recordUntilDone() {
        long backoff = 500;
        while (!stopping) {
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            try {
                record();
                recordPending = false;
                problem = null;
                LOG.info("the registry's state is recorded in Kafka again");
                return;
            } catch (RuntimeException e) {
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private synchronized void record() {
        if (!loaded) {
            throw new IllegalStateException("the registry has not loaded its schemas from Kafka yet");
        }
        Snapshot snapshot = export();
        if (snapshot.hash.equals(recordedHash)) {
            return;
        }
        if (snapshot.bytes.length > MAX_BYTES - 1024) {
            throw new IllegalStateException("the registry's export is " + snapshot.bytes.length + " bytes, more than the journal's"
                    + " records may hold (" + MAX_BYTES + "): raise max.message.bytes of " + topic + " (deploy/topics.csv) and"
                    + " KafkaJournal.MAX_BYTES");
        }
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, 0, KEY, snapshot.bytes);
            sequences().forEach((name, value) -> record.headers().add(SEQUENCE_HEADER + name,
                    Long.toString(value).getBytes(StandardCharsets.UTF_8)));
            producer().send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the registry in " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException(describe(e), e);
        }
        recordedHash = snapshot.hash;
    }

    private record Snapshot(byte[] bytes, String hash) {
    }

    /** Record headers with the registry's id sequences (globalId, contentId, ...): their values when it was recorded. */
    static final String SEQUENCE_HEADER = "mdma.registry.sequence.";
    /** Apicurio's tenant of a single-tenant registry. */
    private static final String TENANT = "_";

    /**
     * The id sequences of Apicurio's database. The export holds the schemas but not these: imported alone, the next id
     * would follow the highest id still present, and a schema deleted while it was the newest would see its id handed
     * out again (records written with it would then read with another schema).
     */
    private Map<String, Long> sequences() {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (java.sql.Connection c = database.getConnection();
                java.sql.PreparedStatement q = c.prepareStatement("SELECT name, seq_value FROM sequences WHERE tenantId = ?")) {
            q.setString(1, TENANT);
            try (java.sql.ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the registry's id sequences: " + e.getMessage(), e);
        }
        return out;
    }

    /** After the import: each sequence at least where it was when the record was written. */
    private void raiseSequences(ConsumerRecord<String, byte[]> record) {
        Map<String, Long> current = sequences();
        for (org.apache.kafka.common.header.Header h : record.headers()) {
            if (!h.key().startsWith(SEQUENCE_HEADER)) {
                continue;
            }
            String name = h.key().substring(SEQUENCE_HEADER.length());
            long recorded = Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
            Long now = current.get(name);
            if (now != null && now >= recorded) {
                continue;
            }
            String sql = now == null ? "INSERT INTO sequences (seq_value, tenantId, name) VALUES (?, ?, ?)"
                    : "UPDATE sequences SET seq_value = ? WHERE tenantId = ? AND name = ?";
            try (java.sql.Connection c = database.getConnection(); java.sql.PreparedStatement u = c.prepareStatement(sql)) {
                u.setLong(1, recorded);
                u.setString(2, TENANT);
                u.setString(3, name);
                u.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot set the registry's id sequence " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Apicurio's export of the whole registry (a zip), and a hash of its content (the manifest, which dates it, left out). */
    private Snapshot export() {
        return inRequestContext(this::exportNow);
    }

    private Snapshot exportNow() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                EntityWriter writer = new EntityWriter(zip);
                storage.exportData(entity -> {
                    try {
                        writer.writeEntity(entity);
                        if (!(entity instanceof ManifestEntity)) {
                            digest.update(entity.getClass().getName().getBytes(StandardCharsets.UTF_8));
                            digest.update(JSON.writeValueAsBytes(entity));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                });
            }
            return new Snapshot(out.toByteArray(), HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the registry", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void importAll(byte[] zipBytes) {
        ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes), StandardCharsets.UTF_8);
        EntityReader reader = new EntityReader(zip);
        storage.importData(new EntityInputStream() {
            @Override
            public Entity nextEntity() throws IOException {
                return reader.readEntity();
            }

            @Override
            public void close() throws IOException {
                zip.close();
            }
        }, true, true);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = clientProperties();
            p.put("acks", "all");
            p.put("enable.idempotence", "true");
            p.put("max.request.size", Integer.toString(MAX_BYTES + 64 * 1024));
            p.put("max.block.ms", "15000");
            p.put("request.timeout.ms", "10000");
            p.put("delivery.timeout.ms", Long.toString(SEND_TIMEOUT.toMillis() - 1000));
            p.put("linger.ms", "0");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private Properties consumerProperties() {
        Properties p = clientProperties();
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        p.put("max.partition.fetch.bytes", Integer.toString(MAX_BYTES + 1024 * 1024));
        p.put("fetch.max.bytes", Integer.toString(MAX_BYTES + 1024 * 1024));
        p.put("default.api.timeout.ms", "15000");
        return p;
    }

    private String username() {
        return env.getOrDefault("MDMA_KAFKA_USERNAME", "registry");
    }

    /** The secured broker's client settings, as the services take them (never logged: the password is in them). */
    Properties clientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", env.get("MDMA_KAFKA"));
        p.put("client.id", "mdma-registry");
        String protocol = env.getOrDefault("MDMA_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        p.put("security.protocol", protocol);
        if (protocol.startsWith("SASL")) {
            p.put("sasl.mechanism", "SCRAM-SHA-512");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + quote(username()) + "\" password=\"" + quote(env.getOrDefault("MDMA_KAFKA_PASSWORD", "")) + "\";");
        }
        String truststore = env.get("MDMA_KAFKA_TRUSTSTORE");
        if (protocol.endsWith("SSL") && truststore != null && !truststore.isBlank()) {
            p.put("ssl.truststore.type", "PEM");
            p.put("ssl.truststore.location", truststore);
        }
        p.put("reconnect.backoff.max.ms", "5000");
        return p;
    }

    private static String quote(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.ExecutionException || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() != null ? ": " + t.getMessage() : "");
    }

    /** What stops the start (an old H2 registry beside an empty journal, a journal that cannot be imported). */
    static final class LegacyRegistry extends RuntimeException {
        LegacyRegistry(String message) {
            super(message);
        }
    }
}
