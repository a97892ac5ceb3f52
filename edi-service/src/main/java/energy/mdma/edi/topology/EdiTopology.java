package energy.mdma.edi.topology;

import energy.mdma.edi.decision.RoundLimits;
import energy.mdma.edi.internal.SummaryRowsUpdate;
import energy.mdma.edi.model.UsageIndicator;
import energy.mdma.edi.x12.Edi867Checker;
import energy.mdma.edi.x12.Fast867Writer;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.Topics;
import energy.mdma.edi.store.AccountPeriodKeySerde;
import energy.mdma.edi.store.ControlNumberKeySerde;
import energy.mdma.edi.store.CounterSerde;
import energy.mdma.edi.store.CurrentReportKeySerde;
import energy.mdma.edi.store.DirtyMarkSerde;
import energy.mdma.kafka.MasterDataDigestSerde;
import energy.mdma.edi.store.MeterIndexEntrySerde;
import energy.mdma.edi.store.MeterIndexKeySerde;
import energy.mdma.edi.store.NewestPeriodEndSerde;
import energy.mdma.edi.store.PostedSummarySerde;
import energy.mdma.edi.store.ReportIdSerde;
import energy.mdma.edi.store.ResultKeySerde;
import energy.mdma.edi.store.SentKeySerde;
import energy.mdma.edi.store.SentStateSerde;
import energy.mdma.edi.store.StoredResult;
import energy.mdma.edi.store.StoredResultSerde;
import energy.mdma.edi.store.SummaryChangesSerde;
import energy.mdma.edi.store.SummaryRowsKeySerde;
import energy.mdma.edi.store.SummaryRowsValueSerde;
import energy.mdma.kafka.BinaryAvroSerde;
import energy.mdma.kafka.DeadLetters;
import energy.mdma.kafka.EventTopics;
import energy.mdma.kafka.GlobalStoreVersion;
import energy.mdma.kafka.GlobalTableUpdate;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.kafka.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.List;

/**
 * The edi-service topology. Stage 1 (per service account, as the VEE results are keyed) decides what each
 * account-period's receivers get and posts the 867 files itself, for every receiver, numbered in its partition's
 * range: every receiver's work, the UDC's included, is spread over the partitions and thus over the instances. The
 * summary rows go, repartitioned by receiver, to stage 2, which posts each receiver's summary report. Meters
 * (indexed by account), channels and parties are global tables.
 */
public final class EdiTopology {
    static final String METER_INDEX_STORE = "edi-meter-index";
    static final String CHANNELS_STORE = "edi-channels";
    static final String PARTIES_STORE = "edi-parties";
    static final String RESULTS_STORE = "edi-channel-period-results";
    static final String DIRTY_STORE = "edi-dirty-account-periods";
    static final String SENT_STORE = "edi-sent-account-periods";
    static final String NEWEST_PERIOD_END_STORE = "edi-newest-period-end";
    static final String CURRENT_REPORTS_STORE = "edi-current-reports";
    static final String SEQUENCES_STORE = "edi-control-numbers";
    static final String SUMMARY_ROWS_STORE = "edi-summary-rows";
    static final String SUMMARY_CHANGES_STORE = "edi-summary-changes";
    static final String POSTED_SUMMARIES_STORE = "edi-posted-summaries";
    /**
     * Where versions before 2026-12 kept both of the above, under {@code summary-dirty|receiver} and
     * {@code summary-hash|receiver}: emptied into them by SummaryProcessor at its first punctuation.
     */
    static final String FORMER_RECEIVER_STATE_STORE = "edi-receiver-state";
    static final String MASTER_DATA_SEEN_STORE = "edi-account-master-data-seen";

