package energy.mdma.platform.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import org.apache.kafka.common.config.TopicConfig;

/**
 * One line of {@code deploy/topics.csv}: a topic, its partition count, cleanup policy and (for
 * event logs) retention.
 */
public record TopicDefinition(String name, int partitions, Cleanup cleanup, OptionalLong retentionMs,
                              Map<String, String> extraConfigs) {

    public enum Cleanup {
        /** a table: latest value per key */
        COMPACT,
        /** an event log, deleted after the retention */
        DELETE;

        String policy() {
            return this == COMPACT ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE;
        }
    }

    public TopicDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cleanup, "cleanup");
        Objects.requireNonNull(retentionMs, "retentionMs");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name is blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be >= 1, was " + partitions);
        }
    }

    /** The topic-level configs this definition sets (and keeps set on re-runs). */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup.policy());
        retentionMs.ifPresent(ms -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ms)));
        configs.putAll(extraConfigs);
        return configs;
    }
}
