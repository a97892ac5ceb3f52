package energy.mdma.platform.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** deploy/acls.csv: readable, consistent with deploy/topics.csv, and as narrow as the brief says. */
class AclTableTest {

    private static final Path ROOT = Path.of("../..");
    private final List<AclTable.Entry> table = AclTable.load(ROOT.resolve(AclTable.FILE_IN_REPO));
    private final Set<String> topics = TopicDefinitions.load(ROOT.resolve(TopicDefinitions.FILE_IN_REPO)).stream()
            .map(TopicDefinition::name).collect(Collectors.toSet());

    @Test
    void everyLiteralTopicOfTheTableExists() {
        for (AclTable.Entry e : table) {
            if (e.resource() == ResourceType.TOPIC && e.pattern() == PatternType.LITERAL) {
                assertTrue(topics.contains(e.name()), e + ": no such topic in deploy/topics.csv");
            }
        }
    }

    @Test
    void everyTopicHasAWriterAndTheHeadEndWritesOnlyItsInput() {
        Set<String> written = new TreeSet<>();
        for (AclTable.Entry e : table) {
            if (e.resource() == ResourceType.TOPIC && e.pattern() == PatternType.LITERAL
                    && e.operations().contains(AclOperation.WRITE)) {
                written.add(e.name());
            }
            // a principal's own namespace (the registry's mdma.registry.*)
            if (e.resource() == ResourceType.TOPIC && e.pattern() == PatternType.PREFIXED
                    && e.operations().contains(AclOperation.WRITE)) {
                topics.stream().filter(t -> t.startsWith(e.name())).forEach(written::add);
            }
        }
        Set<String> unwritten = new TreeSet<>(topics);
        unwritten.removeAll(written);
        assertEquals(Set.of(), unwritten, "topics nobody may write");
        List<AclTable.Entry> headend = table.stream().filter(e -> e.principal().equals("headend")).toList();
        assertEquals(1, headend.size(), "the head-end: one grant");
        assertEquals("mdma.headend.readings", headend.get(0).name());
        assertEquals(Set.of(AclOperation.WRITE), headend.get(0).operations());
        // the credentials (password hashes): read by the login services only
        Set<String> credentialReaders = table.stream().filter(e -> e.name().equals("mdma.credentials")
                && e.operations().contains(AclOperation.READ)).map(AclTable.Entry::principal).collect(Collectors.toSet());
        assertEquals(Set.of("ingest", "delivery"), credentialReaders);
        // nothing granted on a prefix that could cover the shared topics ("mdma."): the Streams apps' own prefixes and
        // the registry's namespace mdma.registry. (its journal) only
        table.stream().filter(e -> e.pattern() == PatternType.PREFIXED)
                .forEach(e -> assertTrue(e.name().startsWith("mdma-") && e.name().length() > "mdma-".length()
                        || e.principal().equals("registry") && e.name().equals("mdma.registry."), e.toString()));
        assertTrue(topics.stream().filter(t -> t.startsWith("mdma.registry.")).allMatch(t -> t.equals("mdma.registry.journal")),
                "only the registry's journal in its namespace");
    }

    @Test
    void aWrongLineSaysWhereAndWhat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AclTable.parse(
                new StringReader("principal,resource,pattern,name,operations\nvee,topic,literal,mdma.meters,delete\n"), "t.csv"));
        assertTrue(e.getMessage().startsWith("t.csv line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("read, write or all"), e.getMessage());
        IllegalArgumentException admin = assertThrows(IllegalArgumentException.class, () -> AclTable.parse(
                new StringReader("admin,topic,literal,mdma.meters,read\n"), "t.csv"));
        assertTrue(admin.getMessage().contains("super user"), admin.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AclTable.parse(
                new StringReader("vee,topic,literal,*,read\n"), "t.csv"));
    }
}
