package energy.mdma.platform.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class TopicDefinitionsTest {

    private static final long RETENTION = Duration.ofDays(3 * 365 + 1 + 90).toMillis();

    @Test
    void deployTopicsCsvHasTheLeadsTopics() {
        List<TopicDefinition> defs = TopicDefinitions.load(Path.of("../../deploy/topics.csv"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("mdma.parties", "1 COMPACT");
        expected.put("mdma.credentials", "1 COMPACT");
        expected.put("mdma.meters", "6 COMPACT");
        expected.put("mdma.channels", "6 COMPACT");
        expected.put("mdma.schedules", "1 COMPACT");
        expected.put("mdma.files.received", "3 DELETE");
        expected.put("mdma.files.rejected-rows", "3 DELETE");
        expected.put("mdma.readings.intervals", "6 DELETE");
        expected.put("mdma.readings.registers", "6 DELETE");
        expected.put("mdma.readings.rejected", "3 DELETE");
        expected.put("mdma.vee.channel-periods", "6 DELETE");
        expected.put("mdma.vee.exceptions", "3 DELETE");
        expected.put("mdma.vee.edits", "6 DELETE"); // co-partitioned with the readings
        expected.put("mdma.edi.documents", "3 DELETE");
        expected.put("mdma.mailbox.events", "3 DELETE");
        expected.put("mdma.audit", "3 DELETE");
        expected.put("mdma.notices", "1 DELETE");
        expected.put("mdma.timeliness", "3 DELETE");
        Map<String, String> actual = new LinkedHashMap<>();
        for (TopicDefinition def : defs) {
            actual.put(def.name(), def.partitions() + " " + def.cleanup());
            if (def.cleanup() == TopicDefinition.Cleanup.DELETE) {
                // spec (delivery.md, Retention): kept at least 3 years, default 3 years and 90 days
                long retention = def.retentionMs().orElseThrow();
                assertTrue(retention == -1 || retention >= RETENTION, def.name() + " retention " + retention);
            } else {
                assertTrue(def.retentionMs().isEmpty(), def.name());
                assertEquals(Map.of("cleanup.policy", "compact"), def.configs());
            }
        }
        // the lead's design; other topics may be added to the file
        expected.forEach((name, what) -> assertEquals(what, actual.get(name), name));
        assertEquals(Long.toString(RETENTION), defs.stream().filter(d -> d.name().equals("mdma.audit"))
                .findFirst().orElseThrow().configs().get("retention.ms"));
        // 867 files travel with their bytes
        assertEquals("16777216", defs.stream().filter(d -> d.name().equals("mdma.edi.documents"))
                .findFirst().orElseThrow().configs().get("max.message.bytes"));
        // the readings and the manual edits of a meter channel meet in one task
        assertEquals(actual.get("mdma.readings.intervals"), actual.get("mdma.vee.edits"));
    }

    @Test
    void packagedCopyIsTheSameFile() {
        assertEquals(TopicDefinitions.load(Path.of("../../deploy/topics.csv")),
                TopicDefinitions.loadResource(TopicDefinitions.RESOURCE));
    }

    @Test
    void parsesDurationsAndRejectsBadLines() throws Exception {
        List<TopicDefinition> defs = TopicDefinitions.parse(new StringReader(
                "# c\nname,partitions,cleanup,retention\na,1,delete,12h\nb,2,DELETE,-1\nc,3,compact\nd,1,delete,500 # ms\n"), "t");
        assertEquals(OptionalLong.of(Duration.ofHours(12).toMillis()), defs.get(0).retentionMs());
        assertEquals(OptionalLong.of(-1), defs.get(1).retentionMs());
        assertTrue(defs.get(2).retentionMs().isEmpty());
        assertEquals(OptionalLong.of(500), defs.get(3).retentionMs());
        assertThrows(IllegalArgumentException.class, () -> TopicDefinitions.parse(new StringReader("a,0,delete,1d"), "t"));
        assertThrows(IllegalArgumentException.class, () -> TopicDefinitions.parse(new StringReader("a,1,forever,1d"), "t"));
        assertThrows(IllegalArgumentException.class, () -> TopicDefinitions.parse(new StringReader("a,1,delete,1y"), "t"));
        assertThrows(IllegalArgumentException.class, () -> TopicDefinitions.parse(new StringReader("a,1,delete\na,2,delete"), "t"));
        assertThrows(IllegalArgumentException.class, () -> TopicDefinitions.parse(new StringReader("a,1,delete,1d,max.message.bytes"), "t"));
        TopicDefinition withConfigs = TopicDefinitions.parse(new StringReader("e,1,delete,1d,max.message.bytes=100;segment.ms=60000"), "t").get(0);
        assertEquals("100", withConfigs.configs().get("max.message.bytes"));
        assertEquals("60000", withConfigs.configs().get("segment.ms"));
    }
}
