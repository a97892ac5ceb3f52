package energy.mdma.ingest.parse;

import energy.mdma.ingest.model.Channel;
import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MarketRole;
import energy.mdma.ingest.model.Meter;
import energy.mdma.ingest.model.MeterInfo;
import energy.mdma.ingest.model.Party;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link MasterDataView} held in maps, for tests and small deployments. It is also an {@link IngestSink}
 * for master data: passing it as the sink of a parties, meters or channels file records what is accepted
 * (later records replace earlier ones with the same key). Thread-safe for concurrent reads and writes.
 */
public final class InMemoryMasterData implements MasterDataView, IngestSink {
    private final Map<String, MarketRole> parties = new ConcurrentHashMap<>();
    private final Map<String, MeterInfo> meters = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, ChannelInfo>> channels = new ConcurrentHashMap<>();

    public InMemoryMasterData put(Party party) {
        parties.put(party.partyId(), party.role());
        return this;
    }

    public InMemoryMasterData put(String partyId, MarketRole role) {
        parties.put(partyId, role);
        return this;
    }

    public InMemoryMasterData put(MeterInfo meter) {
        meters.put(meter.meterId(), meter);
        return this;
    }

    public InMemoryMasterData put(ChannelInfo channel) {
        channels.computeIfAbsent(channel.meterId(), k -> new ConcurrentSkipListMap<>()).put(channel.channel(), channel);
        return this;
    }

    @Override
    public void party(Party party) {
        put(party);
    }

    @Override
    public void meter(Meter meter) {
        put(meter.info());
    }

    @Override
    public void channel(Channel channel) {
        put(channel.info());
    }

    @Override
    public Optional<MeterInfo> meter(String meterId) {
        return Optional.ofNullable(meters.get(meterId));
    }

    @Override
    public Optional<ChannelInfo> channel(String meterId, int channel) {
        Map<Integer, ChannelInfo> m = channels.get(meterId);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(channel));
    }

    @Override
    public List<ChannelInfo> channels(String meterId) {
        Map<Integer, ChannelInfo> m = channels.get(meterId);
        if (m == null) {
            return List.of();
        }
        return List.copyOf(m.values());
    }

    @Override
    public Optional<MarketRole> partyRole(String partyId) {
        return Optional.ofNullable(parties.get(partyId));
    }

    @Override
    public List<MeterInfo> metersOfAccount(String serviceAccount) {
        // a linear scan: fine for tests and small sets
        List<MeterInfo> out = new ArrayList<>();
        for (MeterInfo m : meters.values()) {
            if (m.serviceAccount().equals(serviceAccount)) {
                out.add(m);
            }
        }
        return out;
    }
}
