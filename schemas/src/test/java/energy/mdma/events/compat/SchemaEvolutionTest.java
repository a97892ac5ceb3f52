package energy.mdma.events.compat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event schema must stay backward compatible with the released baseline kept in
 * {@code src/main/avro-baseline}: a consumer built on the current schema reads every record
 * written with the baseline (data in the log lives for years).
 */
class SchemaEvolutionTest {

    static List<String> incompatibilities(Map<String, Schema> baseline, Map<String, Schema> current) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Schema> old : baseline.entrySet()) {
            Schema now = current.get(old.getKey());
            if (now == null) {
                problems.add(old.getKey() + ": removed (data written with it could no longer be read)");
                continue;
            }
            var result = SchemaCompatibility.checkReaderWriterCompatibility(now, old.getValue());
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(old.getKey() + ": " + result.getResult().getIncompatibilities());
            }
        }
        return problems;
    }

    @Test
    void currentSchemasReadEverythingTheBaselineWrote() {
        Map<String, Schema> baseline = SchemaSet.load(Path.of("src/main/avro-baseline"));
        Map<String, Schema> current = SchemaSet.load(Path.of("src/main/avro"));
        assertFalse(baseline.isEmpty(), "baseline holds no schema");
        assertEquals(List.of(), incompatibilities(baseline, current),
                "incompatible schema change: add fields with defaults, never remove or retype one");
    }

    @Test
    void aDeliberatelyIncompatibleChangeIsCaught() throws Exception {
        Map<String, Schema> baseline = SchemaSet.load(Path.of("src/main/avro-baseline"));
        // IntervalBlock with a new field without default and a retyped field
        Map<String, Schema> changed = new java.util.TreeMap<>(baseline);
        Schema.Parser parser = new Schema.Parser();
        parser.addTypes(baseline.values().stream()
                .filter(s -> !s.getFullName().equals("energy.mdma.events.IntervalBlock")).toList());
        Schema broken = parser.parse(SchemaEvolutionTest.class.getResourceAsStream("/incompatible/IntervalBlock.avsc"));
        changed.put(broken.getFullName(), broken);
        List<String> problems = incompatibilities(baseline, changed);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("energy.mdma.events.IntervalBlock"), problems.toString());
        assertTrue(problems.get(0).contains("READER_FIELD_MISSING_DEFAULT"), problems.toString());
    }

    @Test
    void aRemovedTypeIsCaught() {
        Map<String, Schema> baseline = SchemaSet.load(Path.of("src/main/avro-baseline"));
        Map<String, Schema> changed = new java.util.TreeMap<>(baseline);
        changed.remove("energy.mdma.events.RegisterReading");
        assertEquals(List.of("energy.mdma.events.RegisterReading: removed (data written with it could no longer be read)"),
                incompatibilities(baseline, changed));
    }
}
