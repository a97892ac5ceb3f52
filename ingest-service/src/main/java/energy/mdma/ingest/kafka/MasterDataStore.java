package energy.mdma.ingest.kafka;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.CredentialEvent;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import energy.mdma.events.kafka.ChannelKey;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MarketRole;
import energy.mdma.ingest.model.MeterInfo;
import energy.mdma.ingest.parse.MasterDataView;
import energy.mdma.kafka.CompactedTopicReplay;
import energy.mdma.party.auth.LoginLockout;
import energy.mdma.party.kafka.PartyAvro;
import energy.mdma.party.model.PartyDirectory;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The master data the parsers and the head-end checks validate against, and the party directory logins are checked
 * against: the compacted topics mdma.parties, mdma.credentials, mdma.meters and mdma.channels, read from the
 * beginning (read_committed) by one thread ({@link CompactedTopicReplay}), kept in memory. {@link #ready()} once
 * caught up with the end offsets taken at start. What this instance publishes itself is applied at once after its commit ({@link #apply}), so a
 * meters.csv right after a parties.csv sees the parties. Meters are indexed by service account.
 */
public final class MasterDataStore implements MasterDataView, AutoCloseable {
    static final List<String> TOPICS = List.of(Topics.PARTIES, Topics.CREDENTIALS, Topics.METERS, Topics.CHANNELS);

    private final Map<String, MarketRole> roles = new ConcurrentHashMap<>();
    private final Map<String, MeterInfo> meters = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> metersByAccount = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, ChannelInfo>> channels = new ConcurrentHashMap<>();
    private final PartyDirectory directory;
    private final LoginLockout lockout;
    private final CompactedTopicReplay replay;

    /**
     * @param consumerProps bootstrap servers etc.; deserializers and isolation are set here
     * @param values        the registry's Avro deserializer (specific records)
     */
    public MasterDataStore(Properties consumerProps, Deserializer<Object> values, PartyDirectory directory) {
        this(consumerProps, values, directory, null);
    }

    /** @param lockout where the lockout states read from mdma.credentials go (null: ignored) */
    public MasterDataStore(Properties consumerProps, Deserializer<Object> values, PartyDirectory directory,
                           LoginLockout lockout) {
        this.directory = directory;
        this.lockout = lockout;
        this.replay = new CompactedTopicReplay("ingest master data", consumerProps, TOPICS, values, this::applyRecord);
    }

    public MasterDataStore start() {
        replay.start();
        return this;
    }

    /**
     * True once everything up to the end offsets seen at start has been applied and no record stops the store: a
     * record that cannot be read (the registry unreachable, an unknown schema) is never skipped; the store waits at it
     * and reads it again (see {@link #unreadable()}).
     */
    public boolean ready() {
        return replay.ready();
    }

    /** The record the store is stuck at because it cannot be read (topic, partition, offset, why), or null. */
    public String unreadable() {
        return replay.unreadable();
    }

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return replay.awaitCaughtUp(timeout);
    }

    /** The consumer thread's failure, if it stopped. */
    public Optional<Throwable> failure() {
        return replay.failure();
    }

    public boolean alive() {
        return replay.alive();
    }

    public PartyDirectory directory() {
        return directory;
    }

    private void applyRecord(String topic, String key, Object v) {
        switch (topic) {
            case Topics.PARTIES -> {
                if (v == null) {
                    removeParty(key);
                } else {
                    apply((PartyEvent) v);
                }
            }
            case Topics.CREDENTIALS -> apply(key, (CredentialEvent) v);
            case Topics.METERS -> {
                if (v == null) {
                    removeMeter(key);
                } else {
                    apply((MeterEvent) v);
                }
            }
            case Topics.CHANNELS -> {
                if (v == null) {
                    removeChannel(key);
                } else {
                    apply((ChannelEvent) v);
                }
            }
            default -> {
            }
        }
    }

    /** A party this instance published or read: the parsers' roles and the login directory (via PartyAvro). */
    public void apply(PartyEvent e) {
        switch (e.getRole()) {
            case UDC -> roles.put(e.getPartyId(), MarketRole.UDC);
            case ESP -> roles.put(e.getPartyId(), MarketRole.ESP);
            default -> roles.remove(e.getPartyId());
        }
        PartyAvro.fromAvro(e.getPartyId(), e, e.getChangedAt()).ifPresent(directory::apply);
    }

    private void removeParty(String id) {
        roles.remove(id);
        PartyAvro.fromAvro(id, null, Instant.now()).ifPresent(directory::apply);
    }

    /**
     * The delivery service owns credentials: its record (hash, set date, version) is taken as it is; lockout states
     * (of any login service, this one included) go to the lockout.
     */
    private void apply(String key, CredentialEvent e) {
        PartyAvro.applyCredential(key, e, Instant.now(), directory, lockout);
    }

    public void apply(MeterEvent e) {
        MeterInfo info = new MeterInfo(e.getMeterId(), e.getServiceAccount(), e.getUdcId(), e.getReadCycle(),
                e.getIntervalMinutes());
        MeterInfo old = meters.put(info.meterId(), info);
        if (old != null && !old.serviceAccount().equals(info.serviceAccount())) {
            Set<String> s = metersByAccount.get(old.serviceAccount());
            if (s != null) {
                s.remove(old.meterId());
            }
        }
        metersByAccount.computeIfAbsent(info.serviceAccount(), k -> ConcurrentHashMap.newKeySet()).add(info.meterId());
    }

    /** A channel's tombstone: a key that is not a channel key names nothing to remove. */
    private void removeChannel(String key) {
        ChannelKey channel;
        try {
            channel = ChannelKey.parse(key);
        } catch (IllegalArgumentException notAChannelKey) {
            return;
        }
        Map<Integer, ChannelInfo> m = channels.get(channel.meterId());
        if (m != null) {
            m.remove(channel.channel());
        }
    }

    private void removeMeter(String id) {
        MeterInfo old = meters.remove(id);
        if (old != null) {
            Set<String> s = metersByAccount.get(old.serviceAccount());
            if (s != null) {
                s.remove(id);
            }
        }
    }

    public void apply(ChannelEvent e) {
        ChannelInfo info = new ChannelInfo(e.getMeterId(), e.getChannel(), Uom.valueOf(e.getUom().name()),
                RawUnit.valueOf(e.getRawUnit().name()));
        channels.computeIfAbsent(info.meterId(), k -> new ConcurrentSkipListMap<>()).put(info.channel(), info);
    }

    @Override
    public Optional<MeterInfo> meter(String meterId) {
        return meterId == null ? Optional.empty() : Optional.ofNullable(meters.get(meterId));
    }

    @Override
    public Optional<ChannelInfo> channel(String meterId, int channel) {
        Map<Integer, ChannelInfo> m = meterId == null ? null : channels.get(meterId);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(channel));
    }

    @Override
    public List<ChannelInfo> channels(String meterId) {
        Map<Integer, ChannelInfo> m = channels.get(meterId);
        return m == null ? List.of() : List.copyOf(m.values());
    }

    @Override
    public Optional<MarketRole> partyRole(String partyId) {
        return partyId == null ? Optional.empty() : Optional.ofNullable(roles.get(partyId));
    }

    @Override
    public List<MeterInfo> metersOfAccount(String serviceAccount) {
        Collection<String> ids = metersByAccount.get(serviceAccount);
        if (ids == null) {
            return List.of();
        }
        List<MeterInfo> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            MeterInfo m = meters.get(id);
            if (m != null && m.serviceAccount().equals(serviceAccount)) {
                out.add(m);
            }
        }
        return out;
    }

    public int meterCount() {
        return meters.size();
    }

    @Override
    public void close() {
        replay.close();
    }
}
