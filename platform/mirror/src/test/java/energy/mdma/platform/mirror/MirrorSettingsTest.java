package energy.mdma.platform.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import energy.mdma.platform.broker.BrokerSecurity;
import energy.mdma.platform.broker.TopicDefinition;
import energy.mdma.platform.broker.TopicDefinitions;

import org.junit.jupiter.api.Test;

/** The second site's MM2 configuration: what it replicates and how (the settings the brief and the runbook promise). */
class MirrorSettingsTest {

    private static final BrokerSecurity.Settings SECURITY = new BrokerSecurity.Settings("secret-admin-pw", null, null, null);

    @Test
    void replicatesEveryTopicOfTheTableAndTheStreamsInternalTopicsUnderTheirNames() {
        Map<String, String> c = MirrorSettings.config("p:9092", "d:19092", SECURITY, 1, 19083, 5);
        assertEquals("org.apache.kafka.connect.mirror.IdentityReplicationPolicy", c.get("replication.policy.class"));
        assertEquals("true", c.get("primary->dr.enabled"));
        assertEquals("false", c.get("dr->primary.enabled"));
        Pattern topics = Pattern.compile(MirrorSettings.TOPICS_REGEX);
        List<TopicDefinition> table = TopicDefinitions.load(Path.of("../../deploy/topics.csv"));
        for (TopicDefinition t : table) {
            assertTrue(topics.matcher(t.name()).matches(), "not replicated: " + t.name());
        }
        for (String internal : List.of("mdma.registry.journal", "mdma-vee-readings-store-changelog",
                "mdma-edi-report-requests-repartition")) {
            assertTrue(topics.matcher(internal).matches(), "not replicated: " + internal);
        }
        assertFalse(topics.matcher("mm2-offsets.primary.internal").matches());
        assertFalse(topics.matcher("__consumer_offsets").matches());
        // the MM2 list form says the same as the regex
        assertEquals(MirrorSettings.TOPICS_REGEX, String.join("|", c.get("primary->dr.topics").split(",\\s*")));
    }

    @Test
    void readsCommittedOnlyExactlyOnceSyncsGroupsAndConfigsAndWritesNothingOnThePrimary() {
        Map<String, String> c = MirrorSettings.config("p:9092", "d:19092", SECURITY, 1, 19083, 5);
        assertEquals("read_committed", c.get("primary.consumer.isolation.level"));
        assertEquals("enabled", c.get("dr.exactly.once.source.support"));
        assertEquals("true", c.get("dedicated.mode.enable.internal.rest"));
        assertEquals("http://localhost:19083", c.get("listeners"));
        assertEquals("true", c.get("primary->dr.sync.group.offsets.enabled"));
        assertEquals("true", c.get("primary->dr.sync.topic.configs.enabled"));
        assertEquals("false", c.get("primary->dr.sync.topic.acls.enabled"));
        assertEquals("target", c.get("primary->dr.offset-syncs.topic.location"));
        assertEquals("false", c.get("primary->dr.emit.heartbeats.enabled"));
        assertEquals("false", c.get("dr->primary.emit.heartbeats.enabled"));
        assertEquals("p:9092", c.get("primary.bootstrap.servers"));
        assertEquals("d:19092", c.get("dr.bootstrap.servers"));
    }

    @Test
    void withoutARestPortThereIsNoExactlyOnceSource() {
        Map<String, String> c = MirrorSettings.config("p:9092", "d:19092", SECURITY, 3, 0, 5);
        assertFalse(c.containsKey("dr.exactly.once.source.support"));
        assertFalse(c.containsKey("listeners"));
        assertEquals("3", c.get("replication.factor"));
        assertEquals("3", c.get("dr.offset.storage.replication.factor"));
    }
}
