package energy.mdma.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import energy.mdma.platform.broker.AclTable;
import energy.mdma.platform.broker.TopicDefinition;
import energy.mdma.platform.broker.TopicDefinitions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps the cluster manifests of {@code deploy/cluster} in line with the code: every service of the
 * {@code SERVICES} table of {@code ./mdma} has a workload, its container, probe and Service ports are the defaults
 * of its {@code application.properties}, its {@code JAVA_OPTS} hold the JIT options of {@code ./mdma}
 * ({@code JIT_OPTS}), and {@code kafka/topics.yaml} is what {@code topics-to-strimzi.py} makes of
 * {@code deploy/topics.csv}. Plain file checks: no cluster, no network. (SnakeYAML comes with Kafka's runtime
 * dependencies.)
 */
class ClusterManifestsTest {

    private static final Path ROOT = Path.of("..");
    private static final Path CLUSTER = ROOT.resolve("deploy/cluster");
    private static final String IMAGE_TAG = "0.1.0";

    /** One line of the SERVICES table of ./mdma. */
    record MdmaService(String name, String module, Set<Integer> ports, int healthPort) {
    }

    /** name|module|jar|ports|health URL|endpoint */
    private static final Pattern SERVICE_LINE =
            Pattern.compile("^\\s*\"([^|\"]+)\\|([^|\"]+)\\|[^|\"]*\\|([0-9,]*)\\|([^|\"]*)\\|[^|\"]*\"\\s*$");
    private static final Pattern PORT_IN_URL = Pattern.compile("^https?://[^:/]+:(\\d+)/");

