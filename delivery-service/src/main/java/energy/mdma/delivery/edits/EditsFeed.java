package energy.mdma.delivery.edits;

import energy.mdma.delivery.app.KafkaSupport;
import energy.mdma.kafka.CompactedTopicReplay;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ManualEdit;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.kafka.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;

/**
 * The edits API's view of the log: meters and channels (mdma.meters, mdma.channels) and the edits made so far
 * (mdma.vee.edits), replayed at start and kept current; and the way an edit reaches vee (written to mdma.vee.edits,
 * keyed by meter channel like the readings). With Kafka off (fast tests) the view is empty and edits stay here.
 */
@ApplicationScoped
public class EditsFeed {

    static final List<String> TOPICS = List.of(Topics.METERS, Topics.CHANNELS, Topics.VEE_EDITS);

    @Inject
    KafkaSupport kafka;

    private final MasterData master = new MasterData();
    private final EditRegistry edits = new EditRegistry();
    private volatile CompactedTopicReplay replayer;

    void onStart(@Observes @Priority(110) StartupEvent event) {
        replayer = kafka.replay("edits", TOPICS, this::apply).start();
    }

    void onStop(@Observes ShutdownEvent event) {
        CompactedTopicReplay r = replayer;
        if (r != null) {
            r.close();
        }
    }

    void apply(ConsumerRecord<String, Object> r) {
        Object v = r.value();
        switch (r.topic()) {
            case Topics.METERS -> {
                if (v == null) {
                    master.removeMeter(r.key());
                } else if (v instanceof MeterEvent m) {
                    master.apply(m);
                }
            }
            case Topics.CHANNELS -> {
                if (v == null) {
                    master.removeChannel(r.key());
                } else if (v instanceof ChannelEvent c) {
                    master.apply(c);
                }
            }
            default -> {
                if (v instanceof ManualEdit e) {
                    edits.apply(e);
                }
            }
        }
    }

    public MasterData master() {
        return master;
    }

    public EditRegistry edits() {
        return edits;
    }

    /** True once the replay has caught up (before that, meters could be missing: 503, not 404). */
    public boolean ready() {
        return KafkaSupport.caughtUp(replayer);
    }

    /** Waits until every meter, channel and edit written before now is applied. */
    public boolean sync(Duration timeout) {
        return KafkaSupport.sync(replayer, timeout);
    }

    /** Writes the event to the log (synchronously: the edit is made once this returns), then applies it here. */
    public void publish(ManualEdit e) {
        kafka.log().send(Topics.VEE_EDITS, Topics.channelKey(e.getMeterId(), e.getChannel()), e);
        edits.apply(e);
    }
}