    /**
     * @param every                  how often a posting round runs (wall clock)
     * @param mdmaId                 the MDMA's id in file names
     * @param mdmaDuns               the MDMA's D-U-N-S (ISA06, GS02)
     * @param usageIndicator         ISA15: P (production) or T (test)
     * @param maxIntervalsPerFile    an 867 file is split beyond this many intervals (a cancellation stays with its new original)
     * @param maxTransactionsPerFile and beyond this many transaction sets
     * @param masterDataCheckEvery   how often the accounts are checked against the master data their account-periods
     *                               were last decided with (meters, channels, customer name, UDC, ESP and their names);
     *                               the account-periods of an account whose master data changed are decided again, so
     *                               that a posted 867 that no longer matches them is corrected
     * @param maxIntervalsPerRound   a posting round (one punctuation, one transaction) takes changed account-periods up
     *                               to about this many intervals; the rest waits for the next round. This bounds the
     *                               transaction's duration and the memory of a round when a large backlog arrives
     * @param summaryQuiet           a receiver's summary is posted once its rows have not changed for this long (or
     *                               once its oldest unposted change is 5 minutes old, during a long backlog)
     * @param summaryWindowDays      the summary covers the channel-periods whose current version is at most this many
     *                               days old (calendar days of the prevailing time, America/Los_Angeles); older rows
     *                               are pruned from the state
     * @param summaryRowsPerPart     a summary of more rows is posted in parts of at most this many rows
     */
    public record Settings(Duration every, String mdmaId, String mdmaDuns, UsageIndicator usageIndicator,
                           int maxIntervalsPerFile, int maxTransactionsPerFile, Duration masterDataCheckEvery,
                           long maxIntervalsPerRound, Duration summaryQuiet, int summaryWindowDays,
                           int summaryRowsPerPart) {
        public static final int SUMMARY_WINDOW_DAYS = 35;
        public static final int SUMMARY_ROWS_PER_PART = 100_000;

        public Settings {
            if (summaryWindowDays < 1) {
                throw new IllegalArgumentException("the summary window must be at least 1 day, not " + summaryWindowDays);
            }
            if (summaryRowsPerPart < 1 || summaryRowsPerPart > SUMMARY_ROWS_PER_PART) {
                throw new IllegalArgumentException("summary parts hold 1 to " + SUMMARY_ROWS_PER_PART + " rows, not "
                        + summaryRowsPerPart);
            }
        }

        public Settings(Duration every, String mdmaId, String mdmaDuns, UsageIndicator usageIndicator,
                        int maxIntervalsPerFile, int maxTransactionsPerFile, Duration masterDataCheckEvery,
                        long maxIntervalsPerRound, Duration summaryQuiet) {
            this(every, mdmaId, mdmaDuns, usageIndicator, maxIntervalsPerFile, maxTransactionsPerFile,
                    masterDataCheckEvery, maxIntervalsPerRound, summaryQuiet, SUMMARY_WINDOW_DAYS, SUMMARY_ROWS_PER_PART);
        }

        public Settings(Duration every, String mdmaId, String mdmaDuns, UsageIndicator usageIndicator,
                        int maxIntervalsPerFile, int maxTransactionsPerFile) {
            this(every, mdmaId, mdmaDuns, usageIndicator, maxIntervalsPerFile, maxTransactionsPerFile, Duration.ofSeconds(30),
                    1_000_000L, Duration.ofSeconds(10));
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(2), "MDMA", "123456789", UsageIndicator.PRODUCTION, 60_000, 5_000);
        }

        public Settings withMaxIntervalsPerRound(long max) {
            return new Settings(every, mdmaId, mdmaDuns, usageIndicator, maxIntervalsPerFile, maxTransactionsPerFile,
                    masterDataCheckEvery, max, summaryQuiet, summaryWindowDays, summaryRowsPerPart);
        }

