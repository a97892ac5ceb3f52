package energy.mdma.vee.topology;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.SourceType;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.BinaryAvroSerde;
import energy.mdma.kafka.DeadLetters;
import energy.mdma.kafka.EventTopics;
import energy.mdma.kafka.GlobalStoreVersion;
import energy.mdma.kafka.GlobalTableUpdate;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.kafka.Topic;
import energy.mdma.vee.model.VeeParameterCatalog;
import energy.mdma.vee.state.ChannelBoundsSerde;
import energy.mdma.vee.state.ChannelDayKeySerde;
import energy.mdma.vee.state.ChannelKeySerde;
import energy.mdma.vee.state.DirtyRangeSerde;
import energy.mdma.vee.state.EditLogSerde;
import energy.mdma.kafka.MasterDataDigestSerde;
import energy.mdma.vee.state.NewestDaySerde;
import energy.mdma.vee.state.PublishedResultSerde;
import energy.mdma.vee.state.StoredDaySerde;
import energy.mdma.vee.state.StoredRegistersSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The VEE topology: interval blocks, register readings and manual edits of a meter channel (all keyed
 * {@code meterId:channel}, co-partitioned) go to one processor holding the channel's inputs; meters,
 * channels and read schedules are global tables. Out: one {@link ChannelPeriodResult} per changed
 * channel-period version (keyed by service account, for the 867 per account) and {@link VeeException}s.
 */
public final class VeeTopology {
    static final String DAYS_STORE = "vee-channel-days";
    static final String REGISTERS_STORE = "vee-channel-registers";
    static final String EDITS_STORE = "vee-channel-edits";
    static final String PUBLISHED_STORE = "vee-published-periods";
    static final String DIRTY_STORE = "vee-dirty-channels";
    static final String BOUNDS_STORE = "vee-channel-bounds";
    static final String NEWEST_DAY_STORE = "vee-newest-day";
    static final String MASTER_DATA_SEEN_STORE = "vee-master-data-seen";
    static final String METERS_STORE = "vee-meters";
    static final String CHANNELS_STORE = "vee-channels";
    static final String SCHEDULES_STORE = "vee-schedules";
    static final String RESULTS_SINK = "results";
    static final String EXCEPTIONS_SINK = "exceptions";
    static final String DEAD_LETTERS_SINK = "dead-letters";

