package energy.mdma.platform.broker;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics of {@code deploy/topics.csv}, idempotently: missing topics are created, existing
 * topics keep their data and get their configs (cleanup.policy, retention.ms) brought in line and,
 * if they have fewer partitions than defined, more partitions. Partitions are never removed.
 *
 * <pre>
 * java -cp broker.jar energy.mdma.platform.broker.TopicSetup [--bootstrap-server localhost:9092]
 *      [--security-dir $MDMA_HOME/security] [--file deploy/topics.csv] [--timeout 60]
 * </pre>
 * With {@code --security-dir} it connects as the broker's super user (see {@link BrokerSecurity}).
 */
public final class TopicSetup {

    /** What {@link #apply} did. */
    public record Result(List<String> created, List<String> updated, List<String> unchanged, List<String> warnings) {
        @Override
        public String toString() {
            return "topics: " + created.size() + " created, " + updated.size() + " updated, "
                    + unchanged.size() + " unchanged" + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warnings");
        }
    }

    private TopicSetup() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = "localhost:9092";
        Path file = null;
        Path securityDir = null;
        int timeoutSeconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-server", "--bootstrap" -> bootstrap = args[++i];
                case "--file" -> file = Path.of(args[++i]);
                case "--security-dir" -> securityDir = Path.of(args[++i]);
                case "--timeout" -> timeoutSeconds = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: TopicSetup [--bootstrap-server host:port] [--security-dir dir] [--file topics.csv]"
                            + " [--timeout seconds]");
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        List<TopicDefinition> definitions = file != null ? TopicDefinitions.load(file) : TopicDefinitions.load();
        Properties props = new Properties();
        if (securityDir != null) {
            props.putAll(BrokerSecurity.adminClient(BrokerSecurity.load(securityDir), bootstrap));
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutSeconds * 1000));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(props)) {
            Result result = apply(admin, definitions, Duration.ofSeconds(timeoutSeconds), System.out);
            System.out.println(result);
        }
    }

    /** Applies the definitions; messages about each change go to {@code out} (may be null). */
    public static Result apply(Admin admin, Collection<TopicDefinition> definitions, Duration timeout, PrintStream out)
            throws InterruptedException, ExecutionException, TimeoutException {
        long t = timeout.toMillis();
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        int brokers = admin.describeCluster().nodes().get(t, TimeUnit.MILLISECONDS).size();
        short replication = (short) Math.max(1, Math.min(3, brokers));
        Set<String> existing = admin.listTopics().names().get(t, TimeUnit.MILLISECONDS);

        List<NewTopic> toCreate = new ArrayList<>();
        List<TopicDefinition> toCheck = new ArrayList<>();
        for (TopicDefinition def : definitions) {
            if (existing.contains(def.name())) {
                toCheck.add(def);
            } else {
                toCreate.add(new NewTopic(def.name(), Optional.of(def.partitions()), Optional.of(replication))
                        .configs(def.configs()));
            }
        }
        if (!toCreate.isEmpty()) {
            var results = admin.createTopics(toCreate).values();
            for (NewTopic topic : toCreate) {
                try {
                    results.get(topic.name()).get(t, TimeUnit.MILLISECONDS);
                    created.add(topic.name());
                    log(out, "created " + topic.name() + " (" + topic.numPartitions() + " partitions, " + topic.configs() + ")");
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        // created concurrently: check it like an existing one
                        definitions.stream().filter(d -> d.name().equals(topic.name())).forEach(toCheck::add);
                    } else {
                        throw e;
                    }
                }
            }
        }
        if (toCheck.isEmpty()) {
            return new Result(created, updated, unchanged, warnings);
        }

        Map<String, TopicDescription> descriptions = admin.describeTopics(toCheck.stream().map(TopicDefinition::name).toList())
                .allTopicNames().get(t, TimeUnit.MILLISECONDS);
        List<ConfigResource> resources = toCheck.stream()
                .map(d -> new ConfigResource(ConfigResource.Type.TOPIC, d.name())).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(t, TimeUnit.MILLISECONDS);

        Map<ConfigResource, Collection<AlterConfigOp>> alterations = new HashMap<>();
        Map<String, NewPartitions> morePartitions = new HashMap<>();
        for (TopicDefinition def : toCheck) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, def.name());
            Config current = configs.get(resource);
            List<AlterConfigOp> ops = new ArrayList<>();
            List<String> changes = new ArrayList<>();
            for (Map.Entry<String, String> wanted : def.configs().entrySet()) {
                ConfigEntry entry = current == null ? null : current.get(wanted.getKey());
                String value = entry == null ? null : entry.value();
                if (!wanted.getValue().equals(value)) {
                    ops.add(new AlterConfigOp(new ConfigEntry(wanted.getKey(), wanted.getValue()), AlterConfigOp.OpType.SET));
                    changes.add(wanted.getKey() + ": " + value + " -> " + wanted.getValue());
                }
            }
            if (!ops.isEmpty()) {
                alterations.put(resource, ops);
            }
            int have = descriptions.get(def.name()).partitions().size();
            if (have < def.partitions()) {
                morePartitions.put(def.name(), NewPartitions.increaseTo(def.partitions()));
                changes.add("partitions: " + have + " -> " + def.partitions());
            } else if (have > def.partitions()) {
                String warning = def.name() + " has " + have + " partitions, more than the " + def.partitions()
                        + " defined; partitions are never removed";
                warnings.add(warning);
                log(out, "WARNING: " + warning);
            }
            if (changes.isEmpty()) {
                unchanged.add(def.name());
            } else {
                updated.add(def.name());
                log(out, "updated " + def.name() + " " + changes);
            }
        }
        if (!alterations.isEmpty()) {
            admin.incrementalAlterConfigs(alterations).all().get(t, TimeUnit.MILLISECONDS);
        }
        if (!morePartitions.isEmpty()) {
            admin.createPartitions(morePartitions).all().get(t, TimeUnit.MILLISECONDS);
        }
        return new Result(created, updated, unchanged, warnings);
    }

    private static void log(PrintStream out, String message) {
        if (out != null) {
            out.println(message);
        }
    }
}
