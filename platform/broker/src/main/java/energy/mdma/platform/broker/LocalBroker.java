package energy.mdma.platform.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Single-node Kafka (KRaft, broker+controller in one process) for the local stack.
 *
 * <p>Settings (system properties, then environment):
 * <ul>
 * <li>{@code mdma-platform.kafka.dir} / {@code MDMA_KAFKA_DIR}: log.dirs (default {@code $MDMA_HOME/kafka}, MDMA_HOME
 * defaulting to {@code ./.mdma})</li>
 * <li>{@code mdma-platform.kafka.host} / {@code MDMA_KAFKA_HOST}: host the listeners bind to and advertise (default localhost)</li>
 * <li>{@code mdma-platform.kafka.port} / {@code MDMA_KAFKA_PORT}: PLAINTEXT listener (default 9092)</li>
 * <li>{@code mdma-platform.kafka.controller.port} / {@code MDMA_KAFKA_CONTROLLER_PORT}: controller listener (default 9093)</li>
 * <li>{@code -Dkafka.<any broker config>=<value>}: passed to the broker as is, overriding the defaults</li>
 * </ul>
 * The storage is formatted (new cluster id) only when {@code meta.properties} is missing, so data survives
 * restarts. SIGTERM (or Ctrl-C) shuts the broker down cleanly.
 */
public final class LocalBroker {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private LocalBroker() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(setting("mdma-platform.kafka.dir", "MDMA_KAFKA_DIR",
                Path.of(setting("mdma-platform.home", "MDMA_HOME", ".mdma"), "kafka").toString())).toAbsolutePath();
        String host = setting("mdma-platform.kafka.host", "MDMA_KAFKA_HOST", "localhost");
        int port = Integer.parseInt(setting("mdma-platform.kafka.port", "MDMA_KAFKA_PORT", "9092"));
        int controllerPort = Integer.parseInt(setting("mdma-platform.kafka.controller.port", "MDMA_KAFKA_CONTROLLER_PORT", "9093"));

        Properties props = config(dir, host, port, controllerPort);
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("kafka.")) {
                props.setProperty(name.substring("kafka.".length()), System.getProperty(name));
            }
        }
        Files.createDirectories(dir);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        formatIfNeeded(config, dir);

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        Thread hook = new Thread(() -> {
            log("stopping broker");
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (Throwable t) {
                log("error during shutdown: " + t);
            }
            log("broker stopped");
        }, "mdma-broker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.startup();
        } catch (Throwable t) {
            log("broker failed to start: " + t);
            t.printStackTrace();
            Runtime.getRuntime().removeShutdownHook(hook);
            try {
                server.shutdown();
            } catch (Throwable ignored) {
                // already failing
            }
            System.exit(1);
        }
        log("broker ready: bootstrap servers " + host + ":" + port + ", controller " + host + ":" + controllerPort
                + ", data " + dir);
        server.awaitShutdown();
    }

    /** The broker configuration of the local stack (before {@code -Dkafka.*} overrides). */
    public static Properties config(Path dir, String host, int port, int controllerPort) {
        Map<String, String> c = new TreeMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", Integer.toString(NODE_ID));
        c.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        c.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        c.put("controller.listener.names", CONTROLLER_LISTENER);
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        c.put("log.dirs", dir.toString());
        // single node: every internal topic with one replica
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "10");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "10");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("min.insync.replicas", "1");
        c.put("default.replication.factor", "1");
        c.put("num.partitions", "1");
        // keep data unless a topic says otherwise (event logs set retention.ms in deploy/topics.csv)
        c.put("log.retention.ms", "-1");
        c.put("log.retention.bytes", "-1");
        // topics come from deploy/topics.csv; Kafka Streams creates its internal topics itself
        c.put("auto.create.topics.enable", "false");
        c.put("group.initial.rebalance.delay.ms", "0");
        // lean on a shared 2-core machine
        c.put("num.network.threads", "2");
        c.put("num.io.threads", "4");
        c.put("background.threads", "4");
        c.put("num.recovery.threads.per.data.dir", "1");
        c.put("log.cleaner.threads", "1");
        c.put("log.cleaner.dedupe.buffer.size", Long.toString(16L * 1024 * 1024));
        Properties props = new Properties();
        props.putAll(c);
        return props;
    }

    /** Formats the storage with a fresh cluster id unless it was formatted before. */
    static void formatIfNeeded(KafkaConfig config, Path dir) throws Exception {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        log("formatting " + dir + " (cluster id " + clusterId + ")");
        List<String> listeners = config.controllerListenerNames();
        new Formatter()
                .setPrintStream(System.out)
                .setClusterId(clusterId)
                .setNodeId(config.nodeId())
                .setControllerListenerName(listeners.isEmpty() ? CONTROLLER_LISTENER : listeners.get(0))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(List.of(dir.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setUnstableFeatureVersionsEnabled(false)
                .setIgnoreFormatted(true)
                .run();
    }

    static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void log(String message) {
        System.out.println("[mdma-broker] " + message);
        System.out.flush();
    }

}
