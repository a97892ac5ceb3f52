package energy.mdma.delivery.edits;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.kafka.Topics;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the edits API must know of the meters and channels (from mdma.meters and mdma.channels, compacted, as ingest
 * writes them): whether a meter and channel exist, the meter's interval length (0: non-interval) and its dials.
 */
public final class MasterData {

    /** @param intervalMinutes 0 for a non-interval meter */
    public record Meter(String meterId, String serviceAccount, int intervalMinutes, int dials) {
    }

    private final ConcurrentMap<String, Meter> meters = new ConcurrentHashMap<>();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();

    public void apply(MeterEvent m) {
        meters.put(m.getMeterId(), new Meter(m.getMeterId(), m.getServiceAccount(), m.getIntervalMinutes(),
                m.getDials()));
    }

    public void removeMeter(String meterId) {
        meters.remove(meterId);
    }

    public void apply(ChannelEvent c) {
        channels.add(Topics.channelKey(c.getMeterId(), c.getChannel()));
    }

    public void removeChannel(String channelKey) {
        channels.remove(channelKey);
    }

    public Optional<Meter> meter(String meterId) {
        return Optional.ofNullable(meters.get(meterId));
    }

    public boolean hasChannel(String meterId, int channel) {
        return channels.contains(Topics.channelKey(meterId, channel));
    }
}
