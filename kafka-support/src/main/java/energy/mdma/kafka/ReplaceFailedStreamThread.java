package energy.mdma.kafka;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream thread that dies of an exception (a transient one: the schema registry refusing a write under load, a
 * broker hiccup) is replaced instead of taking the whole Kafka Streams client to ERROR, where the service would stay
 * up but process nothing. Under exactly_once_v2 the failed task's open transaction is aborted and the new thread
 * redoes its work from the last commit. A failure that comes back (more than {@value #MAX_REPLACEMENTS} times in
 * {@link #WINDOW}: a poison record, a bug) shuts the client down instead, so that health turns DOWN rather than the
 * thread failing forever. vee-service and edi-service produce it as a CDI bean, which Quarkus hands to KafkaStreams;
 * ingest sets it on its head-end client.
 *
 * <p>Given the client's static membership ({@link ReplacedThreadMembers}), the replaced thread's member is taken out of
 * the group once the thread has ended, so that its partitions do not wait for its session timeout.
 */
public final class ReplaceFailedStreamThread implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReplaceFailedStreamThread.class);
    static final int MAX_REPLACEMENTS = 5;
    static final java.time.Duration WINDOW = java.time.Duration.ofMinutes(10);

    private final java.util.ArrayDeque<Long> recent = new java.util.ArrayDeque<>();
    /** null: no static membership (the group forgets a dead member when its session times out) */
    private final ReplacedThreadMembers members;

    /** For a client without static membership. */
    public ReplaceFailedStreamThread() {
        this(null);
    }

    /** @param members removes a replaced thread's static member from the group (null: none to remove) */
    public ReplaceFailedStreamThread(ReplacedThreadMembers members) {
        this.members = members;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = System.currentTimeMillis();
        while (!recent.isEmpty() && now - recent.peekFirst() > WINDOW.toMillis()) {
            recent.pollFirst();
        }
        if (recent.size() >= MAX_REPLACEMENTS) {
            LOG.error("a stream thread failed again ({}), {} times in {}: shutting the client down (health DOWN); see the"
                    + " earlier errors for the cause", exception.toString(), recent.size() + 1, WINDOW, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(now);
        LOG.error("a stream thread failed ({}); it is replaced and its tasks resume from their last commit",
                exception.toString(), exception);
        if (members != null) {
            members.removeOnceEnded(Thread.currentThread());
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
