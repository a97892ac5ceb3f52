package energy.mdma.ingest.kafka;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.CredentialEvent;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.model.ChannelInfo;
import energy.mdma.ingest.model.MeterInfo;
import energy.mdma.ingest.model.PartyRole;
import energy.mdma.ingest.model.RawUnit;
import energy.mdma.ingest.model.Uom;
import energy.mdma.ingest.parse.MasterDataView;
import energy.mdma.party.auth.LoginLockout;
import energy.mdma.party.kafka.PartyAvro;
import energy.mdma.party.model.PartyDirectory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The master data the parsers and the head-end checks validate against, and the party directory logins are checked
 * against: the compacted topics mdma.parties, mdma.credentials, mdma.meters and mdma.channels, read from the
 * beginning (read_committed) by one thread, kept in memory. {@link #ready()} once caught up with the end offsets
 * taken at start. What this instance publishes itself is applied at once after its commit ({@link #apply}), so a
 * meters.csv right after a parties.csv sees the parties. Meters are indexed by service account.
 */
public final class MasterDataStore implements MasterDataView, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MasterDataStore.class);
    static final List<String> TOPICS = List.of(Topics.PARTIES, Topics.CREDENTIALS, Topics.METERS, Topics.CHANNELS);

    private final Map<String, PartyRole> roles = new ConcurrentHashMap<>();
    private final Map<String, MeterInfo> meters = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> metersByAccount = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, ChannelInfo>> channels = new ConcurrentHashMap<>();
    private final PartyDirectory directory;
    private final LoginLockout lockout;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<Object> values;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    /** The record the store is stuck at because it cannot be read (topic, partition, offset, why), or null. */
    private volatile String unreadable;

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
        this.values = values;
        Properties p = new Properties();
        p.putAll(consumerProps);
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.remove("group.id");
        this.consumer = new KafkaConsumer<>(p);
        this.thread = new Thread(this::run, "mdma-ingest-master-data");
        this.thread.setDaemon(true);
    }

    public MasterDataStore start() {
        thread.start();
        return this;
    }

    /**
     * True once everything up to the end offsets seen at start has been applied and no record stops the store: a
     * record that cannot be read (the registry unreachable, an unknown schema) is never skipped; the store waits at it
     * and reads it again (see {@link #unreadable()}).
     */
    public boolean ready() {
        return caughtUp.getCount() == 0 && unreadable == null;
    }

    /** The record the store is stuck at because it cannot be read (topic, partition, offset, why), or null. */
    public String unreadable() {
        return unreadable;
    }

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The consumer thread's failure, if it stopped. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean alive() {
        return thread.isAlive() && failure == null;
    }

    public PartyDirectory directory() {
        return directory;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : TOPICS) {
                consumer.partitionsFor(t, Duration.ofSeconds(60))
                        .forEach(pi -> partitions.add(new TopicPartition(pi.topic(), pi.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(60)));
            long applied = 0;
            long backoff = 500;
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                TopicPartition stuck = null;
                for (ConsumerRecord<String, byte[]> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (tp.equals(stuck)) {
                        continue; // read again from the unreadable record on
                    }
                    Object v;
                    try {
                        v = r.value() == null ? null : values.deserialize(r.topic(), r.headers(), r.value());
                    } catch (RuntimeException e) {
                        // never skipped: the views would be incomplete. Say which and why (never the content), stay
                        // not ready, read it again after a pause
                        String what = r.topic() + " partition " + r.partition() + " offset " + r.offset() + ": "
                                + rootCause(e);
                        if (!what.equals(unreadable)) {
                            LOG.errorf("master data: cannot read the record at %s; ingest stays not ready and reads it "
                                    + "again every 10 s at most: check that the schema registry is reachable and knows "
                                    + "the record's schema", what);
                        }
                        unreadable = what;
                        stuck = tp;
                        consumer.seek(tp, r.offset());
                        continue;
                    }
                    applyRecord(r.topic(), r.key(), v);
                    applied++;
                    if (unreadable != null && unreadable.startsWith(r.topic() + " partition " + r.partition()
                            + " offset " + r.offset() + ":")) {
                        LOG.infof("master data: the record at %s-%d offset %d is read now", r.topic(), r.partition(),
                                r.offset());
                        unreadable = null;
                        backoff = 500;
                    }
                }
                if (stuck != null) {
                    pause(backoff);
                    backoff = Math.min(10_000, backoff * 2);
                }
                if (caughtUp.getCount() > 0) {
                    end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (end.isEmpty()) {
                        LOG.infof("master data caught up: %d records, %d parties, %d meters", applied, roles.size(),
                                meters.size());
                        caughtUp.countDown();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable t) {
            failure = t;
            LOG.error("master data consumer stopped", t);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) : m));
    }

    /** Waits, but returns at once when closing. */
    private void pause(long ms) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (running && System.nanoTime() < end) {
            Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000L)));
        }
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
                    int colon = key.lastIndexOf(':');
                    Map<Integer, ChannelInfo> m = colon < 0 ? null : channels.get(key.substring(0, colon));
                    if (m != null) {
                        m.remove(Integer.parseInt(key.substring(colon + 1)));
                    }
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
            case UDC -> roles.put(e.getPartyId(), PartyRole.UDC);
            case ESP -> roles.put(e.getPartyId(), PartyRole.ESP);
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
    public Optional<PartyRole> partyRole(String partyId) {
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
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
