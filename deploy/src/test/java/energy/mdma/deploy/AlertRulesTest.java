package energy.mdma.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The operators' alerts of {@code deploy/cluster/monitoring} (operations.md section 3), checked offline: every service
 * of the {@code SERVICES} table of {@code ./mdma} has a "down" and a "not ready" rule on its StatefulSet that fires
 * within 5 minutes, and the Alertmanager configuration routes those rules' label to an e-mail receiver over TLS,
 * without a password in the file.
 */
class AlertRulesTest {

    private static final Path MONITORING = Path.of("cluster/monitoring");
    private static final Pattern STATEFULSET = Pattern.compile("statefulset=\"([^\"]+)\"");

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasDownAndNotReadyRulesRoutedToEmail() throws Exception {
        List<Map<String, Object>> docs = ClusterManifestsTest.yamlDocuments(MONITORING.resolve("alert-rules.yaml"));
        assertEquals(1, docs.size());
        Map<String, Object> rule = docs.get(0);
        assertEquals("PrometheusRule", rule.get("kind"));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec")).get("groups")) {
            Duration interval = duration((String) group.getOrDefault("interval", "1m"));
            assertTrue(interval.compareTo(Duration.ofMinutes(1)) <= 0, "evaluation interval " + interval);
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        Map<String, Object> labelsRouted = null;
        for (ClusterManifestsTest.MdmaService s : ClusterManifestsTest.mdmaServices()) {
            String workload = Files.readString(Path.of("cluster/services/" + s.module() + ".yaml"));
            assertTrue(workload.contains("kind: StatefulSet") && workload.contains("path: /q/health/ready"),
                    s.module() + " is a StatefulSet with a readiness probe (the rules read its ready replicas)");
            for (String alert : List.of("MdmaServiceDown", "MdmaServiceNotReady")) {
                Map<String, Object> r = rules.stream().filter(x -> alert.equals(x.get("alert"))
                                && statefulsets((String) x.get("expr")).equals(List.of(s.module())))
                        .findFirst().orElse(null);
                assertNotNull(r, "no " + alert + " rule for " + s.module() + " (" + s.name() + ")");
                Duration forDuration = duration((String) r.get("for"));
                assertTrue(forDuration.plusSeconds(30 + 30 + 30).compareTo(Duration.ofMinutes(5)) <= 0,
                        alert + " of " + s.module() + " would not alert within 5 minutes: for " + forDuration);
                Map<String, Object> labels = (Map<String, Object>) r.get("labels");
                assertEquals("mdma-operators", labels.get("team"));
                assertNotNull(((Map<String, Object>) r.get("annotations")).get("summary"));
                labelsRouted = labels;
            }
        }
        assertNotNull(labelsRouted);

        Map<String, Object> am = ClusterManifestsTest.yamlDocuments(MONITORING.resolve("alertmanager.yaml")).get(0);
        Map<String, Object> global = (Map<String, Object>) am.get("global");
        assertEquals(Boolean.TRUE, global.get("smtp_require_tls"), "STARTTLS required");
        String text = Files.readString(MONITORING.resolve("alertmanager.yaml"));
        assertFalse(text.matches("(?s).*\\bsmtp_auth_password\\s*:.*") || text.matches("(?s).*\\bauth_password\\s*:.*"),
                "no password in the Alertmanager configuration (use a *_password_file)");
        Map<String, Object> route = (Map<String, Object>) am.get("route");
        String receiver = null;
        for (Map<String, Object> sub : (List<Map<String, Object>>) route.get("routes")) {
            List<String> matchers = (List<String>) sub.get("matchers");
            if (matchers != null && matchers.contains("team=\"" + labelsRouted.get("team") + "\"")) {
                receiver = (String) sub.get("receiver");
            }
        }
        assertNotNull(receiver, "no route for team=" + labelsRouted.get("team"));
        String name = receiver;
        Map<String, Object> r = ((List<Map<String, Object>>) am.get("receivers")).stream()
                .filter(x -> name.equals(x.get("name"))).findFirst().orElseThrow(() -> new AssertionError("no receiver " + name));
        List<Map<String, Object>> email = (List<Map<String, Object>>) r.get("email_configs");
        assertTrue(email != null && !email.isEmpty() && email.get(0).get("to") != null, "the route ends in e-mail");
        assertTrue(global.get("smtp_smarthost") != null && global.get("smtp_from") != null);
    }

    private static List<String> statefulsets(String expr) {
        List<String> out = new ArrayList<>();
        Matcher m = STATEFULSET.matcher(expr == null ? "" : expr);
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** Prometheus durations as used here: 30s, 2m, 1h. */
    private static Duration duration(String d) {
        Matcher m = Pattern.compile("(\\d+)([smh])").matcher(d.strip());
        assertTrue(m.matches(), "duration " + d);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
