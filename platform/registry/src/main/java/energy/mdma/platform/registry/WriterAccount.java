package energy.mdma.platform.registry;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

/**
 * Checks the writer account's digest (application.properties) at start: missing means no one can write (a warning,
 * reads keep working); present but not 128 hex digits stops the start, since no password could ever match it and the
 * mistake would otherwise show only as 401s on every registration.
 */
@ApplicationScoped
public class WriterAccount {

    static final String HASH_ENV = "REGISTRY_WRITER_PASSWORD_HASH";
    private static final Logger LOG = Logger.getLogger(WriterAccount.class);

    void onStart(@Observes StartupEvent event) {
        String problem = check(System.getenv(HASH_ENV));
        if (problem == null) {
            return;
        }
        if (problem.startsWith("missing")) {
            LOG.warn(problem);
            return;
        }
        throw new IllegalStateException(problem);
    }

    /** null when the digest is usable; else what is wrong and what to do (never the value itself). */
    static String check(String hash) {
        if (hash == null || hash.isBlank()) {
            return "missing " + HASH_ENV + ": no writer account, every write to the registry (POST, PUT, DELETE) is refused"
                    + " with 401; reads stay open. Set it to HEX(SHA-512(\"schema-writer:Quarkus:\" + password)) (./mdma up"
                    + " does, from $MDMA_HOME/security/registry.password)";
        }
        if (!hash.trim().matches("[0-9a-fA-F]{128}")) {
            return HASH_ENV + " is not a SHA-512 digest (expected 128 hex digits, got " + hash.trim().length()
                    + " characters): set it to HEX(SHA-512(\"schema-writer:Quarkus:\" + password))";
        }
        return null;
    }
}
