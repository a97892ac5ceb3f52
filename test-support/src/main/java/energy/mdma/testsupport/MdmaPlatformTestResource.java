package energy.mdma.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: starts (or reuses) the JVM's {@link MdmaTestPlatform} and gives the application
 * {@code kafka.bootstrap.servers}, {@code quarkus.kafka-streams.bootstrap-servers} (with Kafka Streams),
 * {@code mp.messaging.connector.smallrye-kafka.apicurio.registry.url}, {@code apicurio.registry.url}
 * ({@code http://localhost:PORT/apis/registry/v2}) and {@code kafka-streams.state.dir} (a fresh temp dir).
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(value = MdmaPlatformTestResource.class, scope = TestResourceScope.GLOBAL)
 * class MyServiceTest { ... }
 * </pre>
 *
 * {@link #stop()} leaves the platform running for the next test class of the JVM; it stops when the JVM
 * exits. Turn Quarkus Dev Services off for tests in the application's properties
 * ({@code %test.quarkus.kafka.devservices.enabled=false},
 * {@code %test.quarkus.apicurio-registry.devservices.enabled=false}): there is no Docker here.
 */
public class MdmaPlatformTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return MdmaTestPlatform.get().quarkusConfig();
    }

    @Override
    public void stop() {
        // shared by the JVM's test classes; stopped by a shutdown hook
    }
}
