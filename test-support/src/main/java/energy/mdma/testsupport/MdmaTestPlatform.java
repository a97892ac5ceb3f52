package energy.mdma.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import energy.mdma.platform.broker.AclTable;
import energy.mdma.platform.broker.BrokerSecurity;
import energy.mdma.platform.broker.LocalBroker;
import energy.mdma.platform.broker.SecuritySetup;
import energy.mdma.platform.broker.TopicDefinition;
import energy.mdma.platform.broker.TopicDefinitions;
import energy.mdma.platform.broker.TopicSetup;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The platform a test needs: an in-process single-node KRaft broker (broker and controller combined,
 * {@link KafkaClusterTestKit}) and the schema registry (child process), both on free ports with fresh state
 * (temporary directories; the registry keeps its schemas in the broker's {@value #REGISTRY_JOURNAL}, as principal
 * {@value #REGISTRY_PRINCIPAL}, and starts once the broker is ready), and the topics of {@code deploy/topics.csv}.
 *
 * <p>The broker is secured as the local stack's ({@link BrokerSecurity}): SASL/SCRAM-SHA-512 for every client (over
 * plain TCP here: {@code SASL_PLAINTEXT}, no certificate to make), the ACLs of {@code deploy/acls.csv} and a SCRAM
 * user with a fresh random password for each of its principals. {@link #kafkaClientProperties()} and
 * {@link #admin()} connect as the super user (tests feed and inspect every topic);
 * {@link #kafkaClientProperties(String)} as a service's (or the head-end's) principal; {@link #quarkusConfig()} gives
 * the application under test its protocol and every principal's password as
 * {@code mdma-test-platform.kafka.password.<principal>} (each service's test profile picks its own).
 *
 * <p>The registry is secured as the local stack's: reads are open, writes need its writer account
 * ({@link #registryUsername()}, {@link #registryPassword()}, a fresh random password); the platform puts that
 * account in the system properties {@value #REGISTRY_USERNAME_PROPERTY} / {@value #REGISTRY_PASSWORD_PROPERTY}, where
 * the event serdes (kafka-support's EventSerdes) of this JVM find it.
 *
 * <p>One platform per JVM: {@link #get()} starts it on first use and every later call (from any test class,
 * any class loader) gets the same one; it stops when the JVM exits. Tests sharing it should use their own
 * keys / consumer groups, or call {@link #resetTopics()}.
 *
 * <p>Settings (system properties): {@code mdma-platform.registry.jar} (else env {@code MDMA_REGISTRY_JAR}, else
 * {@code platform/registry/target/quarkus-app/quarkus-run.jar} found above the working directory),
 * {@code mdma-platform.topics.file} (else the copy of deploy/topics.csv inside the broker module's jar),
 * {@code mdma-platform.test.kafka.<broker config>=<value>} (broker config overrides),
 * {@code mdma-platform.test.registry.java-opts}.
 */
public final class MdmaTestPlatform {

    /** JVM-wide (class-loader independent) record of the running platform: a Map of String to String. */
    private static final String STATE_KEY = "mdma-platform.test.state";
    private static final String LOCK_KEY = "mdma-platform.test.lock";

    private static final String BOOTSTRAP = "bootstrap.servers";
    private static final String REGISTRY_PORT = "registry.port";
    private static final String WORK_DIR = "work.dir";
    private static final String ADMIN_PASSWORD = "kafka.admin.password";
    private static final String PASSWORD_PREFIX = "kafka.password.";
    private static final String REGISTRY_PASSWORD = "registry.writer.password";
    /**
     * System properties with the registry's writer account, set when the platform starts: the schemas module's
     * {@code RegistryCredentials.fromEnvironment()} reads them (before MDMA_REGISTRY_USERNAME / MDMA_REGISTRY_PASSWORD),
     * so every serde a test or a service under test builds may register schemas.
     */
    public static final String REGISTRY_USERNAME_PROPERTY = "mdma.registry.username";
    public static final String REGISTRY_PASSWORD_PROPERTY = "mdma.registry.password";
    /** The broker principal of the schema registry (deploy/acls.csv) and its journal topic (deploy/topics.csv). */
    public static final String REGISTRY_PRINCIPAL = "registry";
    public static final String REGISTRY_JOURNAL = "mdma.registry.journal";
    /** Client listener protocol of the test platform. */
    public static final String PROTOCOL = "SASL_PLAINTEXT";
    /** Config key prefix of the principals' passwords in {@link #quarkusConfig()}. */
    public static final String QUARKUS_PASSWORD_PREFIX = "mdma-test-platform.kafka.password.";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    // the local broker's listener names
    private static final String CLIENT_LISTENER = LocalBroker.CLIENT_LISTENER;
    private static final String CONTROLLER_LISTENER = LocalBroker.CONTROLLER_LISTENER;

    private final Map<String, String> state;

    private MdmaTestPlatform(Map<String, String> state) {
        this.state = state;
    }

    /** The platform of this JVM, started on first call. */
    public static MdmaTestPlatform get() {
        Object lock = System.getProperties().computeIfAbsent(LOCK_KEY, k -> new Object());
        synchronized (lock) {
            Object existing = System.getProperties().get(STATE_KEY);
            if (existing instanceof Map<?, ?> map) {
                Map<String, String> copy = new HashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), String.valueOf(v)));
                return new MdmaTestPlatform(Collections.unmodifiableMap(copy));
            }
            Map<String, String> state = start();
            System.getProperties().put(STATE_KEY, state);
            System.setProperty(REGISTRY_USERNAME_PROPERTY, RegistryProcess.WRITER_USER);
            System.setProperty(REGISTRY_PASSWORD_PROPERTY, state.get(REGISTRY_PASSWORD));
            return new MdmaTestPlatform(state);
        }
    }

    /** {@code host:port} of the broker. */
    public String bootstrapServers() {
        return state.get(BOOTSTRAP);
    }

    public int registryPort() {
        return Integer.parseInt(state.get(REGISTRY_PORT));
    }

    /** {@code http://localhost:PORT}. */
    public String registryBaseUrl() {
        return "http://localhost:" + registryPort();
    }

    /** The registry's core API, what Apicurio serdes take: {@code http://localhost:PORT/apis/registry/v2}. */
    public String registryUrl() {
        return registryBaseUrl() + "/apis/registry/v2";
    }

    /** The registry's account that may register and change schemas (reads need none). */
    public String registryUsername() {
        return RegistryProcess.WRITER_USER;
    }

    /** The password of {@link #registryUsername()}: random, new for every platform. */
    public String registryPassword() {
        return state.get(REGISTRY_PASSWORD);
    }

    /** The registry's Confluent-compatible API: {@code http://localhost:PORT/apis/ccompat/v7}. */
    public String ccompatUrl() {
        return registryBaseUrl() + "/apis/ccompat/v7";
    }

    /** A directory of this platform (deleted at JVM exit), e.g. for Kafka Streams state. */
    public Path workDir() {
        return Path.of(state.get(WORK_DIR));
    }

    /** The topics created from deploy/topics.csv. */
    public List<TopicDefinition> topics() {
        return TopicDefinitions.load();
    }

    /**
     * Config for a Quarkus application under test (what {@link MdmaPlatformTestResource} returns):
     * {@code kafka.bootstrap.servers}, {@code quarkus.kafka-streams.bootstrap-servers} (when Kafka Streams is on
     * the classpath), {@code mp.messaging.connector.smallrye-kafka.apicurio.registry.url},
     * {@code apicurio.registry.url} and {@code kafka-streams.state.dir}.
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers());
        config.put("mdma.kafka.security-protocol", PROTOCOL);
        for (String principal : principals()) {
            config.put(QUARKUS_PASSWORD_PREFIX + principal, kafkaPassword(principal));
        }
        if (kafkaStreamsPresent()) {
            // only with Kafka Streams: Quarkus warns about the key otherwise
            config.put("quarkus.kafka-streams.bootstrap-servers", bootstrapServers());
        }
        config.put("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", registryUrl());
        config.put("apicurio.registry.url", registryUrl());
        config.put("kafka-streams.state.dir", workDir().resolve("kafka-streams").toString());
        return config;
    }

    private static boolean kafkaStreamsPresent() {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                MdmaTestPlatform.class.getClassLoader()}) {
            try {
                Class.forName("org.apache.kafka.streams.KafkaStreams", false, loader);
                return true;
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                // not on this loader
            }
        }
        return false;
    }

    /**
     * {@code bootstrap.servers} and the super user's credentials for a test's own Kafka client (feeding and reading
     * any topic); add serializers, group id etc. A service's client under test takes {@link #kafkaClientProperties(String)}.
     */
    public Properties kafkaClientProperties() {
        return BrokerSecurity.adminClient(settings(), bootstrapServers());
    }

    /**
     * {@code bootstrap.servers} and the SCRAM credentials of {@code principal} (ingest, vee, edi, delivery, headend:
     * the principals of deploy/acls.csv): the client may do what that principal may, nothing else.
     */
    public Properties kafkaClientProperties(String principal) {
        return BrokerSecurity.scramClient(settings(), bootstrapServers(), principal, kafkaPassword(principal));
    }

    /** The password of a principal of deploy/acls.csv. */
    public String kafkaPassword(String principal) {
        String password = state.get(PASSWORD_PREFIX + principal);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka principal '" + principal + "' on the test platform; the principals"
                    + " are those of deploy/acls.csv: " + principals());
        }
        return password;
    }

    /** The principals of deploy/acls.csv (each a SCRAM user of the platform). */
    public Set<String> principals() {
        return state.keySet().stream().filter(k -> k.startsWith(PASSWORD_PREFIX))
                .map(k -> k.substring(PASSWORD_PREFIX.length())).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private BrokerSecurity.Settings settings() {
        return new BrokerSecurity.Settings(state.get(ADMIN_PASSWORD), null, null, null);
    }

    /** A new Admin client (close it). */
    public Admin admin() {
        // the super user
        Properties props = kafkaClientProperties();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(props);
    }

    /**
     * Deletes and re-creates the topics of deploy/topics.csv: empty topics for the next test. The registry's journal
     * ({@value #REGISTRY_JOURNAL}) stays: the registry, which is not reset, keeps its schemas there.
     */
    public void resetTopics() {
        List<TopicDefinition> topics = topics().stream().filter(t -> !t.name().startsWith("mdma.registry.")).toList();
        Set<String> names = topics.stream().map(TopicDefinition::name).collect(Collectors.toSet());
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Set<String> toDelete = names.stream().filter(existing::contains).collect(Collectors.toSet());
            if (!toDelete.isEmpty()) {
                admin.deleteTopics(toDelete).all().get(30, TimeUnit.SECONDS);
                Poll.until("topics deleted: " + toDelete, Duration.ofSeconds(30),
                        () -> admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().noneMatch(toDelete::contains));
            }
            TopicSetup.apply(admin, topics, Duration.ofSeconds(30), null);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot reset the topics", e);
        }
    }

    /** A registry started by {@link #startEmptyRegistry}: empty, in memory, its own writer password. Close stops it. */
    public interface EmptyRegistry extends AutoCloseable {
        /** {@code http://localhost:PORT/apis/registry/v2}. */
        String url();

        String writerUsername();

        String writerPassword();

        @Override
        void close();
    }

    /**
     * A second schema registry, empty (the platform's own one holds what the tests registered): e.g. the registry of
     * the empty stack a backup is restored into. Started and ready when this returns; close it.
     */
    public static EmptyRegistry startEmptyRegistry(Path logDir) {
        RegistryProcess registry = RegistryProcess.start(logDir);
        try {
            registry.awaitReady(START_TIMEOUT);
        } catch (RuntimeException e) {
            registry.stop();
            throw e;
        }
        return new EmptyRegistry() {
            @Override
            public String url() {
                return "http://localhost:" + registry.port() + "/apis/registry/v2";
            }

            @Override
            public String writerUsername() {
                return RegistryProcess.WRITER_USER;
            }

            @Override
            public String writerPassword() {
                return registry.writerPassword();
            }

            @Override
            public void close() {
                registry.stop();
            }
        };
    }

    /**
     * Deletes consumer groups once they are empty: a member that left (a Kafka Streams app closed with leaveGroup) is
     * gone from the coordinator a moment later; waits up to {@code timeout}.
     */
    public static void deleteGroupsWhenEmpty(Admin admin, Collection<String> groups, Duration timeout) {
        Set<String> left = new java.util.TreeSet<>(groups);
        Poll.until("consumer groups deleted once without members: " + left, timeout, () -> {
            for (var e : admin.deleteConsumerGroups(left).deletedGroups().entrySet()) {
                try {
                    e.getValue().get(30, TimeUnit.SECONDS);
                    left.remove(e.getKey());
                } catch (java.util.concurrent.ExecutionException ex) {
                    if (ex.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                        left.remove(e.getKey());
                    } else if (!(ex.getCause() instanceof org.apache.kafka.common.errors.GroupNotEmptyException)) {
                        throw ex;
                    }
                }
            }
            return new java.util.TreeSet<>(left); // still with members
        }, Set::isEmpty);
    }

    /**
     * Deletes the topics whose names start with {@code prefix} (e.g. the Kafka Streams apps' internal topics, "mdma-")
     * and waits up to {@code timeout} until the broker no longer lists them.
     */
    public static void deleteTopicsStartingWith(Admin admin, String prefix, Duration timeout) throws Exception {
        Set<String> doomed = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(prefix)).collect(java.util.stream.Collectors.toSet());
        if (doomed.isEmpty()) {
            return;
        }
        admin.deleteTopics(doomed).all().get(30, TimeUnit.SECONDS);
        Poll.until("topics deleted: " + doomed, timeout,
                () -> admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().noneMatch(doomed::contains));
    }

    // ---------------------------------------------------------------------------------------------

    private static Map<String, String> start() {
        long t0 = System.nanoTime();
        Path work;
        try {
            work = Files.createTempDirectory("mdma-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the registry keeps its schemas in the broker: it starts once the broker, its users and topics are there
        RegistryProcess registry = null;
        KafkaClusterTestKit cluster = null;
        try {
            BrokerSecurity.Settings security = new BrokerSecurity.Settings(randomPassword(), null, null, null);
            List<AclTable.Entry> acls = AclTable.load();
            Map<String, String> passwords = new HashMap<>();
            AclTable.principals(acls).forEach(p -> passwords.put(p, randomPassword()));
            cluster = startBroker(work.resolve("kafka"), security);
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Admin.create(BrokerSecurity.adminClient(security, bootstrap))) {
                SecuritySetup.apply(admin, acls, passwords, Duration.ofSeconds(60), null);
                TopicSetup.apply(admin, TopicDefinitions.load(), Duration.ofSeconds(60), null);
            }
            registry = RegistryProcess.start(work, new RegistryProcess.Journal(bootstrap, PROTOCOL, REGISTRY_PRINCIPAL,
                    passwords.get(REGISTRY_PRINCIPAL), REGISTRY_JOURNAL, null));
            final RegistryProcess startedRegistry = registry;
            final KafkaClusterTestKit started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(startedRegistry, started, work), "mdma-test-platform-stop"));
            registry.awaitReady(START_TIMEOUT);
            Map<String, String> state = new HashMap<>();
            state.put(ADMIN_PASSWORD, security.adminPassword());
            passwords.forEach((p, pw) -> state.put(PASSWORD_PREFIX + p, pw));
            state.put(BOOTSTRAP, bootstrap);
            state.put(REGISTRY_PORT, Integer.toString(registry.port()));
            state.put(REGISTRY_PASSWORD, registry.writerPassword());
            state.put(WORK_DIR, work.toString());
            System.out.printf("[mdma-test] broker %s, registry http://localhost:%d/apis/registry/v2 ready in %d ms (work dir %s)%n",
                    bootstrap, registry.port(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), work);
            return Collections.unmodifiableMap(state);
        } catch (Exception e) {
            if (registry != null) {
                registry.stop();
            }
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the MDMA test platform: " + e.getMessage(), e);
        }
    }

    /** Loggers of the in-process broker turned down to WARNING (held: JUL keeps loggers weakly). */
    private static final List<java.util.logging.Logger> QUIET = new java.util.ArrayList<>();

    /**
     * The broker logs a lot at INFO; in a Quarkus test (JBoss LogManager behind JUL) that floods the output.
     * -Dmdma-platform.test.broker-log-level=INFO (or any java.util.logging level) changes the level.
     */
    private static void quietBrokerLogs() {
        java.util.logging.Level level;
        try {
            level = java.util.logging.Level.parse(System.getProperty("mdma-platform.test.broker-log-level", "WARNING"));
        } catch (IllegalArgumentException e) {
            level = java.util.logging.Level.WARNING;
        }
        for (String name : List.of("kafka", "state.change.logger", "org.apache.kafka.server", "org.apache.kafka.storage",
                "org.apache.kafka.controller", "org.apache.kafka.raft", "org.apache.kafka.metadata", "org.apache.kafka.image",
                "org.apache.kafka.coordinator", "org.apache.kafka.queue", "org.apache.kafka.common.test",
                "org.apache.kafka.common.network", "org.apache.kafka.common.security", "org.apache.kafka.common.utils",
                "org.apache.kafka.clients.admin.AdminClientConfig", "org.apache.kafka.common.metrics",
                "org.apache.kafka.snapshot", "org.apache.kafka.security", "org.apache.kafka.network",
                "org.apache.kafka.logger", "org.apache.kafka.common.config")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(level);
            QUIET.add(logger);
            // in a Quarkus test, slf4j goes to JBoss LogManager whether or not it is JUL's manager
            for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                    MdmaTestPlatform.class.getClassLoader()}) {
                try {
                    Class<?> contextClass = Class.forName("org.jboss.logmanager.LogContext", true, loader);
                    Object context = contextClass.getMethod("getLogContext").invoke(null);
                    Object jboss = contextClass.getMethod("getLogger", String.class).invoke(context, name);
                    if (jboss instanceof java.util.logging.Logger jbossLogger) {
                        jbossLogger.setLevel(level);
                        QUIET.add(jbossLogger);
                    }
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    // no JBoss LogManager here
                }
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Starts a single-node KRaft broker (combined with its controller) in {@code dir}, with the local broker's
     * listeners and security ({@link BrokerSecurity}) without TLS, and waits until it is ready; the platform's broker,
     * and a test's own when it needs more than one (e.g. two sites). The caller closes it.
     */
    public static KafkaClusterTestKit startBroker(Path dir, BrokerSecurity.Settings security) throws Exception {
        quietBrokerLogs();
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                // the local broker's listeners and security (BrokerSecurity), without TLS
                .setBrokerListenerName(new ListenerName(CLIENT_LISTENER))
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerListenerName(new ListenerName(CONTROLLER_LISTENER))
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(dir)
                // as the local broker: the newest production metadata version, not the kit's testing one
                .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        Map<String, String> config = new LinkedHashMap<>();
        // as on ./mdma's broker: one replica, topics from deploy/topics.csv only, data kept
        config.putAll(LocalBroker.SINGLE_NODE);
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("num.network.threads", "2");
        config.put("num.io.threads", "2");
        config.put("background.threads", "2");
        config.put("log.cleaner.dedupe.buffer.size", Long.toString(4L * 1024 * 1024));
        config.putAll(BrokerSecurity.brokerConfig(security, CLIENT_LISTENER, CONTROLLER_LISTENER));
        String prefix = "mdma-platform.test.kafka.";
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                config.put(name.substring(prefix.length()), System.getProperty(name));
            }
        }
        config.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    private static void stop(RegistryProcess registry, KafkaClusterTestKit cluster, Path work) {
        registry.stop();
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("[mdma-test] error stopping the broker: " + e);
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // temp dir; best effort
        }
    }
}
