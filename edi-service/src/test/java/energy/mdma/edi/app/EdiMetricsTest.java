package energy.mdma.edi.app;

import energy.mdma.testsupport.MdmaTestPlatform;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edi application on the test platform: its {@code /q/metrics} carries what deploy/cluster/README.md tells the
 * operators to watch: the Kafka Streams metrics (process rate, commit latency, task restores) and the JVM's memory
 * and GC; bound by the service (energy.mdma.kafka.StreamsMeters), not by Quarkus' Kafka binder, which is off.
 */
@QuarkusTest
@WithTestResource(value = EdiMetricsTest.Platform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class EdiMetricsTest {

    /** The test platform's broker and schema registry for the application (edi reads the registry's URL itself). */
    public static class Platform implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            MdmaTestPlatform platform = MdmaTestPlatform.get();
            Map<String, String> config = new HashMap<>(platform.quarkusConfig());
            config.put("mdma.registry.url", platform.registryUrl());
            return config;
        }

        @Override
        public void stop() {
            // the platform is shared by the JVM's test classes; stopped by a shutdown hook
        }
    }

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void metricsCarryTheStreamsAndJvmMetricsTheOperatorsWatch() throws Exception {
        String base = management.toString().replaceAll("/$", "").replaceAll("/q$", "");
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        String metrics = page.body();
        for (String name : List.of("kafka_stream_thread_process_rate{", "kafka_stream_thread_commit_latency_avg{",
                "kafka_stream_thread_commit_latency_max{", "kafka_stream_state_updater_active_restoring_tasks{",
                "kafka_stream_state_updater_restore_records_rate{", "kafka_stream_alive_stream_threads{",
                "jvm_memory_used_bytes{", "jvm_gc_memory_allocated_bytes_total")) {
            assertTrue(metrics.contains(name), name + " missing from /q/metrics");
        }
    }
}
