package energy.mdma.platform.mirror;

import static energy.mdma.platform.broker.LocalBroker.setting;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import energy.mdma.platform.broker.BrokerSecurity;

import org.apache.kafka.connect.mirror.MirrorMaker;

/**
 * MirrorMaker 2 of the local second site ({@code ./mdma dr start}): Kafka's own dedicated MirrorMaker with the
 * configuration of {@link MirrorSettings}, running the herder of the flow primary -> dr only.
 *
 * <p>Settings (system properties, then environment):
 * <ul>
 * <li>{@code mdma-platform.mirror.primary} / {@code MDMA_MIRROR_PRIMARY}: the primary's bootstrap servers (default
 * localhost:9092)</li>
 * <li>{@code mdma-platform.mirror.dr} / {@code MDMA_MIRROR_DR}: the second site's (default localhost:19092)</li>
 * <li>{@code mdma-platform.kafka.security.dir} / {@code MDMA_KAFKA_SECURITY_DIR}: the security material both sites
 * share (default {@code $MDMA_HOME/security})</li>
 * <li>{@code mdma-platform.mirror.rest.port} / {@code MDMA_MIRROR_REST_PORT}: MM2's internal REST listener, needed
 * by exactly-once source (default 19083; 0 turns exactly-once source off)</li>
 * <li>{@code mdma-platform.mirror.replicas} / {@code MDMA_MIRROR_REPLICAS}: replication factor on the second site
 * (default 1)</li>
 * <li>{@code -Dmm2.<any MM2 setting>=<value>}: passed to MirrorMaker as is, overriding the defaults</li>
 * </ul>
 * SIGTERM stops it cleanly (MirrorMaker's own shutdown hook).
 */
public final class LocalMirror {

    private LocalMirror() {
    }

    public static void main(String[] args) {
        String home = setting("mdma-platform.home", "MDMA_HOME", ".mdma");
        String primary = setting("mdma-platform.mirror.primary", "MDMA_MIRROR_PRIMARY", "localhost:9092");
        String dr = setting("mdma-platform.mirror.dr", "MDMA_MIRROR_DR", "localhost:19092");
        Path securityDir = Path.of(setting("mdma-platform.kafka.security.dir", "MDMA_KAFKA_SECURITY_DIR",
                Path.of(home, "security").toString())).toAbsolutePath();
        int restPort = Integer.parseInt(setting("mdma-platform.mirror.rest.port", "MDMA_MIRROR_REST_PORT", "19083"));
        int replicas = Integer.parseInt(setting("mdma-platform.mirror.replicas", "MDMA_MIRROR_REPLICAS", "1"));

        BrokerSecurity.Settings security = BrokerSecurity.load(securityDir);
        Map<String, String> config = MirrorSettings.config(primary, dr, security, replicas, restPort, 5);
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("mm2.")) {
                config.put(name.substring("mm2.".length()), System.getProperty(name));
            }
        }
        MirrorMaker mirror = new MirrorMaker(config, List.of(MirrorSettings.DR));
        mirror.start();
        log("mirror ready: " + primary + " -> " + dr + " (identity topic names, read_committed, "
                + (restPort > 0 ? "exactly-once source" : "at-least-once") + ", topics " + MirrorSettings.TOPICS + ")");
        mirror.awaitStop();
        log("mirror stopped");
    }

    private static void log(String message) {
        System.out.println("[mdma-mirror] " + message);
        System.out.flush();
    }
}
