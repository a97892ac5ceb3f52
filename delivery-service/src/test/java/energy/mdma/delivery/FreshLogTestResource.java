package energy.mdma.delivery;

import energy.mdma.testsupport.MdmaTestPlatform;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The test platform (test-support's in-process broker and registry, shared by the JVM) with empty topics and a fresh
 * views' store and files directory for one test class: the production wiring on a log that holds only what the class
 * wrote, whatever ran before it (other classes' parties and files, the views' stored offsets).
 */
public class FreshLogTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        MdmaTestPlatform platform = MdmaTestPlatform.get();
        platform.resetTopics();
        Path home;
        try {
            home = Files.createTempDirectory("mdma-delivery-test");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test's home directory", e);
        }
        Map<String, String> config = new HashMap<>(platform.quarkusConfig());
        config.put("mdma.kafka.send-timeout", "20S");
        config.put("mdma.views.store-dir", home.resolve("views").toString());
        config.put("mdma.mailbox.files-dir", home.resolve("files").toString());
        return config;
    }

    @Override
    public void stop() {
        // the platform is shared by the JVM's test classes; the next class resets the topics it needs
    }
}