    /**
     * @param evaluateEvery         how often the dirty channels that are due are evaluated (wall clock)
     * @param masterDataCheckEvery  how often the channels are checked against the master data they were last
     *                              evaluated with (meter, channel, the cycle's read dates); a channel whose master
     *                              data changed is evaluated again
     * @param settleQuiet           a channel is evaluated once its input has been quiet this long (every input pushes
     *                              it): a backlog is evaluated once it has arrived, not at every punctuation
     * @param settleMax             at the latest this long after its first unevaluated input (the cap: an input does
     *                              not push it), so that a long backlog still shows its progress; periods beyond the
     *                              arrived data wait for the quiet time even then (see {@link ArrivalEdge})
     * @param settleQuietHeadEnd    the quiet time after an input from a head-end (source HEADEND), at most
     *                              settleQuiet: a head-end sends each channel's intervals in time order, block after
     *                              block, so a short pause means its backlog has arrived; files (CSV, CMEP) keep
     *                              settleQuiet, because a package uploaded in parts sends each channel's rows in every
     *                              part, in any order, with the pause of an upload between them
     */
    public record Settings(Duration evaluateEvery, Duration masterDataCheckEvery, Duration settleQuiet,
                           Duration settleMax, Duration settleQuietHeadEnd, Rounds rounds) {
        // The defaults below serve topology tests and tools (short waits); the service's own settings are in
        // vee-service's application.properties, the one place they are written (VeeStreamsConfig reads them).
        public static final Duration DEFAULT_SETTLE_QUIET = Duration.ofSeconds(15);
        public static final Duration DEFAULT_SETTLE_MAX = Duration.ofMinutes(3);
        public static final Duration DEFAULT_SETTLE_QUIET_HEADEND = Duration.ofSeconds(5);

        public Settings {
            Objects.requireNonNull(rounds, "rounds");
            positive(evaluateEvery, "evaluateEvery (mdma.vee.evaluate-every)");
            positive(masterDataCheckEvery, "masterDataCheckEvery");
            if (settleQuiet == null || settleQuiet.isNegative()) {
                throw new IllegalArgumentException("settleQuiet (mdma.vee.settle-quiet) must be zero or positive, is "
                        + settleQuiet);
            }
            positive(settleMax, "settleMax (mdma.vee.settle-max)");
            if (settleMax.compareTo(settleQuiet) < 0) {
                throw new IllegalArgumentException("settleMax (mdma.vee.settle-max, " + settleMax + ") must not be "
                        + "shorter than settleQuiet (mdma.vee.settle-quiet, " + settleQuiet + "): raise the first or "
                        + "lower the second");
            }
            if (settleQuietHeadEnd == null || settleQuietHeadEnd.isNegative()
                    || settleQuietHeadEnd.compareTo(settleQuiet) > 0) {
                throw new IllegalArgumentException("settleQuietHeadEnd (mdma.vee.settle-quiet-headend, "
                        + settleQuietHeadEnd + ") must be zero or positive and not longer than settleQuiet "
                        + "(mdma.vee.settle-quiet, " + settleQuiet + ")");
            }
        }

        public Settings(Duration evaluateEvery, Duration masterDataCheckEvery, Duration settleQuiet,
                        Duration settleMax, Duration settleQuietHeadEnd) {
            this(evaluateEvery, masterDataCheckEvery, settleQuiet, settleMax, settleQuietHeadEnd, Rounds.DEFAULT);
        }

        public Settings(Duration evaluateEvery, Duration masterDataCheckEvery) {
            this(evaluateEvery, masterDataCheckEvery, DEFAULT_SETTLE_QUIET, DEFAULT_SETTLE_MAX,
                    DEFAULT_SETTLE_QUIET_HEADEND);
        }

        public Settings(Duration evaluateEvery) {
            this(evaluateEvery, Duration.ofSeconds(10));
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(2));
        }

        /** These settings with other settle times (a head-end's quiet time capped at the new quiet time). */
        public Settings withSettle(Duration quiet, Duration max) {
            return new Settings(evaluateEvery, masterDataCheckEvery, quiet, max,
                    quiet.compareTo(settleQuietHeadEnd) < 0 ? quiet : settleQuietHeadEnd, rounds);
        }

        /** These settings with another quiet time after a head-end's input. */
        public Settings withHeadEndSettle(Duration quiet) {
            return new Settings(evaluateEvery, masterDataCheckEvery, settleQuiet, settleMax, quiet, rounds);
        }

        /** The quiet time after an input from {@code source}. */
        public Duration settleQuiet(SourceType source) {
            return source == SourceType.HEADEND ? settleQuietHeadEnd : settleQuiet;
        }

        /** These settings with other bounds per round and another correction horizon. */
        public Settings withRounds(Rounds r) {
            return new Settings(evaluateEvery, masterDataCheckEvery, settleQuiet, settleMax, settleQuietHeadEnd, r);
        }

