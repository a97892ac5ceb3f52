package energy.mdma.delivery.exceptions;

import energy.mdma.delivery.app.DeliveryConfig;
import energy.mdma.delivery.app.KafkaSupport;
import energy.mdma.delivery.kafka.EventLog;
import energy.mdma.delivery.timeliness.TimelinessFeed;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.CompactedTopicReplay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The exceptions of operations.md section 1 in delivery: the bounded {@link ExceptionView}, fed from
 * mdma.vee.exceptions (read from {@code mdma.exceptions.replay-days} ago at start, then followed), the operators'
 * resolutions written to the same topic (so that every replica and a restart see them), and the exceptions of data
 * missing past deadline 1 ({@link LateDataExceptions}), raised after every timeliness tick.
 *
 * <p>Bounded rather than persistent (issue 12): the view holds at most {@code mdma.exceptions.max-count} exceptions
 * and about {@code mdma.exceptions.max-bytes}; a restart reads only the last {@code replay-days} of the topic. An
 * exception raised before that window and never raised again since is not shown after a restart (vee raises a held
 * period again whenever it evaluates its channel).
 */
@ApplicationScoped
public class ExceptionFeed {

    private static final Logger LOG = Logger.getLogger(ExceptionFeed.class);

    @Inject
    KafkaSupport kafka;
    @Inject
    DeliveryConfig config;
    @Inject
    TimelinessFeed timeliness;
    @Inject
    Clock clock;

    private volatile ExceptionView view;
    private volatile CompactedTopicReplay replayer;
    private volatile LateDataExceptions lateData;

    public synchronized ExceptionView view() {
        if (view == null) {
            view = new ExceptionView(config.exceptions().maxCount(), config.exceptions().maxBytes());
        }
        return view;
    }

    /** Starts following the topic (Kafka) and raising the late-data exceptions after each timeliness tick. */
    public synchronized void start() {
        ExceptionView v = view();
        if (replayer == null) {
            Duration back = Duration.ofDays(config.exceptions().replayDays());
            replayer = kafka.replay("exceptions", java.util.List.of(Topics.VEE_EXCEPTIONS), this::apply)
                    .startingAt(() -> clock.instant().minus(back))
                    .start();
        }
        lateData = new LateDataExceptions(timeliness.service(), v, this::publishAll, this::ready);
        timeliness.afterTick(now -> lateData.run(now));
    }

    private void apply(ConsumerRecord<String, Object> r) {
        if (r.value() instanceof VeeException e) {
            view().apply(e);
        }
    }

    /**
     * Writes an exception event and waits until the log has it (Kafka), then applies it to the view.
     *
     * @throws EventLog.EventLogException when the log did not take it in time
     */
    public void publishAndApply(String key, VeeException e) {
        publish(key, e);
        view().apply(e);
    }

    private void publish(String key, VeeException e) {
        kafka.log().send(Topics.VEE_EXCEPTIONS, key, e);
    }

    /** Writes the events under their meters' keys, waiting for all at once; returns those the log took. */
    private List<VeeException> publishAll(List<VeeException> events) {
        List<EventLog.Keyed> keyed = new ArrayList<>(events.size());
        for (VeeException e : events) {
            keyed.add(new EventLog.Keyed(e.getMeterId(), e));
        }
        List<Boolean> taken = kafka.log().sendAll(Topics.VEE_EXCEPTIONS, keyed);
        List<VeeException> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (taken.get(i)) {
                out.add(events.get(i));
            }
        }
        return out;
    }

    /** The key exceptions are written under: meterId:channel, meterId or account, as their sources write them. */
    public static String key(OpsException x) {
        if (x.meterId() != null && x.channel() != null) {
            return Topics.channelKey(x.meterId(), x.channel());
        }
        return x.meterId() != null ? x.meterId() : x.serviceAccount();
    }

    public LateDataExceptions lateData() {
        return lateData;
    }

    /** True once the topic has been read up to where it was at start. */
    public boolean ready() {
        return KafkaSupport.caughtUp(replayer);
    }

    /** Waits until every exception event written before now is in the view. */
    public boolean sync(Duration timeout) {
        return KafkaSupport.sync(replayer, timeout);
    }

    public CompactedTopicReplay replayer() {
        return replayer;
    }

    public synchronized void close() {
        if (replayer != null) {
            replayer.close();
            replayer = null;
        }
        LOG.debug("exceptions feed closed");
    }
}
