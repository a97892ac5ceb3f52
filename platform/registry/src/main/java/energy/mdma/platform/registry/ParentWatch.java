package energy.mdma.platform.registry;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.Observes;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/**
 * When started with {@code -Dmdma-platform.parent.pid=PID} (test-support does this), the registry exits as soon as
 * that process is gone, so a test JVM that dies without running its shutdown hooks (kill -9, a crashed
 * fork) leaves no registry behind.
 */
@ApplicationScoped
public class ParentWatch {

    private static final Logger LOG = Logger.getLogger(ParentWatch.class);

    void onStart(@Observes StartupEvent event) {
        String pid = System.getProperty("mdma-platform.parent.pid");
        if (pid == null || pid.isBlank()) {
            return;
        }
        long parentPid = Long.parseLong(pid.trim());
        Thread watcher = new Thread(() -> {
            while (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            LOG.infof("parent process %d is gone: stopping the registry", parentPid);
            Quarkus.asyncExit(0);
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
            Runtime.getRuntime().halt(0);
        }, "mdma-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
