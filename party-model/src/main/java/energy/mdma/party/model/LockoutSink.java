package energy.mdma.party.model;

/**
 * Where a login service records lockout state durably (mdma.credentials). {@link #publish} returns once the record
 * is written and throws when it cannot be: the caller then refuses logins of that principal until it can (fail
 * closed). Called with only that principal's attempts held back, never under a global lock.
 */
@FunctionalInterface
public interface LockoutSink {

    void publish(LockoutEvent event);

    /** Records nothing (a single process, in memory). */
    LockoutSink NONE = event -> {
    };
}
