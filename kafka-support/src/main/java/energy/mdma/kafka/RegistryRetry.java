package energy.mdma.kafka;

import com.microsoft.kiota.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * A schema lookup or registration that the registry answered with a server error (5xx) is tried again, a few times
 * with a short pause; anything else (refused credentials, a schema the registry's rules reject, a registry that cannot
 * be reached) fails at once, as before.
 *
 * <p>Why: Apicurio Registry 2.4 answers two concurrent registrations of the same new schema content with a 500 for one
 * of them (its content table's unique key, H2 or PostgreSQL), and Apicurio's client retries only a 429. On a fresh
 * stack the services register their schemas as they first write each event type, several at once (edi's stream
 * threads and delivery all write ReportRef, for one): the losing write failed its stream thread, which was replaced
 * ({@link ReplaceFailedStreamThread}) but whose partitions stayed with the dead thread's static member until its
 * session timed out - 50 s without posting in a bench run. Tried again, the registration finds the schema the other
 * writer registered (the serializers register with "return or update").
 */
final class RegistryRetry {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryRetry.class);
    /** Tries in all, and the pause before the second (doubled before each further one): at most 0.7 s of pauses. */
    static final int ATTEMPTS = 4;
    static final long FIRST_PAUSE_MS = 100;

    /** How a retry waits. */
    interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    static final Sleeper SLEEP = Thread::sleep;

    private RegistryRetry() {
    }

    static <T> T onServerError(Supplier<T> call, Sleeper sleeper) {
        long pause = FIRST_PAUSE_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                int status = serverStatus(e);
                if (status < 500 || attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.warn("the schema registry answered {} (attempt {} of {}): trying again in {} ms", status, attempt,
                        ATTEMPTS, pause);
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause *= 2;
            }
        }
    }

    /** The HTTP status of the registry's answer in the exception's causes, or -1. */
    static int serverStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException a) {
                return a.getResponseStatusCode();
            }
        }
        return -1;
    }
}
