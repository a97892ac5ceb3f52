package energy.mdma.vee.topology;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.ManualEdit;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.BinaryAvroSerde;
import energy.mdma.events.kafka.DeadLetters;
import energy.mdma.events.kafka.SerdeFactory;
import energy.mdma.events.kafka.Topics;
import energy.mdma.vee.model.VeeParameterCatalog;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

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
     */
    public record Settings(Duration evaluateEvery, Duration masterDataCheckEvery, Duration settleQuiet,
                           Duration settleMax) {
        public static final Duration DEFAULT_SETTLE_QUIET = Duration.ofSeconds(15);
        public static final Duration DEFAULT_SETTLE_MAX = Duration.ofMinutes(3);

        public Settings {
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
        }

        public Settings(Duration evaluateEvery, Duration masterDataCheckEvery) {
            this(evaluateEvery, masterDataCheckEvery, DEFAULT_SETTLE_QUIET, DEFAULT_SETTLE_MAX);
        }

        public Settings(Duration evaluateEvery) {
            this(evaluateEvery, Duration.ofSeconds(10));
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(2));
        }

        /** These settings with other settle times. */
        public Settings withSettle(Duration quiet, Duration max) {
            return new Settings(evaluateEvery, masterDataCheckEvery, quiet, max);
        }

        private static void positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, is " + d);
            }
        }
    }

    private VeeTopology() {
    }

    public static Topology build(SerdeFactory serdes, VeeParameterCatalog catalog, Settings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        Serde<String> keys = Serdes.String();
        builder.globalTable(Topics.METERS, Consumed.with(keys, serdes.serde(MeterEvent.class)),
                Materialized.as(METERS_STORE));
        builder.globalTable(Topics.CHANNELS, Consumed.with(keys, serdes.serde(ChannelEvent.class)),
                Materialized.as(CHANNELS_STORE));
        builder.globalTable(Topics.SCHEDULES, Consumed.with(keys, serdes.serde(ScheduledReadDate.class)),
                Materialized.as(SCHEDULES_STORE));
        Topology t = builder.build();

        // the inputs are read by decoders: a record that cannot be read goes to mdma.vee.dead-letters with an
        // exception event, and processing goes on (DeadLetters)
        t.addSource("intervals", keys.deserializer(), Serdes.ByteArray().deserializer(), Topics.INTERVALS);
        t.addSource("registers", keys.deserializer(), Serdes.ByteArray().deserializer(), Topics.REGISTERS);
        t.addSource("edits", keys.deserializer(), Serdes.ByteArray().deserializer(), Topics.VEE_EDITS);
        t.addProcessor("intervals-read", () -> new DeadLetters.Decoder<>("vee",
                serdes.serde(IntervalBlock.class).deserializer(), "channel-vee", DEAD_LETTERS_SINK, EXCEPTIONS_SINK),
                "intervals");
        t.addProcessor("registers-read", () -> new DeadLetters.Decoder<>("vee",
                serdes.serde(RegisterReading.class).deserializer(), "channel-vee", DEAD_LETTERS_SINK, EXCEPTIONS_SINK),
                "registers");
        t.addProcessor("edits-read", () -> new DeadLetters.Decoder<>("vee",
                serdes.serde(ManualEdit.class).deserializer(), "channel-vee", DEAD_LETTERS_SINK, EXCEPTIONS_SINK),
                "edits");
        ChannelEvaluation evaluation = new ChannelEvaluation(catalog);
        BinaryAvroSerde<ChannelPeriodResult> stored = new BinaryAvroSerde<>(ChannelPeriodResult.class);
        t.addProcessor("channel-vee", () -> new ChannelVeeProcessor(settings, evaluation, stored),
                "intervals-read", "registers-read", "edits-read");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DAYS_STORE), keys, Serdes.ByteArray()), "channel-vee");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REGISTERS_STORE), keys, Serdes.ByteArray()), "channel-vee");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EDITS_STORE), keys, Serdes.ByteArray()), "channel-vee");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PUBLISHED_STORE), keys, Serdes.ByteArray()), "channel-vee");
        // dirty marks and channel bounds are rewritten with every block and the dirty marks deleted at the next
        // evaluation: a record cache absorbs those writes, so that RocksDB and the changelog see only the state
        // at each commit (reads see the cache; the stored state is the same)
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DIRTY_STORE), keys, Serdes.ByteArray())
                .withCachingEnabled(), "channel-vee");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BOUNDS_STORE), keys, Serdes.ByteArray())
                .withCachingEnabled(), "channel-vee");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MASTER_DATA_SEEN_STORE), keys, Serdes.ByteArray())
                .withCachingEnabled(), "channel-vee");

        @SuppressWarnings("unchecked")
        Serializer<SpecificRecord> results = (Serializer<SpecificRecord>) (Serializer<?>) serdes.serde(ChannelPeriodResult.class).serializer();
        @SuppressWarnings("unchecked")
        Serializer<SpecificRecord> exceptions = (Serializer<SpecificRecord>) (Serializer<?>) serdes.serde(VeeException.class).serializer();
        t.addSink(RESULTS_SINK, Topics.CHANNEL_PERIODS, keys.serializer(), results, "channel-vee");
        t.addSink(EXCEPTIONS_SINK, Topics.VEE_EXCEPTIONS, keys.serializer(), exceptions, "channel-vee",
                "intervals-read", "registers-read", "edits-read");
        t.addSink(DEAD_LETTERS_SINK, Topics.VEE_DEAD_LETTERS, keys.serializer(), DeadLetters.serializer(),
                "intervals-read", "registers-read", "edits-read");
        return t;
    }
}
