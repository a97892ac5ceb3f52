package energy.mdma.edi.topology;

import energy.mdma.events.PrevailingTime;
import energy.mdma.kafka.GlobalStoreVersion;
import energy.mdma.kafka.PassesOnChange;
import energy.mdma.edi.decision.AccountPeriodDecision;
import energy.mdma.edi.decision.CorrectionHorizon;
import energy.mdma.edi.decision.ResultHeader;
import energy.mdma.edi.decision.AccountMasterDataFingerprint;
import energy.mdma.edi.decision.RoundLimits;
import energy.mdma.edi.decision.SentState;
import energy.mdma.edi.internal.PartyData;
import energy.mdma.edi.keys.AccountPeriodKey;
import energy.mdma.edi.keys.ChannelTableKey;
import energy.mdma.edi.keys.CurrentReportKey;
import energy.mdma.edi.keys.MeterIndexKey;
import energy.mdma.edi.keys.ResultKey;
import energy.mdma.edi.keys.SentKey;
import energy.mdma.edi.store.DirtyMark;
import energy.mdma.kafka.MasterDataDigest;
import energy.mdma.edi.store.MeterIndexEntry;
import energy.mdma.edi.store.ReportId;
import energy.mdma.edi.store.NewestPeriodEnd;
import energy.mdma.edi.store.StoredResult;
import energy.mdma.edi.x12.Edi867Checker;
import energy.mdma.edi.x12.Fast867Writer;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage 1 of edi-service, per service account (the partitioning of the VEE results): keeps the current
 * result of every channel-period, and on a wall-clock punctuation (a posting round) has each changed account-period
 * decided ({@link AccountPeriodDecision}: what its receivers, the UDC and the account's ESP, must get). It posts those
 * 867 files itself ({@link PostingRound}: each original rendered once for both receivers, control numbers from this
 * partition's range), so that the work of every receiver, the UDC's included, is spread over the partitions and
 * instances. The rows of the summary report go, in the same transaction, to stage 2 ({@link SummaryProcessor}),
 * partitioned by receiver. This class reads and writes the stores and forwards; the decisions are in
 * {@code energy.mdma.edi.decision}.
 */
final class AccountPeriodProcessor implements Processor<String, StoredResult, String, SpecificRecord> {
    private static final Logger LOG = Logger.getLogger(AccountPeriodProcessor.class);
    /** See {@link CorrectionHorizon#SLACK_DAYS}. */
    static final int HORIZON_SLACK_DAYS = CorrectionHorizon.SLACK_DAYS;

    private final EdiTopology.Settings settings;
    private final RoundLimits limits;
    private final Fast867Writer writer;
    private final Edi867Checker checker;
    private final AccountMasterDataFingerprint fingerprint = new AccountMasterDataFingerprint();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<CurrentReportKey, ReportId> currentReports;
    private ControlNumberAllocator numbers;
    private KeyValueStore<ResultKey, StoredResult> current;
    private KeyValueStore<AccountPeriodKey, DirtyMark> dirty;
    private KeyValueStore<SentKey, SentState> sent;
    private KeyValueStore<String, NewestPeriodEnd> newestPeriodEnds;
    private KeyValueStore<String, MasterDataDigest> masterDataSeen;
    private KeyValueStore<MeterIndexKey, MeterIndexEntry> meterIndex;
    private TimestampedKeyValueStore<String, ChannelEvent> channels;
    private TimestampedKeyValueStore<String, PartyEvent> parties;
    /** The last account the master data check reached (null: start from the first). */
    private String masterDataCursor;
    /** The instance's count of master data taken in, and when this task's check goes over its accounts. */
    private final GlobalStoreVersion masterDataVersion;
    private final PassesOnChange masterDataPasses = new PassesOnChange();
    private final EdiTopology.Horizon horizon;
    private final CorrectionHorizon correctionHorizon;
    /** The newest period end (epoch day) of a result with data; {@link CorrectionHorizon#NO_DATA}: none yet. */
    private long newestPeriodEnd = CorrectionHorizon.NO_DATA;
    private boolean newestPeriodEndLoaded;
    /** Where the next pruning round starts (past the last account pruned; null: from the first). */
    private ResultKey pruneFrom;
    /** Results of final account-periods ignored since the last pruning round (one log line per round). */
    private long finalResultsIgnored;
    private String finalResultExample;

    private final PostedNumbers posted;

    AccountPeriodProcessor(EdiTopology.Settings settings, RoundLimits limits, Fast867Writer writer, Edi867Checker checker,
                           EdiTopology.Horizon horizon, PostedNumbers posted, GlobalStoreVersion masterDataVersion) {
        this.posted = posted;
        this.masterDataVersion = masterDataVersion;
        this.settings = settings;
        this.limits = limits;
        this.horizon = horizon;
        this.correctionHorizon = new CorrectionHorizon(horizon.correctionHorizonDays(), PrevailingTime.ZONE);
        this.writer = writer;
        this.checker = checker;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        currentReports = context.getStateStore(EdiTopology.CURRENT_REPORTS_STORE);
        numbers = new ControlNumberAllocator(context.getStateStore(EdiTopology.SEQUENCES_STORE),
                context.taskId().partition(), settings.mdmaId(), posted);
        current = context.getStateStore(EdiTopology.RESULTS_STORE);
        dirty = context.getStateStore(EdiTopology.DIRTY_STORE);
        sent = context.getStateStore(EdiTopology.SENT_STORE);
        newestPeriodEnds = context.getStateStore(EdiTopology.NEWEST_PERIOD_END_STORE);
        masterDataSeen = context.getStateStore(EdiTopology.MASTER_DATA_SEEN_STORE);
        meterIndex = context.getStateStore(EdiTopology.METER_INDEX_STORE);
        channels = context.getStateStore(EdiTopology.CHANNELS_STORE);
        parties = context.getStateStore(EdiTopology.PARTIES_STORE);
        context.schedule(settings.every(), PunctuationType.WALL_CLOCK_TIME, afterLoad(this::postRound));
        context.schedule(settings.masterDataCheckEvery(), PunctuationType.WALL_CLOCK_TIME,
                afterLoad(this::checkMasterData));
        context.schedule(horizon.pruneEvery(), PunctuationType.WALL_CLOCK_TIME, afterLoad(this::prune));
    }

    /** {@code punctuation}, once the newest period end is loaded ({@link #loadNewestPeriodEnd}). */
    private Punctuator afterLoad(Punctuator punctuation) {
        return t -> {
            loadNewestPeriodEnd();
            punctuation.punctuate(t);
        };
    }

    /**
     * Reads the newest period end from its store once, before the first record or punctuation uses it (not in init,
     * so that a test can set up the state of an earlier version first). A task whose store has none may run on the
     * state of an earlier version, which kept it in the sent store: that entry is deleted (unread: it is no
     * account-period's) and the newest period end derived from the stored results, as {@link #process} takes it from
     * each result. A task with no results stores nothing.
     */
    private void loadNewestPeriodEnd() {
        if (newestPeriodEndLoaded) {
            return;
        }
        newestPeriodEndLoaded = true;
        NewestPeriodEnd stored = newestPeriodEnds.get(NewestPeriodEnd.KEY);
        if (stored != null) {
            newestPeriodEnd = stored.periodEnd().toEpochDay();
            return;
        }
        sent.put(SentKey.FORMER_NEWEST_PERIOD_END, null);
        long newest = CorrectionHorizon.NO_DATA;
        try (KeyValueIterator<ResultKey, StoredResult> it = current.all()) {
            while (it.hasNext()) {
                newest = CorrectionHorizon.newestPeriodEnd(newest, it.next().value.header());
            }
        }
        if (newest != CorrectionHorizon.NO_DATA) {
            newestPeriodEnd = newest;
            newestPeriodEnds.put(NewestPeriodEnd.KEY, new NewestPeriodEnd(LocalDate.ofEpochDay(newest)));
            LOG.infof("the newest period end, kept in %s by earlier versions, is now in %s: %s", EdiTopology.SENT_STORE,
                    EdiTopology.NEWEST_PERIOD_END_STORE, LocalDate.ofEpochDay(newest));
        }
    }

    private LocalDate horizonAt(long nowMs) {
        return correctionHorizon.firstOpenPeriodEnd(newestPeriodEnd, nowMs);
    }

    @Override
    public void process(Record<String, StoredResult> record) {
        loadNewestPeriodEnd();
        StoredResult arrived = record.value();
        if (arrived == null) {
            return;
        }
        ResultHeader r = arrived.header();
        AccountPeriodKey ap = new AccountPeriodKey(r.serviceAccount(), r.periodEnd());
        long newest = CorrectionHorizon.newestPeriodEnd(newestPeriodEnd, r);
        if (newest != newestPeriodEnd) {
            newestPeriodEnd = newest;
            newestPeriodEnds.put(NewestPeriodEnd.KEY, new NewestPeriodEnd(r.periodEnd()));
        }
        if (CorrectionHorizon.isFinal(r.periodEnd(), horizonAt(context.currentSystemTimeMs()))) {
            // final: its state is (being) pruned, so a new original could not cancel the one posted
            if (finalResultsIgnored++ == 0) {
                finalResultExample = ap + " meter " + r.meterId() + " channel " + r.channel();
            }
            return;
        }
        ResultKey key = new ResultKey(ap, r.meterId(), r.channel());
        StoredResult stored = current.get(key);
        if (!CorrectionHorizon.supersedes(stored == null ? null : stored.header(), r)) {
            return; // an older version arriving late changes nothing
        }
        current.put(key, arrived);
        dirty.put(ap, DirtyMark.DIRTY);
    }

    private ChannelPeriodResult result(ResultKey key) {
        StoredResult stored = current.get(key);
        return stored == null ? null : stored.result();
    }

    /**
     * One posting round: the changed account-periods, within the round's limits (the rest stays marked for the next
     * rounds: a backlog is posted over several transactions, each of bounded time and memory), decided, and their 867
     * files posted.
     */
    private void postRound(long now) {
        long started = System.nanoTime();
        List<AccountPeriodKey> due = new ArrayList<>();
        boolean more = false;
        try (KeyValueIterator<AccountPeriodKey, DirtyMark> it = dirty.all()) {
            while (it.hasNext() && !more) {
                if (due.size() < limits.accountPeriodsPerRound()) {
                    due.add(it.next().key);
                } else {
                    more = true;
                }
            }
        }
        PostingRound round = new PostingRound(settings, context, currentReports, numbers, writer, checker);
        Map<String, MasterDataDigest> fingerprints = new HashMap<>();
        long intervals = 0;
        int decided = 0;
        LocalDate firstOpen = horizonAt(now);
        for (AccountPeriodKey ap : due) {
            if (!limits.decidesMore(intervals, settings.maxIntervalsPerRound(), System.nanoTime() - started)) {
                break;
            }
            dirty.delete(ap);
            if (CorrectionHorizon.isFinal(ap.periodEnd(), firstOpen)) {
                decided++;
                continue; // final (beyond the correction horizon): nothing is posted for it any more
            }
            intervals += decide(ap, now, round, fingerprints);
            // once per account and round, after its account-periods were decided with these master data
            masterDataSeen.put(ap.account(), fingerprints.get(ap.account()));
            decided++;
        }
        if (decided < due.size() || more) {
            LOG.infof("posting round: %d account-periods with %d intervals now, %s%d more in the next rounds",
                    decided, intervals, more ? "over " : "", due.size() - decided);
        }
        round.post(Instant.ofEpochMilli(now));
    }

    /**
     * Master data arrive on global tables and change later (a customer's name, the account's ESP, a meter's
     * multiplier, a party's name): every account of this task whose master data differ from what its account-periods
     * were last decided with has them decided again. An account-period whose 867 data are unchanged stays as it is;
     * one whose data changed gets a correction (cancellation + new original), to every party that received it. An
     * account without results any more (all pruned) has nothing to correct: its entry is dropped. The accounts are gone
     * over (a slice per round) only once master data arrived since the last complete pass began ({@link
     * PassesOnChange}): while the master data stay as they are, the check costs nothing.
     */
    private void checkMasterData(long now) {
        if (!masterDataPasses.due(masterDataVersion.current())) {
            return; // no master data arrived since the last complete pass began: every account was looked at since
        }
        List<String> changed = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        Map<String, MasterDataDigest> takenOver = new HashMap<>();
        int checked = 0;
        String last = null;
        // a slice of the accounts per round, from where the last round stopped: the work of a round stays bounded
        try (KeyValueIterator<String, MasterDataDigest> it = masterDataCursor == null ? masterDataSeen.all()
                : masterDataSeen.range(masterDataCursor + "\u0000", null)) {
            while (it.hasNext() && checked < limits.masterDataAccountsPerRound()) {
                KeyValue<String, MasterDataDigest> kv = it.next();
                checked++;
                last = kv.key;
                if (!sameMasterData(kv.key, kv.value, takenOver)) {
                    changed.add(kv.key);
                } else if (!hasResults(kv.key)) {
                    gone.add(kv.key);
                }
            }
            masterDataCursor = it.hasNext() ? last : null;
        }
        if (masterDataCursor == null) {
            masterDataPasses.completed();
        }
        for (String account : changed) {
            accountPeriods(account).forEach(ap -> dirty.put(ap, DirtyMark.DIRTY));
            masterDataSeen.delete(account); // written again when its account-periods have been decided
        }
        takenOver.forEach(masterDataSeen::put);
        gone.forEach(masterDataSeen::delete);
    }

    /** The account-periods of an account that have results. */
    private Set<AccountPeriodKey> accountPeriods(String account) {
        Set<AccountPeriodKey> aps = new LinkedHashSet<>();
        try (KeyValueIterator<ResultKey, StoredResult> it = current.prefixScan(AccountPeriodKey.accountPrefix(account),
                new StringSerializer())) {
            while (it.hasNext()) {
                aps.add(it.next().key.accountPeriod());
            }
        }
        return aps;
    }

    private boolean hasResults(String account) {
        try (KeyValueIterator<ResultKey, StoredResult> it = current.prefixScan(AccountPeriodKey.accountPrefix(account),
                new StringSerializer())) {
            return it.hasNext();
        }
    }

    /**
     * A pruning round: the account-periods beyond the correction horizon are final; their results, what was sent and
     * the receivers' current reports are deleted, and so is the account's master data entry once none of its
     * account-periods is left. Up to {@code accountsPerPruneRound} accounts and about {@link RoundLimits#pruneTime()}
     * per round, one seek per account (its account-periods sort by period end), from where the last round stopped.
     */
    private void prune(long now) {
        long started = System.nanoTime();
        LocalDate firstOpen = horizonAt(now);
        int accounts = 0;
        long deleted = 0;
        ResultKey from = pruneFrom;
        while (limits.prunesMore(accounts, horizon.accountsPerPruneRound(), System.nanoTime() - started)) {
            AccountPeriodKey firstAp = firstAccountPeriodFrom(from);
            if (firstAp == null) {
                from = null; // the pass is over: the next round starts a new one
                break;
            }
            if (CorrectionHorizon.isFinal(firstAp.periodEnd(), firstOpen)) {
                deleted += pruneAccount(firstAp.account(), firstOpen);
            }
            from = ResultKey.pastAccount(firstAp.account());
            accounts++;
        }
        pruneFrom = from;
        if (deleted > 0) {
            LOG.infof("pruning round: %d records of account-periods ending before %s (the correction horizon, %d days) "
                    + "deleted from %d accounts", deleted, firstOpen, horizon.correctionHorizonDays(), accounts);
        }
        if (finalResultsIgnored > 0) {
            LOG.warnf("%d VEE results of account-periods ending before %s were ignored (e.g. %s): they are beyond the "
                    + "correction horizon (mdma.correction-horizon-days=%d) and final. Set the same horizon in vee-service "
                    + "and edi-service; a correction that old is made outside the MDMA", finalResultsIgnored, firstOpen,
                    finalResultExample, horizon.correctionHorizonDays());
            finalResultsIgnored = 0;
            finalResultExample = null;
        }
    }

    /**
     * The first account-period of the results from {@code from} (null: the first of all) on, skipping the account
     * {@code from} is past (see {@link ResultKey#pastAccount}); null when there is none.
     */
    private AccountPeriodKey firstAccountPeriodFrom(ResultKey from) {
        try (KeyValueIterator<ResultKey, StoredResult> it = current.range(from, null)) {
            while (it.hasNext()) {
                AccountPeriodKey ap = it.next().key.accountPeriod();
                if (from == null || !ap.account().equals(from.accountPeriod().account())) {
                    return ap;
                }
            }
        }
        return null;
    }

    /** Deletes the state of an account's account-periods ending before {@code firstOpen}; returns the records. */
    private long pruneAccount(String account, LocalDate firstOpen) {
        List<ResultKey> keys = new ArrayList<>();
        // an account's results sort by period end: those before firstOpen come first
        try (KeyValueIterator<ResultKey, StoredResult> it = current.prefixScan(AccountPeriodKey.accountPrefix(account),
                new StringSerializer())) {
            while (it.hasNext()) {
                ResultKey key = it.next().key;
                if (!key.accountPeriod().periodEnd().isBefore(firstOpen)) {
                    break;
                }
                keys.add(key);
            }
        }
        Set<AccountPeriodKey> aps = new LinkedHashSet<>();
        keys.forEach(k -> aps.add(k.accountPeriod()));
        long deleted = keys.size();
        keys.forEach(current::delete);
        for (AccountPeriodKey ap : aps) {
            for (String receiver : SentState.orNothing(sent.get(SentKey.of(ap))).receivers()) {
                if (currentReports.delete(new CurrentReportKey(receiver, ap)) != null) {
                    deleted++;
                }
            }
            if (sent.delete(SentKey.of(ap)) != null) {
                deleted++;
            }
            dirty.delete(ap);
        }
        if (!hasResults(account) && masterDataSeen.delete(account) != null) {
            deleted++; // nothing of the account left to decide again when its master data change
        }
        return deleted;
    }

    /** The account's meters, in the order of the meter index. */
    private List<MeterEvent> meters(String account) {
        List<MeterEvent> meters = new ArrayList<>();
        try (KeyValueIterator<MeterIndexKey, MeterIndexEntry> it = meterIndex.prefixScan(
                MeterIndexKey.accountPrefix(account), new StringSerializer())) {
            while (it.hasNext()) {
                meters.add(it.next().value.meter());
            }
        }
        return meters;
    }

    /** A meter's channels, in the order of the channel table. */
    private List<ChannelEvent> channels(String meterId) {
        List<ChannelEvent> chs = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<ChannelEvent>> it =
                     channels.prefixScan(ChannelTableKey.meterPrefix(meterId), new StringSerializer())) {
            while (it.hasNext()) {
                chs.add(it.next().value.value());
            }
        }
        return chs;
    }

    /** The digest of the master data an account-period was decided with: its meters and their channels as read. */
    private MasterDataDigest masterDataFingerprint(List<AccountPeriodDecision.MeterInput> read) {
        List<MeterEvent> meters = new ArrayList<>(read.size());
        Map<String, List<ChannelEvent>> channelsOf = new HashMap<>();
        for (AccountPeriodDecision.MeterInput m : read) {
            meters.add(m.meter());
            List<ChannelEvent> chs = new ArrayList<>(m.channels().size());
            m.channels().forEach(c -> chs.add(c.channel()));
            channelsOf.put(m.meter().getMeterId(), chs);
        }
        return new MasterDataDigest(fingerprint.of(meters, id -> channelsOf.getOrDefault(id, List.of()), this::party));
    }

    /**
     * Whether an account's master data are the ones its account-periods were decided with: the stored digest is the
     * current one, or the one versions before this one stored for the same master data (then the current one is
     * stored in its place, and nothing is decided again).
     */
    private boolean sameMasterData(String account, MasterDataDigest stored, Map<String, MasterDataDigest> takenOver) {
        List<MeterEvent> meters = meters(account);
        byte[] now = fingerprint.of(meters, this::channels, this::party);
        if (stored.matches(now)) {
            return true;
        }
        if (stored.matches(AccountMasterDataFingerprint.former(meters, this::channels, this::party))) {
            takenOver.put(account, new MasterDataDigest(now));
            return true;
        }
        return false;
    }

    /**
     * Decides one account-period and carries the decision out; returns the intervals of the data it posts. The digest
     * of the master data it was decided with goes into {@code fingerprints}, once per account and round, from the
     * meters and channels read here (they are not read a second time for it).
     */
    private long decide(AccountPeriodKey ap, long now, PostingRound round, Map<String, MasterDataDigest> fingerprints) {
        List<AccountPeriodDecision.MeterInput> meters = new ArrayList<>();
        for (MeterEvent m : meters(ap.account())) {
            List<AccountPeriodDecision.ChannelInput> chs = new ArrayList<>();
            for (ChannelEvent c : channels(m.getMeterId())) {
                chs.add(new AccountPeriodDecision.ChannelInput(c, result(new ResultKey(ap, m.getMeterId(), c.getChannel()))));
            }
            meters.add(new AccountPeriodDecision.MeterInput(m, chs));
        }
        fingerprints.computeIfAbsent(ap.account(), a -> masterDataFingerprint(meters));
        AccountPeriodDecision.Outcome outcome = AccountPeriodDecision.decide(ap.account(), ap.periodEnd(), meters,
                this::party, SentState.orNothing(sent.get(SentKey.of(ap))));
        if (outcome instanceof AccountPeriodDecision.Retry) {
            dirty.put(ap, DirtyMark.DIRTY); // look again at the next round
            return 0;
        }
        if (!(outcome instanceof AccountPeriodDecision.Send send)) {
            return 0;
        }
        send.reports().forEach(round::add);
        send.summaryRows().forEach(u -> context.forward(new Record<>(u.getReceiverId(), u, now)));
        sent.put(SentKey.of(ap), send.sent());
        return send.intervals();
    }

    private PartyData party(String id) {
        ValueAndTimestamp<PartyEvent> p = parties.get(id);
        if (p == null || p.value() == null || p.value().getDuns() == null) {
            return null;
        }
        return PartyData.newBuilder().setId(id).setName(p.value().getName()).setDuns(p.value().getDuns()).build();
    }
}