        public Settings withSummary(int windowDays, int rowsPerPart) {
            return new Settings(every, mdmaId, mdmaDuns, usageIndicator, maxIntervalsPerFile, maxTransactionsPerFile,
                    masterDataCheckEvery, maxIntervalsPerRound, summaryQuiet, windowDays, rowsPerPart);
        }
    }

    /**
     * How far back a correction reaches (README "Correction horizon"; vee-service has the same setting).
     *
     * @param correctionHorizonDays an account-period whose read date (period end) is more than this many days before
     *                              the data's today (the newest period end of a result with data, not later than the
     *                              wall clock's date; America/Los_Angeles) and
     *                              {@link energy.mdma.edi.decision.CorrectionHorizon#SLACK_DAYS} more is final: a result for it is
     *                              ignored, it is not decided nor posted again, and its state (results, what was sent,
     *                              the current reports) is pruned
     * @param pruneEvery            how often a pruning round runs
     * @param accountsPerPruneRound accounts a pruning round looks at, at most (and for about
     *                              {@link RoundLimits#pruneTime()}); the next round goes on from there
     */
    public record Horizon(int correctionHorizonDays, Duration pruneEvery, int accountsPerPruneRound) {
        public static final Horizon DEFAULT = new Horizon(400, Duration.ofMinutes(1), 10_000);

        public Horizon {
            if (correctionHorizonDays < 1) {
                throw new IllegalArgumentException("the correction horizon (mdma.correction-horizon-days) must be at "
                        + "least 1 day, is " + correctionHorizonDays);
            }
            if (pruneEvery == null || pruneEvery.isNegative() || pruneEvery.isZero()) {
                throw new IllegalArgumentException("pruneEvery must be positive, is " + pruneEvery);
            }
            if (accountsPerPruneRound < 1) {
                throw new IllegalArgumentException("accounts per pruning round must be at least 1, is "
                        + accountsPerPruneRound);
            }
        }
    }

    private EdiTopology() {
    }

    public static Topology build(SerdeFactory serdes, Settings settings) {
        return build(serdes, settings, Horizon.DEFAULT, PostedNumbers.NONE);
    }

    public static Topology build(SerdeFactory serdes, Settings settings, Horizon horizon) {
        return build(serdes, settings, horizon, PostedNumbers.NONE);
    }

    public static Topology build(SerdeFactory serdes, Settings settings, PostedNumbers posted) {
        return build(serdes, settings, Horizon.DEFAULT, posted);
    }

    public static Topology build(SerdeFactory serdes, Settings settings, Horizon horizon, PostedNumbers posted) {
        return build(serdes, settings, horizon, posted, RoundLimits.DEFAULT);
    }

    /**
     * @param posted what mdma.edi.documents holds, for numbering after a lost state ({@link ControlNumberAllocator})
     * @param limits how much one punctuation does (mdma.edi.* settings)
     */
    public static Topology build(SerdeFactory serdes, Settings settings, Horizon horizon, PostedNumbers posted,
                                 RoundLimits limits) {
        StreamsBuilder builder = new StreamsBuilder();
        EventTopics topics = new EventTopics(serdes);
        Topic<String, DeadLetters.DeadLetter> deadLetters = EventTopics.deadLetters(Topics.EDI_DEAD_LETTERS);
        Serde<String> keys = Serdes.String();
        // the master data, every change counted: the accounts are checked against them only after one (PassesOnChange)
        GlobalStoreVersion masterData = new GlobalStoreVersion();
        builder.addGlobalStore(store(METER_INDEX_STORE, new MeterIndexKeySerde(), new MeterIndexEntrySerde())
                        .withLoggingDisabled(),
                topics.meters.name(), topics.meters.consumed(), () -> new MeterIndexProcessor(masterData));
        builder.addGlobalStore(GlobalTableUpdate.store(CHANNELS_STORE, topics.channels.keySerde(),
                topics.channels.valueSerde()), topics.channels.name(), topics.channels.consumed(),
                () -> new GlobalTableUpdate<>(CHANNELS_STORE, masterData));
        builder.addGlobalStore(GlobalTableUpdate.store(PARTIES_STORE, topics.parties.keySerde(),
                topics.parties.valueSerde()), topics.parties.name(), topics.parties.consumed(),
                () -> new GlobalTableUpdate<>(PARTIES_STORE, masterData));

        // each store with the serdes of its keys and values (energy.mdma.edi.store): the bytes of the formats before them
        builder.addStateStore(store(RESULTS_STORE, new ResultKeySerde(), new StoredResultSerde()));
        builder.addStateStore(store(DIRTY_STORE, new AccountPeriodKeySerde(), new DirtyMarkSerde()));
        builder.addStateStore(store(SENT_STORE, new SentKeySerde(), new SentStateSerde()));
        builder.addStateStore(store(NEWEST_PERIOD_END_STORE, keys, new NewestPeriodEndSerde()));
        builder.addStateStore(store(CURRENT_REPORTS_STORE, new CurrentReportKeySerde(), new ReportIdSerde()));
        // the counters are rewritten with every report id and file (ControlNumberAllocator): a record cache absorbs
        // those writes, so that RocksDB and the changelog see only each counter's value at a commit (one record per
        // counter per commit instead of one per report id; a restore reads the same committed values)
        builder.addStateStore(store(SEQUENCES_STORE, new ControlNumberKeySerde(), new CounterSerde())
                .withCachingEnabled());
        List<StoreBuilder<?>> summaryStores = summaryStores();
        summaryStores.forEach(builder::addStateStore);
        builder.addStateStore(store(MASTER_DATA_SEEN_STORE, keys, new MasterDataDigestSerde()));

        Fast867Writer writer = new Fast867Writer();
        Edi867Checker checker = new Edi867Checker();
        // the VEE results are read by a decoder: one that cannot be read goes to mdma.edi.dead-letters with an
        // exception event, and processing goes on (DeadLetters)
        // a result written with its class's own schema (what vee writes) is not decoded here: it is stored as it
        // arrived and decoded when its account-period is decided (StoredResult)
        KStream<String, StoredResult> results = builder
                .stream(topics.channelPeriods.name(), Consumed.with(keys, Serdes.ByteArray()))
                .process(() -> new DeadLetters.Decoder<>("edi", serdes.encodedOrDecoded(ChannelPeriodResult.class),
                        null, null, null))
                .split(Named.as("channel-periods-"))
                .branch((k, v) -> v instanceof DeadLetters.DeadLetter, Branched.withConsumer(s -> s
                        .mapValues(v -> (DeadLetters.DeadLetter) v)
                        .to(deadLetters.name(), deadLetters.produced())))
                .branch((k, v) -> v instanceof VeeException, Branched.withConsumer(s -> s
                        .mapValues(v -> (VeeException) v).to(topics.veeExceptions.name(), topics.veeExceptions.produced())))
                .defaultBranch(Branched.as("read"))
                .get("channel-periods-read")
                .mapValues(StoredResult::arrived);
        KStream<String, SpecificRecord> stage1 = results
                .process(() -> new AccountPeriodProcessor(settings, limits, writer, checker, horizon, posted, masterData),
                        RESULTS_STORE, DIRTY_STORE, SENT_STORE, NEWEST_PERIOD_END_STORE, MASTER_DATA_SEEN_STORE,
                        CURRENT_REPORTS_STORE, SEQUENCES_STORE);
        stage1.split()
                .branch((k, v) -> v instanceof DocumentPosted, Branched.withConsumer(s -> s
                        .mapValues(v -> (DocumentPosted) v).to(topics.postedDocuments.name(), topics.postedDocuments.produced())))
                .branch((k, v) -> v instanceof VeeException, Branched.withConsumer(s -> s
                        .mapValues(v -> (VeeException) v).to(topics.veeExceptions.name(), topics.veeExceptions.produced())))
                .branch((k, v) -> v instanceof SummaryRowsUpdate, Branched.withConsumer(s -> s
                        .mapValues(v -> (SummaryRowsUpdate) v)
                        .repartition(Repartitioned.with(keys, new BinaryAvroSerde<>(SummaryRowsUpdate.class)).withName("summary-rows"))
                        .process(() -> new SummaryProcessor(settings, limits),
                                summaryStores.stream().map(StoreBuilder::name).toArray(String[]::new))
                        .to(topics.postedDocuments.name(), topics.postedDocuments.produced())));
        return builder.build();
    }

    /** Stage 2's stores (SummaryProcessor): rows, per receiver its changes and last hash, and the former state. */
    static List<StoreBuilder<?>> summaryStores() {
        Serde<String> receivers = Serdes.String();
        // a receiver's changes are rewritten with every account-period's rows: cached as the control numbers are
        return List.of(store(SUMMARY_ROWS_STORE, new SummaryRowsKeySerde(), new SummaryRowsValueSerde()),
                store(SUMMARY_CHANGES_STORE, receivers, new SummaryChangesSerde()).withCachingEnabled(),
                store(POSTED_SUMMARIES_STORE, receivers, new PostedSummarySerde()),
                store(FORMER_RECEIVER_STATE_STORE, receivers, Serdes.String()));
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    }
}