    static List<MdmaService> mdmaServices() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("mdma"), StandardCharsets.UTF_8);
        int start = lines.indexOf("SERVICES=(");
        assertTrue(start >= 0, "./mdma has no SERVICES=( table");
        List<MdmaService> services = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).strip().equals(")"); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher m = SERVICE_LINE.matcher(line);
            assertTrue(m.matches(), "cannot read this line of the SERVICES table of ./mdma: " + line);
            Set<Integer> ports = new HashSet<>();
            for (String p : m.group(3).split(",")) {
                ports.add(Integer.parseInt(p.strip()));
            }
            Matcher health = PORT_IN_URL.matcher(m.group(4));
            assertTrue(health.find(), "no port in the health URL of " + m.group(1));
            services.add(new MdmaService(m.group(1), m.group(2), ports, Integer.parseInt(health.group(1))));
        }
        assertFalse(services.isEmpty(), "the SERVICES table of ./mdma is empty");
        return services;
    }

    static List<Map<String, Object>> yamlDocuments(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), "missing " + file);
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object doc : yaml.loadAll(reader)) {
                if (doc != null) {
                    docs.add(map(doc, file + ": a document"));
                }
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String what) {
        assertTrue(o instanceof Map, what + " is not a mapping: " + o);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String what) {
        assertTrue(o instanceof List, what + " is not a list: " + o);
        return (List<Object>) o;
    }

    static Map<String, Object> at(Map<String, Object> m, String what, String... path) {
        Object o = m;
        StringBuilder where = new StringBuilder(what);
        for (String key : path) {
            where.append('.').append(key);
            o = map(o, where.toString()).get(key);
            assertNotNull(o, where + " is missing");
        }
        return map(o, where.toString());
    }

    static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name, Path file) {
        return docs.stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, kind, "metadata").get("name")))
                .findFirst()
                .orElseGet(() -> fail(file + " has no " + kind + " named " + name));
    }

    /** The value of a setting of application.properties (profile-less), with its ${ENV:default} resolved to the default. */
    static Integer propertyPort(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null) {
            return null;
        }
        value = value.strip();
        while (value.startsWith("${") && value.endsWith("}")) {
            int colon = value.indexOf(':');
            assertTrue(colon > 0, key + " = " + value + " has no default");
            value = value.substring(colon + 1, value.length() - 1).strip();
        }
        return Integer.parseInt(value);
    }

    static Properties applicationProperties(String module) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(module).resolve("src/main/resources/application.properties"),
                StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        return props;
    }

    static Path workloadFile(String module) {
        return CLUSTER.resolve("services").resolve(module + ".yaml");
    }

    static List<String> kustomizationResources(Path dir) throws IOException {
        Map<String, Object> k = yamlDocuments(dir.resolve("kustomization.yaml")).get(0);
        List<String> resources = new ArrayList<>();
        for (Object r : list(k.get("resources"), dir + "/kustomization.yaml resources")) {
            resources.add(String.valueOf(r));
        }
        return resources;
    }

    @Test
    void everyServiceOfMdmaHasAWorkloadInTheKustomization() throws IOException {
        List<String> resources = kustomizationResources(CLUSTER);
        Map<String, Object> kustomization = yamlDocuments(CLUSTER.resolve("kustomization.yaml")).get(0);
        Set<String> images = new HashSet<>();
        for (Object image : list(kustomization.get("images"), "kustomization images")) {
            images.add(String.valueOf(map(image, "image").get("name")));
        }
        for (MdmaService s : mdmaServices()) {
            Path file = workloadFile(s.module());
            List<Map<String, Object>> docs = yamlDocuments(file);
            Map<String, Object> sts = find(docs, "StatefulSet", s.module(), file);
            assertTrue(resources.contains("services/" + s.module() + ".yaml"),
                    "deploy/cluster/kustomization.yaml does not list services/" + s.module() + ".yaml");
            assertTrue(images.contains("mdma/" + s.module()), "no images: entry for mdma/" + s.module());
            Map<String, Object> container = container(sts, s.module(), file);
            assertEquals("mdma/" + s.module() + ":" + IMAGE_TAG, container.get("image"), file + ": image");
            find(docs, "PodDisruptionBudget", s.module(), file);
            // the governing service of the StatefulSet exists (headless)
            String serviceName = String.valueOf(at(sts, file.toString(), "spec").get("serviceName"));
            Map<String, Object> governing = find(docs, "Service", serviceName, file);
            assertEquals("None", at(governing, serviceName, "spec").get("clusterIP"), serviceName + " must be headless");
        }
    }

    static Map<String, Object> container(Map<String, Object> workload, String name, Path file) {
        List<Object> containers = list(at(workload, file.toString(), "spec", "template", "spec").get("containers"),
                file + " containers");
        return containers.stream().map(c -> map(c, "container")).filter(c -> name.equals(c.get("name")))
                .findFirst().orElseGet(() -> fail(file + " has no container named " + name));
    }

    /** Container port name -> the application.properties key whose default it must equal. */
    private static final Map<String, String> PORT_SETTINGS = Map.of(
            "https", "quarkus.http.ssl-port",
            "http", "quarkus.http.port",
            "management", "quarkus.management.port");

    @Test
    void portsAndProbesAreTheDefaultsOfApplicationProperties() throws IOException {
        for (MdmaService s : mdmaServices()) {
            Path file = workloadFile(s.module());
            List<Map<String, Object>> docs = yamlDocuments(file);
            Map<String, Object> sts = find(docs, "StatefulSet", s.module(), file);
            Map<String, Object> container = container(sts, s.module(), file);
            Properties props = applicationProperties(s.module());

            Map<String, Integer> ports = new TreeMap<>();
            for (Object p : list(container.get("ports"), file + " ports")) {
                Map<String, Object> port = map(p, file + " port");
                ports.put(String.valueOf(port.get("name")), ((Number) port.get("containerPort")).intValue());
            }
            for (Map.Entry<String, Integer> port : ports.entrySet()) {
                String setting = PORT_SETTINGS.get(port.getKey());
                assertNotNull(setting, file + ": unknown port name " + port.getKey() + " (one of " + PORT_SETTINGS.keySet() + ")");
                assertEquals(propertyPort(props, setting), port.getValue(),
                        file + ": port " + port.getKey() + " must be the default of " + setting + " in " + s.module()
                                + "/src/main/resources/application.properties");
                assertTrue(s.ports().contains(port.getValue()),
                        file + ": port " + port.getValue() + " is not in the ports of " + s.name() + " in ./mdma " + s.ports());
            }
            int management = Objects.requireNonNull(propertyPort(props, "quarkus.management.port"), "management port");
            assertEquals(management, ports.get("management"), file + ": no management port " + management);
            assertEquals(s.healthPort(), management, "./mdma checks the health of " + s.name() + " on another port");
            Integer api = propertyPort(props, "quarkus.http.ssl-port");
            if (api != null) {
                assertEquals(api, ports.get("https"), file + ": the HTTPS API port is not declared");
                Map<String, Object> apiService = find(docs, "Service", s.module(), file);
                assertServicePort(apiService, "https", api, ports, file);
            }

            // probes on the management port, at the Quarkus health endpoints
            Map<String, String> probePaths = Map.of(
                    "readinessProbe", "/q/health/ready",
                    "livenessProbe", "/q/health/live",
                    "startupProbe", "/q/health/live");
            for (Map.Entry<String, String> probe : probePaths.entrySet()) {
                if (probe.getKey().equals("startupProbe") && !container.containsKey("startupProbe")) {
                    continue;
                }
                Map<String, Object> get = at(container, file + " " + s.module(), probe.getKey(), "httpGet");
                assertEquals(probe.getValue(), get.get("path"), file + ": " + probe.getKey() + " path");
                assertEquals(management, resolvePort(get.get("port"), ports, file + " " + probe.getKey()),
                        file + ": " + probe.getKey() + " must be on the management port " + management);
            }

            // the management Service (metrics) reaches the management port
            String serviceName = String.valueOf(at(sts, file.toString(), "spec").get("serviceName"));
            assertServicePort(find(docs, "Service", serviceName, file), "management", management, ports, file);
            Map<String, Object> annotations = at(sts, file.toString(), "spec", "template", "metadata", "annotations");
            assertEquals(String.valueOf(management), annotations.get("prometheus.io/port"), file + ": prometheus.io/port");
        }
    }

    static int resolvePort(Object port, Map<String, Integer> containerPorts, String what) {
        if (port instanceof Number n) {
            return n.intValue();
        }
        Integer named = containerPorts.get(String.valueOf(port));
        assertNotNull(named, what + ": port " + port + " is not a container port");
        return named;
    }

    static void assertServicePort(Map<String, Object> service, String name, int expected, Map<String, Integer> containerPorts,
                                  Path file) {
        List<Object> ports = list(at(service, file.toString(), "spec").get("ports"), file + " service ports");
        Map<String, Object> port = ports.stream().map(p -> map(p, "service port")).filter(p -> name.equals(p.get("name")))
                .findFirst().orElseGet(() -> fail(file + ": Service " + at(service, "service", "metadata").get("name")
                        + " has no port " + name));
        assertEquals(expected, ((Number) port.get("port")).intValue(), file + ": Service port " + name);
        assertEquals(expected, resolvePort(port.get("targetPort"), containerPorts, file + " targetPort " + name),
                file + ": Service targetPort " + name);
    }

    @Test
    void instanceIdsAreThePodNamesAndStateIsOnTheVolume() throws IOException {
        Map<String, String> instanceVariable = Map.of(
                "ingest-service", "MDMA_INGEST_INSTANCE",
                "vee-service", "MDMA_INSTANCE_ID",
                "edi-service", "MDMA_INSTANCE_ID");
        for (MdmaService s : mdmaServices()) {
            Path file = workloadFile(s.module());
            Map<String, Object> sts = find(yamlDocuments(file), "StatefulSet", s.module(), file);
            Map<String, Object> container = container(sts, s.module(), file);
            Map<String, Map<String, Object>> env = new LinkedHashMap<>();
            for (Object e : list(container.getOrDefault("env", List.of()), file + " env")) {
                Map<String, Object> var = map(e, "env var");
                env.put(String.valueOf(var.get("name")), var);
            }
            String variable = instanceVariable.get(s.module());
            if (variable != null) {
                Map<String, Object> var = env.get(variable);
                assertNotNull(var, file + ": " + variable + " is not set");
                assertEquals("metadata.name", at(var, variable, "valueFrom", "fieldRef").get("fieldPath"),
                        file + ": " + variable + " must be the pod name (downward API)");
            }
            // MDMA_HOME (config.yaml) is the mount point of the volume claim template
            List<Object> claims = list(at(sts, file.toString(), "spec").get("volumeClaimTemplates"), file + " volumeClaimTemplates");
            String claim = String.valueOf(at(map(claims.get(0), "claim"), "claim", "metadata").get("name"));
            String mountPath = list(container.get("volumeMounts"), file + " volumeMounts").stream()
                    .map(m -> map(m, "mount")).filter(m -> claim.equals(m.get("name")))
                    .map(m -> String.valueOf(m.get("mountPath"))).findFirst()
                    .orElseGet(() -> fail(file + ": the volume claim " + claim + " is not mounted"));
            Map<String, Object> config = find(yamlDocuments(CLUSTER.resolve("config.yaml")), "ConfigMap", "mdma-config",
                    CLUSTER.resolve("config.yaml"));
            assertEquals(mountPath, at(config, "mdma-config", "data").get("MDMA_HOME"), file + ": MDMA_HOME must be the volume");
            Map<String, Object> stateDir = env.get("KAFKA_STREAMS_STATE_DIR");
            if (stateDir != null) {
                assertTrue(String.valueOf(stateDir.get("value")).startsWith(mountPath + "/"),
                        file + ": the Kafka Streams state dir must be on the volume");
            }
        }
    }

    @Test
    void topicsYamlMatchesTopicsCsv() throws IOException {
        Path file = CLUSTER.resolve("kafka/topics.yaml");
        Map<String, Map<String, Object>> topics = new LinkedHashMap<>();
        for (Map<String, Object> doc : yamlDocuments(file)) {
            assertEquals("KafkaTopic", doc.get("kind"), file + ": only KafkaTopic resources");
            Map<String, Object> spec = at(doc, "KafkaTopic", "spec");
            Object previous = topics.put(String.valueOf(spec.get("topicName")), spec);
            assertNull(previous, file + ": topic " + spec.get("topicName") + " twice");
        }
        String regenerate = " (regenerate: python3 deploy/cluster/topics-to-strimzi.py)";
        List<TopicDefinition> defs = TopicDefinitions.load(ROOT.resolve("deploy/topics.csv"));
        for (TopicDefinition def : defs) {
            Map<String, Object> spec = topics.get(def.name());
            assertNotNull(spec, file + " lacks topic " + def.name() + regenerate);
            assertEquals(def.partitions(), ((Number) spec.get("partitions")).intValue(),
                    file + ": partitions of " + def.name() + regenerate);
            assertEquals(3, ((Number) spec.get("replicas")).intValue(), file + ": replicas of " + def.name());
            Map<String, String> config = new TreeMap<>();
            at(spec, def.name(), "config").forEach((k, v) -> config.put(k, String.valueOf(v)));
            assertEquals(new TreeMap<>(def.configs()), config,
                    file + ": configs (cleanup.policy, retention.ms, ...) of " + def.name() + regenerate);
        }
        Set<String> extra = new HashSet<>(topics.keySet());
        defs.forEach(d -> extra.remove(d.name()));
        assertTrue(extra.isEmpty(), file + " has topics that deploy/topics.csv does not define: " + extra + regenerate);
        assertTrue(kustomizationResources(CLUSTER.resolve("kafka")).contains("topics.yaml"), "kafka/kustomization.yaml lists topics.yaml");
    }

    /** One granted operation: (resource type, pattern, name, operation), as Strimzi spells them. */
    record Grant(String principal, String resource, String pattern, String name, String operation) {
    }

    @Test
    void usersYamlGrantsExactlyTheAclTable() throws IOException {
        Path file = CLUSTER.resolve("kafka/users.yaml");
        String regenerate = " (regenerate: python3 deploy/cluster/acls-to-strimzi.py)";
        Set<Grant> cluster = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (Map<String, Object> doc : yamlDocuments(file)) {
            assertEquals("KafkaUser", doc.get("kind"), file + ": only KafkaUsers");
            String user = String.valueOf(at(doc, "KafkaUser", "metadata").get("name"));
            users.add(user);
            assertEquals("mdma-kafka", at(doc, user, "metadata", "labels").get("strimzi.io/cluster"), user + ": cluster label");
            assertEquals("scram-sha-512", at(doc, user, "spec", "authentication").get("type"), user + ": authentication");
            Map<String, Object> authz = at(doc, user, "spec", "authorization");
            assertEquals("simple", authz.get("type"), user + ": authorization");
            for (Object o : list(authz.get("acls"), user + " acls")) {
                Map<String, Object> acl = map(o, user + " acl");
                Map<String, Object> r = at(acl, user + " acl", "resource");
                for (Object op : list(acl.get("operations"), user + " acl operations")) {
                    cluster.add(new Grant(user, String.valueOf(r.get("type")), String.valueOf(r.get("patternType")),
                            String.valueOf(r.get("name")), String.valueOf(op)));
                }
                assertEquals("*", String.valueOf(acl.getOrDefault("host", "*")), user + ": host");
            }
        }
        List<AclTable.Entry> table = AclTable.load(ROOT.resolve("deploy/acls.csv"));
        Set<Grant> local = new HashSet<>();
        for (AclTable.Entry e : table) {
            String resource = switch (e.resource()) {
                case TOPIC -> "topic";
                case GROUP -> "group";
                case TRANSACTIONAL_ID -> "transactionalId";
                default -> fail("resource " + e.resource());
            };
            for (var op : e.operations()) {
                String operation = op.name().charAt(0) + op.name().substring(1).toLowerCase(java.util.Locale.ROOT);
                local.add(new Grant(e.principal(), resource, e.pattern().name().toLowerCase(java.util.Locale.ROOT), e.name(),
                        operation));
            }
        }
        Set<Grant> missing = new HashSet<>(local);
        missing.removeAll(cluster);
        Set<Grant> extra = new HashSet<>(cluster);
        extra.removeAll(local);
        assertTrue(missing.isEmpty(), file + " does not grant what deploy/acls.csv grants: " + missing + regenerate);
        assertTrue(extra.isEmpty(), file + " grants what deploy/acls.csv does not: " + extra + regenerate);
        assertEquals(AclTable.principals(table), users, file + ": one KafkaUser per principal" + regenerate);
        assertTrue(kustomizationResources(CLUSTER.resolve("kafka")).contains("users.yaml"), "kafka/kustomization.yaml lists users.yaml");
    }

    @Test
    void theClusterTakesOnlyScramOverTlsAndAuthorizesByAcl() throws IOException {
        Path file = CLUSTER.resolve("kafka/kafka.yaml");
        Map<String, Object> kafka = find(yamlDocuments(file), "Kafka", "mdma-kafka", file);
        Map<String, Object> spec = at(kafka, "Kafka", "spec", "kafka");
        List<Object> listeners = list(spec.get("listeners"), "listeners");
        assertFalse(listeners.isEmpty(), "no listener");
        for (Object o : listeners) {
            Map<String, Object> l = map(o, "listener");
            assertEquals(Boolean.TRUE, l.get("tls"), "listener " + l.get("name") + " without TLS");
            assertEquals("scram-sha-512", at(l, "listener " + l.get("name"), "authentication").get("type"),
                    "listener " + l.get("name") + " authentication");
            assertFalse(list(l.get("networkPolicyPeers"), "listener " + l.get("name") + " networkPolicyPeers").isEmpty(),
                    "listener " + l.get("name") + ": a NetworkPolicy (networkPolicyPeers) that lets in the MDMA only");
            assertEquals(9093, ((Number) l.get("port")).intValue(), "listener port (config.yaml's MDMA_KAFKA)");
        }
        assertEquals("simple", at(spec, "kafka", "authorization").get("type"), "authorization");
        assertNull(at(spec, "kafka", "authorization").get("superUsers"), "no super user for the services");
        assertNotNull(at(kafka, "Kafka", "spec", "entityOperator").get("userOperator"), "the User Operator (KafkaUsers)");

        Map<String, Object> config = find(yamlDocuments(CLUSTER.resolve("config.yaml")), "ConfigMap", "mdma-config",
                CLUSTER.resolve("config.yaml"));
        Map<String, Object> data = at(config, "mdma-config", "data");
        assertEquals("SASL_SSL", data.get("MDMA_KAFKA_SECURITY_PROTOCOL"));
        assertEquals("mdma-kafka-kafka-bootstrap:9093", data.get("MDMA_KAFKA"));
        String truststore = String.valueOf(data.get("MDMA_KAFKA_TRUSTSTORE"));

        Set<String> principals = AclTable.principals(AclTable.load(ROOT.resolve("deploy/acls.csv")));
        for (ServiceContainer sc : serviceContainers()) {
            Path wf = sc.file();
            Map<String, Object> c = sc.container();
            Map<String, Map<String, Object>> env = sc.env();
            String principal = sc.service().name();
            assertTrue(principals.contains(principal), principal + " is not a principal of deploy/acls.csv");
            assertEquals(principal, env.get("MDMA_KAFKA_USERNAME").get("value"), wf + ": its own principal");
            Map<String, Object> ref = at(env.get("MDMA_KAFKA_PASSWORD"), wf + " MDMA_KAFKA_PASSWORD", "valueFrom", "secretKeyRef");
            assertEquals(principal, ref.get("name"), wf + ": the password of its own KafkaUser's Secret");
            assertEquals("password", ref.get("key"));
            boolean caMounted = list(c.get("volumeMounts"), wf + " volumeMounts").stream().map(v -> map(v, "mount"))
                    .anyMatch(v -> truststore.startsWith(String.valueOf(v.get("mountPath")) + "/"));
            assertTrue(caMounted, wf + ": the cluster CA is mounted where MDMA_KAFKA_TRUSTSTORE (" + truststore + ") points");
        }
    }

    /**
     * The schema registry is ours (platform/registry: reads open, writes need the writer account), and the writer
     * account comes from the Secret mdma-registry-writer, never a literal: its password to every service, its digest
     * alone to the registry.
     */
    @Test
    void theRegistryAndTheServicesTakeTheWriterAccountFromItsSecret() throws IOException {
        Path rf = CLUSTER.resolve("registry.yaml");
        Map<String, Object> registry = container(find(yamlDocuments(rf), "Deployment", "mdma-registry", rf), "registry", rf);
        assertEquals("mdma/registry:" + IMAGE_TAG, registry.get("image"), rf + ": the registry built from platform/registry");
        Map<String, Object> kustomization = yamlDocuments(CLUSTER.resolve("kustomization.yaml")).get(0);
        assertTrue(list(kustomization.get("images"), "kustomization images").stream()
                .anyMatch(i -> "mdma/registry".equals(map(i, "image").get("name"))), "no images: entry for mdma/registry");
        Map<String, Map<String, Object>> registryEnv = env(registry, rf);
        assertSecretRef(registryEnv, "REGISTRY_WRITER_PASSWORD_HASH", "mdma-registry-writer", "password-hash", rf);
        assertFalse(registryEnv.containsKey("MDMA_REGISTRY_PASSWORD"), rf + ": the registry gets the digest only");

        for (ServiceContainer sc : serviceContainers()) {
            Path wf = sc.file();
            Map<String, Map<String, Object>> env = sc.env();
            assertEquals("schema-writer", env.get("MDMA_REGISTRY_USERNAME").get("value"), wf + ": the writer account");
            assertSecretRef(env, "MDMA_REGISTRY_PASSWORD", "mdma-registry-writer", "password", wf);
        }
    }

    /** The options of JIT_OPTS in ./mdma (its {@code JIT_OPTS="..."} line and the {@code JIT_OPTS+=" ..."} lines after it). */
    static List<String> mdmaJitOptions() throws IOException {
        Pattern line = Pattern.compile("^JIT_OPTS\\+?=\"([^\"]*)\"$");
        List<String> options = new ArrayList<>();
        for (String l : Files.readAllLines(ROOT.resolve("mdma"), StandardCharsets.UTF_8)) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                options.addAll(List.of(m.group(1).strip().split("\\s+")));
            }
        }
        assertFalse(options.isEmpty(), "./mdma has no JIT_OPTS line");
        return options;
    }

    @Test
    void theServicesCompileWithTheJitOptionsOfMdma() throws IOException {
        List<String> jit = mdmaJitOptions();
        for (ServiceContainer sc : serviceContainers()) {
            Path wf = sc.file();
            Map<String, Map<String, Object>> env = sc.env();
            assertNotNull(env.get("JAVA_OPTS"), wf + ": no JAVA_OPTS");
            List<String> javaOpts = List.of(String.valueOf(env.get("JAVA_OPTS").get("value")).strip().split("\\s+"));
            for (String option : jit) {
                assertTrue(javaOpts.contains(option), wf + ": JAVA_OPTS lacks " + option + " of ./mdma's JIT_OPTS");
            }
        }
    }

    /** A service of ./mdma's SERVICES table that runs as a StatefulSet of its own: its manifest and its container. */
    record ServiceContainer(MdmaService service, Path file, Map<String, Object> container) {
        /** The container's env entries by name. */
        Map<String, Map<String, Object>> env() {
            return ClusterManifestsTest.env(container, file);
        }
    }

    /**
     * The containers of ./mdma's services in their StatefulSets (a name with '-' is skipped, as the checks of the
     * services' Kafka and registry accounts always did: no such name is a workload of its own).
     */
    static List<ServiceContainer> serviceContainers() throws IOException {
        List<ServiceContainer> out = new ArrayList<>();
        for (MdmaService s : mdmaServices()) {
            if (s.name().contains("-")) {
                continue;
            }
            Path wf = workloadFile(s.module());
            out.add(new ServiceContainer(s, wf, container(find(yamlDocuments(wf), "StatefulSet", s.module(), wf),
                    s.module(), wf)));
        }
        return out;
    }

    static Map<String, Map<String, Object>> env(Map<String, Object> container, Path file) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Object e : list(container.get("env"), file + " env")) {
            Map<String, Object> m = map(e, "env");
            env.put(String.valueOf(m.get("name")), m);
        }
        return env;
    }

    static void assertSecretRef(Map<String, Map<String, Object>> env, String name, String secret, String key, Path file) {
        assertNotNull(env.get(name), file + ": no " + name);
        assertNull(env.get(name).get("value"), file + ": " + name + " is a literal; it must come from a Secret");
        Map<String, Object> ref = at(env.get(name), file + " " + name, "valueFrom", "secretKeyRef");
        assertEquals(secret, ref.get("name"), file + ": " + name + "'s Secret");
        assertEquals(key, ref.get("key"), file + ": " + name + "'s key");
    }

    @Test
    void kustomizationsListExistingFilesAndNoSecretIsCommitted() throws IOException {
        for (Path dir : List.of(CLUSTER, CLUSTER.resolve("kafka"), CLUSTER.resolve("dr"))) {
            for (String resource : kustomizationResources(dir)) {
                Path r = dir.resolve(resource);
                assertTrue(Files.isRegularFile(r) || Files.isRegularFile(r.resolve("kustomization.yaml")),
                        dir + "/kustomization.yaml lists a missing " + resource);
            }
        }
        try (Stream<Path> files = Files.walk(CLUSTER)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).toList()) {
                for (Map<String, Object> doc : yamlDocuments(file)) {
                    assertFalse("Secret".equals(doc.get("kind")),
                            file + " holds a Secret: Secrets are created by the operator (deploy/cluster/README.md)");
                }
            }
        }
    }

    /**
     * The second site (deploy/cluster/dr): MirrorMaker 2 copies every topic of deploy/topics.csv and the Streams
     * internal topics under the same names (IdentityReplicationPolicy), committed records only, exactly-once, with
     * the groups' offsets; the brokers are rack aware and one per node; every workload prefers other nodes.
     */
    @Test
    void theSecondSiteMirrorsEveryTopicUnderItsNameAndTheWorkloadsSpread() throws IOException {
        Path file = CLUSTER.resolve("dr/mirror-maker-2.yaml");
        Map<String, Object> mm2 = find(yamlDocuments(file), "KafkaMirrorMaker2", "mdma-mirror", file);
        Map<String, Object> spec = at(mm2, "KafkaMirrorMaker2", "spec");
        assertEquals("dr", spec.get("connectCluster"), file + ": MM2 runs on (writes to) the second site");
        assertEquals("topology.kubernetes.io/zone", at(spec, "spec", "rack").get("topologyKey"), file + ": rack");
        List<Object> mirrors = list(spec.get("mirrors"), file + ": mirrors");
        assertEquals(1, mirrors.size(), file + ": one flow, primary -> dr");
        Map<String, Object> mirror = map(mirrors.get(0), file + ": the mirror");
        assertEquals("primary", mirror.get("sourceCluster"));
        assertEquals("dr", mirror.get("targetCluster"));
        Pattern topics = Pattern.compile(String.valueOf(mirror.get("topicsPattern")));
        for (TopicDefinition t : TopicDefinitions.load(ROOT.resolve(TopicDefinitions.FILE_IN_REPO))) {
            assertTrue(topics.matcher(t.name()).matches(), file + ": topicsPattern leaves out " + t.name());
        }
        for (String internal : List.of("mdma.registry.journal", "mdma-vee-readings-store-changelog",
                "mdma-edi-report-requests-repartition")) {
            assertTrue(topics.matcher(internal).matches(), file + ": topicsPattern leaves out " + internal);
        }
        Map<String, Object> source = at(mirror, "mirror", "sourceConnector", "config");
        Map<String, Object> checkpoint = at(mirror, "mirror", "checkpointConnector", "config");
        String identity = "org.apache.kafka.connect.mirror.IdentityReplicationPolicy";
        assertEquals(identity, source.get("replication.policy.class"), file + ": identity names (source)");
        assertEquals(identity, checkpoint.get("replication.policy.class"), file + ": identity names (checkpoints)");
        assertEquals("read_committed", source.get("consumer.isolation.level"), file + ": committed records only");
        assertEquals("required", source.get("exactly.once.support"), file + ": exactly-once source");
        assertEquals("true", String.valueOf(checkpoint.get("sync.group.offsets.enabled")), file + ": group offsets");
        assertEquals("true", String.valueOf(source.get("sync.topic.configs.enabled")), file + ": topic configs");
        Map<String, Object> drCluster = list(spec.get("clusters"), "clusters").stream()
                .map(c -> map(c, "cluster")).filter(c -> "dr".equals(c.get("alias"))).findFirst()
                .orElseGet(() -> fail(file + ": no cluster dr"));
        assertEquals("enabled", at(drCluster, "dr", "config").get("exactly.once.source.support"), file + ": workers' EOS");
        assertTrue(kustomizationResources(CLUSTER.resolve("dr")).contains("../kafka"),
                "the second site runs the same Kafka cluster, topics and users as the primary");

        Path kafkaFile = CLUSTER.resolve("kafka/kafka.yaml");
        List<Map<String, Object>> kafka = yamlDocuments(kafkaFile);
        assertEquals("topology.kubernetes.io/zone",
                at(find(kafka, "Kafka", "mdma-kafka", kafkaFile), "Kafka", "spec", "kafka", "rack").get("topologyKey"),
                kafkaFile + ": rack awareness");
        assertNotNull(at(find(kafka, "KafkaNodePool", "dual-role", kafkaFile), "KafkaNodePool", "spec", "template", "pod",
                "affinity", "podAntiAffinity").get("requiredDuringSchedulingIgnoredDuringExecution"),
                kafkaFile + ": one broker per node");
        for (MdmaService service : mdmaServices()) {
            Path workload = workloadFile(service.module());
            Map<String, Object> w = yamlDocuments(workload).stream()
                    .filter(d -> "StatefulSet".equals(d.get("kind")) || "Deployment".equals(d.get("kind")))
                    .findFirst().orElseGet(() -> fail(workload + " has no workload"));
            assertNotNull(at(w, workload.toString(), "spec", "template", "spec", "affinity", "podAntiAffinity"),
                    workload + ": pod anti-affinity");
        }
    }
}
