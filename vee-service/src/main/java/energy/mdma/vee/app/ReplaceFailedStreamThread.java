package energy.mdma.vee.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * A stream thread that dies of an exception (a transient one: the schema registry refusing a write under load, a
 * broker hiccup) is replaced instead of taking the whole Kafka Streams client to ERROR, where the service would stay
 * up but process nothing. Under exactly_once_v2 the failed task's open transaction is aborted and the new thread
 * redoes its work from the last commit. Quarkus hands this bean to KafkaStreams.
 */
@ApplicationScoped
public class ReplaceFailedStreamThread implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = Logger.getLogger(ReplaceFailedStreamThread.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        LOG.errorf(exception, "a stream thread failed (%s); it is replaced and its tasks resume from their last commit",
                exception.toString());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
