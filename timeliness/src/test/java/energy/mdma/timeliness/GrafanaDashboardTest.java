package energy.mdma.timeliness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard in deploy/grafana queries only the metric names the module exports. */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "mdma-timeliness.json");

    @Test
    void dashboardUsesTheExportedMetrics() throws Exception {
        assertTrue(Files.isRegularFile(DASHBOARD), "the Grafana dashboard is not at " + DASHBOARD.toAbsolutePath()
                + " (run the tests in a checkout: deploy/grafana is part of the repository)");
        JsonNode d = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertEquals("mdma-timeliness", d.get("uid").asText());
        Set<String> used = new TreeSet<>();
        Set<String> labels = new TreeSet<>();
        for (JsonNode panel : d.get("panels")) {
            assertTrue(panel.has("targets"), panel.get("title").asText());
            for (JsonNode t : panel.get("targets")) {
                String expr = t.get("expr").asText();
                Matcher m = Pattern.compile("mdma_timeliness_[a-z_]+").matcher(expr);
                while (m.find()) {
                    used.add(m.group());
                }
                Matcher l = Pattern.compile("([a-z_]+)(=~|=|!=)\"").matcher(expr);
                while (l.find()) {
                    labels.add(l.group(1));
                }
            }
        }
        Set<String> exported = Set.of(GaugeSample.OBLIGATIONS, GaugeSample.LATE, GaugeSample.MET, GaugeSample.PERCENT,
                GaugeSample.TARGET, GaugeSample.DEADLINE, GaugeSample.STATUS);
        assertFalse(used.isEmpty());
        assertTrue(exported.containsAll(used), "unknown metrics in the dashboard: " + used);
        assertTrue(used.containsAll(Set.of(GaugeSample.PERCENT, GaugeSample.OBLIGATIONS, GaugeSample.LATE)));
        assertTrue(Set.of("data_type", "udc", "esp", "read_date", "deadline", "status").containsAll(labels),
                "unknown labels: " + labels);
    }
}