        private static void positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, is " + d);
            }
        }
    }

    /**
     * What one punctuation (a round, inside one transaction) may do, and how far back a correction reaches.
     *
     * @param channelsPerRound      channels an evaluation round evaluates, a master data check looks at and a pruning
     *                              round prunes, at most; the others follow in the next rounds, from where this one
     *                              stopped (nothing is lost: their dirty marks stay in the store)
     * @param roundTime             and at most about this long (checked between channels): with the commit interval
     *                              and the other punctuations of the same transaction, well inside the producer's
     *                              transaction.timeout.ms (application.properties)
     * @param correctionHorizonDays a channel-period whose read date (period end) is more than this many days before
     *                              the data's today (the newest day of data the task received, not later than the
     *                              wall clock's date; America/Los_Angeles) is final: it is no longer evaluated nor
     *                              published, its published state is pruned, and the channel's days, readings and edits are kept only
     *                              from {@link #keepDaysBeforeHorizon} days before the horizon (what the evaluation of
     *                              the periods inside it reads); older input is not stored
     * @param pruneEvery            how often a pruning round runs
     */
    public record Rounds(int channelsPerRound, Duration roundTime, int correctionHorizonDays, Duration pruneEvery) {
        /** 400 days: see mdma.correction-horizon-days in application.properties and the README. */
        public static final int DEFAULT_CORRECTION_HORIZON_DAYS = 400;
        public static final Rounds DEFAULT = new Rounds(5_000, Duration.ofSeconds(20), DEFAULT_CORRECTION_HORIZON_DAYS,
                Duration.ofMinutes(1));
        /** The longest read period the kept days provide for: a period inside the horizon starts at most this early. */
        static final int LONGEST_READ_PERIOD_DAYS = 62;

        public Rounds {
            if (channelsPerRound < 1) {
                throw new IllegalArgumentException("channels per round (mdma.vee.channels-per-round) must be at least "
                        + "1, is " + channelsPerRound);
            }
            Settings.positive(roundTime, "roundTime (mdma.vee.round-time)");
            if (correctionHorizonDays < 1) {
                throw new IllegalArgumentException("the correction horizon (mdma.correction-horizon-days) must be at "
                        + "least 1 day, is " + correctionHorizonDays);
            }
            Settings.positive(pruneEvery, "pruneEvery");
        }

        /**
         * Days kept before the horizon: the longest read period (a period ending inside the horizon starts up to that
         * much earlier) and the like-day look-back of its days (the largest of the catalog).
         */
        static int keepDaysBeforeHorizon(VeeParameterCatalog catalog) {
            int lookback = catalog.defaults().likeDayLookbackDays();
            for (var p : catalog.byMeterClass().values()) {
                lookback = Math.max(lookback, p.likeDayLookbackDays());
            }
            return LONGEST_READ_PERIOD_DAYS + lookback;
        }
    }

    private VeeTopology() {
    }

    /** A persistent store of {@code name}, its keys and values written and read by {@code keys} and {@code values}. */
    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    }

    /** A global store {@code store} of {@code topic}, as a GlobalKTable materialized as {@code store} would hold it. */
    private static <V> void globalMasterData(Topology t, Topic<String, V> topic, String store,
                                             GlobalStoreVersion version) {
        t.addGlobalStore(GlobalTableUpdate.store(store, topic.keySerde(), topic.valueSerde()), store + "-source",
                topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name(), store + "-update",
                () -> new GlobalTableUpdate<>(store, version));
    }

    public static Topology build(SerdeFactory serdes, VeeParameterCatalog catalog, Settings settings) {
        return build(serdes, catalog, settings, System::nanoTime);
    }

    /**
     * @param punctuationNanos the clock that times vee's punctuations for the {@link InputClock} (System::nanoTime; a
     *                         TopologyTestDriver's wall clock stands still during a punctuation, so its tests pass a
     *                         clock that does too)
     */
    public static Topology build(SerdeFactory serdes, VeeParameterCatalog catalog, Settings settings,
                                 LongSupplier punctuationNanos) {
        EventTopics topics = new EventTopics(serdes);
        Topic<String, DeadLetters.DeadLetter> deadLetters = EventTopics.deadLetters(Topics.VEE_DEAD_LETTERS);
        Serde<String> keys = Serdes.String();
        Topology t = new Topology();
        // the master data: global stores kept as GlobalKTables keep them, with every change counted, so that the
        // channels are checked against them only after a change (PassesOnChange)
        GlobalStoreVersion masterDataVersion = new GlobalStoreVersion();
        globalMasterData(t, topics.meters, METERS_STORE, masterDataVersion);
        globalMasterData(t, topics.channels, CHANNELS_STORE, masterDataVersion);
        globalMasterData(t, topics.schedules, SCHEDULES_STORE, masterDataVersion);

        // the inputs are read by decoders: a record that cannot be read goes to mdma.vee.dead-letters with an
        // exception event, and processing goes on (DeadLetters)
        t.addSource("intervals", keys.deserializer(), Serdes.ByteArray().deserializer(), topics.intervals.name());
        t.addSource("registers", keys.deserializer(), Serdes.ByteArray().deserializer(), topics.registers.name());
        t.addSource("edits", keys.deserializer(), Serdes.ByteArray().deserializer(), topics.edits.name());
        t.addProcessor("intervals-read", () -> new DeadLetters.Decoder<>("vee",
                topics.intervals.valueSerde().deserializer(), "channel-vee", DEAD_LETTERS_SINK, EXCEPTIONS_SINK),
                "intervals");
        t.addProcessor("registers-read", () -> new DeadLetters.Decoder<>("vee",
                topics.registers.valueSerde().deserializer(), "channel-vee", DEAD_LETTERS_SINK, EXCEPTIONS_SINK),
                "registers");
        t.addProcessor("edits-read", () -> new DeadLetters.Decoder<>("vee",
                topics.edits.valueSerde().deserializer(), "channel-vee", DEAD_LETTERS_SINK, EXCEPTIONS_SINK),
                "edits");
        ChannelEvaluation evaluation = new ChannelEvaluation(catalog);
        int keepDays = Rounds.keepDaysBeforeHorizon(catalog);
        t.addProcessor("channel-vee", () -> new ChannelVeeProcessor(settings, evaluation, keepDays, punctuationNanos,
                        masterDataVersion),
                "intervals-read", "registers-read", "edits-read");
        // each store holds one kind of record, written and read by its serde (energy.mdma.vee.state)
        ChannelKeySerde channelKeys = new ChannelKeySerde();
        ChannelDayKeySerde dayKeys = new ChannelDayKeySerde();
        t.addStateStore(store(DAYS_STORE, dayKeys, new StoredDaySerde()), "channel-vee");
        t.addStateStore(store(REGISTERS_STORE, channelKeys, new StoredRegistersSerde()), "channel-vee");
        t.addStateStore(store(EDITS_STORE, channelKeys, new EditLogSerde()), "channel-vee");
        // earlier versions stored the published results as Avro binary: still read
        PublishedResultSerde published = new PublishedResultSerde(
                new BinaryAvroSerde<>(ChannelPeriodResult.class).deserializer());
        t.addStateStore(store(PUBLISHED_STORE, dayKeys, published), "channel-vee");
        // dirty marks and channel bounds are rewritten with every block and the dirty marks deleted at the next
        // evaluation: a record cache absorbs those writes, so that RocksDB and the changelog see only the state
        // at each commit (reads see the cache; the stored state is the same)
        t.addStateStore(store(DIRTY_STORE, channelKeys, new DirtyRangeSerde()).withCachingEnabled(), "channel-vee");
        // string keys, not ChannelKeys: a store of earlier versions also holds their newest day under a key that is no
        // channel, which the processor takes out (ChannelVeeProcessor.FORMER_NEWEST_DAY_KEY)
        t.addStateStore(store(BOUNDS_STORE, keys, new ChannelBoundsSerde()).withCachingEnabled(), "channel-vee");
        t.addStateStore(store(NEWEST_DAY_STORE, keys, new NewestDaySerde()), "channel-vee");
        t.addStateStore(store(MASTER_DATA_SEEN_STORE, channelKeys, new MasterDataDigestSerde())
                .withCachingEnabled(), "channel-vee");

        t.addSink(RESULTS_SINK, topics.channelPeriods.name(), topics.channelPeriods.keySerde().serializer(),
                topics.channelPeriods.valueSerde().serializer(), "channel-vee");
        t.addSink(EXCEPTIONS_SINK, topics.veeExceptions.name(), topics.veeExceptions.keySerde().serializer(),
                topics.veeExceptions.valueSerde().serializer(), "channel-vee",
                "intervals-read", "registers-read", "edits-read");
        t.addSink(DEAD_LETTERS_SINK, deadLetters.name(), deadLetters.keySerde().serializer(),
                deadLetters.valueSerde().serializer(), "intervals-read", "registers-read", "edits-read");
        return t;
    }
}
