package energy.mdma.edi.topology;

import energy.mdma.events.Sha256;

import energy.mdma.edi.internal.ChannelData;
import energy.mdma.edi.internal.MeterData;
import energy.mdma.edi.internal.PartyData;
import energy.mdma.edi.internal.ReportRequest;
import energy.mdma.edi.internal.RequestType;
import energy.mdma.edi.internal.SummaryRowsUpdate;
import energy.mdma.edi.model.Uom;
import energy.mdma.edi.summary.SummaryCsv;
import energy.mdma.edi.summary.SummaryRow;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalQuality;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.events.kafka.BinaryAvroSerde;
import energy.mdma.edi.x12.Edi867Checker;
import energy.mdma.edi.x12.Fast867Writer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stage 1 of edi-service, per service account (the partitioning of the VEE results): keeps the current
 * result of every channel-period, and on a wall-clock punctuation (a posting round) decides for each changed
 * account-period what its receivers (the UDC and the account's ESP) must get: the account-period's
 * data when every channel-period of every meter of the account is complete (a new original, which
 * cancels any earlier one), a cancellation when a posted account-period became held. It posts those 867 files
 * itself ({@link PostingRound}: each original rendered once for both receivers, control numbers from this
 * partition's range), so that the work of every receiver, the UDC's included, is spread over the partitions and
 * instances. The rows of the summary report go, in the same transaction, to stage 2 ({@link SummaryProcessor}),
 * partitioned by receiver.
 */
final class AccountPeriodProcessor implements Processor<String, ChannelPeriodResult, String, SpecificRecord> {
    private static final Logger LOG = Logger.getLogger(AccountPeriodProcessor.class);
    /**
     * Bounds of one posting round besides {@code maxIntervalsPerRound}: account-periods that post nothing (incomplete,
     * summary rows only) count no intervals, so a round also stops after this many account-periods or this much time
     * (well inside the transaction timeout); the rest stays dirty for the next rounds.
     */
    static final int MAX_ACCOUNT_PERIODS_PER_ROUND = 20_000;
    static final long MAX_ROUND_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    /** A pruning round stops after about this long (it shares the transaction with the posting round). */
    static final long MAX_PRUNE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    /** Accounts whose master data are checked per check round: the next round goes on from where this one stopped. */
    static final int MASTER_DATA_ACCOUNTS_PER_ROUND = 10_000;

    private final EdiTopology.Settings settings;
    private final Fast867Writer writer;
    private final Edi867Checker checker;
    private final BinaryAvroSerde<ChannelPeriodResult> results = new BinaryAvroSerde<>(ChannelPeriodResult.class);
    private final BinaryAvroSerde<ReportRequest> requestSerde = new BinaryAvroSerde<>(ReportRequest.class);
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, String> currentReports;
    private ControlNumbers numbers;
    private KeyValueStore<String, byte[]> current;
    private KeyValueStore<String, byte[]> dirty;
    private KeyValueStore<String, String> sent;
    private KeyValueStore<String, byte[]> masterDataSeen;
    private KeyValueStore<String, byte[]> meterIndex;
    private TimestampedKeyValueStore<String, ChannelEvent> channels;
    private TimestampedKeyValueStore<String, PartyEvent> parties;
    /** The last account the master data check reached (null: start from the first). */
    private String masterDataCursor;
    private final EdiTopology.Horizon horizon;
    /**
     * Key of the newest period end of a result with data this task has received, in the sent store (NUL sorts before
     * every account; nothing iterates that store).
     */
    static final String NEWEST_PERIOD_END_KEY = "\u0000newest-period-end";
    /**
     * edi counts its horizon this many days further back than vee: its today is the newest period end with data, which
     * runs ahead of vee's (the newest day of data) by up to a read period (62 days), and the partitions of edi and vee
     * differ (30 days for their skew). So edi never drops a correction vee still publishes, nor prunes what it needs.
     */
    static final int HORIZON_SLACK_DAYS = 92;
    /** The newest period end (epoch day) of a result with data; Long.MIN_VALUE: none yet. */
    private long newestPeriodEnd = Long.MIN_VALUE;
    /** Where the next pruning round starts (the key after the last account pruned; null: from the first). */
    private String pruneFrom;
    /** Results of final account-periods ignored since the last pruning round (one log line per round). */
    private long finalResultsIgnored;
    private String finalResultExample;

    private final PostedNumbers posted;

    AccountPeriodProcessor(EdiTopology.Settings settings, Fast867Writer writer, Edi867Checker checker,
                           EdiTopology.Horizon horizon, PostedNumbers posted) {
        this.posted = posted;
        this.settings = settings;
        this.horizon = horizon;
        this.writer = writer;
        this.checker = checker;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        currentReports = context.getStateStore(EdiTopology.CURRENT_REPORTS_STORE);
        numbers = new ControlNumbers(context.getStateStore(EdiTopology.SEQUENCES_STORE), context.taskId().partition(),
                settings.mdmaId(), posted);
        current = context.getStateStore(EdiTopology.RESULTS_STORE);
        dirty = context.getStateStore(EdiTopology.DIRTY_STORE);
        sent = context.getStateStore(EdiTopology.SENT_STORE);
        String newest = sent.get(NEWEST_PERIOD_END_KEY);
        newestPeriodEnd = newest == null ? Long.MIN_VALUE : LocalDate.parse(newest).toEpochDay();
        masterDataSeen = context.getStateStore(EdiTopology.MASTER_DATA_SEEN_STORE);
        meterIndex = context.getStateStore(EdiTopology.METER_INDEX_STORE);
        channels = context.getStateStore(EdiTopology.CHANNELS_STORE);
        parties = context.getStateStore(EdiTopology.PARTIES_STORE);
        context.schedule(settings.every(), PunctuationType.WALL_CLOCK_TIME, this::postRound);
        context.schedule(settings.masterDataCheckEvery(), PunctuationType.WALL_CLOCK_TIME, this::checkMasterData);
        context.schedule(horizon.pruneEvery(), PunctuationType.WALL_CLOCK_TIME, this::prune);
    }

    /**
     * The first period end a correction still reaches: older account-periods are final. Counted back from the data's
     * today, as vee does (the newest period end of a result with data, not later than the wall clock's date), by the
     * horizon and {@link #HORIZON_SLACK_DAYS}.
     */
    private LocalDate horizonAt(long nowMs) {
        if (newestPeriodEnd == Long.MIN_VALUE) {
            return LocalDate.of(1900, 1, 1);
        }
        long today = Instant.ofEpochMilli(nowMs).atZone(energy.mdma.edi.x12.Edi867Writer.PREVAILING_ZONE).toLocalDate()
                .toEpochDay();
        return LocalDate.ofEpochDay(Math.min(newestPeriodEnd, today))
                .minusDays(horizon.correctionHorizonDays() + HORIZON_SLACK_DAYS);
    }

    @Override
    public void process(Record<String, ChannelPeriodResult> record) {
        ChannelPeriodResult r = record.value();
        if (r == null) {
            return;
        }
        String ap = r.getServiceAccount() + "|" + r.getPeriodEnd();
        if ((r.getIntervalsActual() > 0 || r.getRegisterEnd() != null) && r.getPeriodEnd().toEpochDay() > newestPeriodEnd) {
            newestPeriodEnd = r.getPeriodEnd().toEpochDay();
            sent.put(NEWEST_PERIOD_END_KEY, r.getPeriodEnd().toString());
        }
        if (r.getPeriodEnd().isBefore(horizonAt(context.currentSystemTimeMs()))) {
            // final: its state is (being) pruned, so a new original could not cancel the one posted
            if (finalResultsIgnored++ == 0) {
                finalResultExample = ap + " meter " + r.getMeterId() + " channel " + r.getChannel();
            }
            return;
        }
        String key = ap + "|" + r.getMeterId() + "|" + r.getChannel();
        byte[] old = current.get(key);
        if (old != null && results.deserializer().deserialize(null, old).getVersion() > r.getVersion()) {
            return; // an older version arriving late changes nothing
        }
        current.put(key, results.serializer().serialize(null, r));
        dirty.put(ap, new byte[0]);
    }

    /**
     * One posting round: the changed account-periods, up to about {@code maxIntervalsPerRound} intervals of data (the
     * rest stays marked for the next rounds: a backlog is posted over several transactions, each of bounded time and
     * memory), decided, and their 867 files posted.
     */
    private void postRound(long now) {
        long started = System.nanoTime();
        List<String> due = new ArrayList<>();
        boolean more = false;
        try (KeyValueIterator<String, byte[]> it = dirty.all()) {
            while (it.hasNext() && !more) {
                if (due.size() < MAX_ACCOUNT_PERIODS_PER_ROUND) {
                    due.add(it.next().key);
                } else {
                    more = true;
                }
            }
        }
        PostingRound round = new PostingRound(settings, context, currentReports, numbers, writer, checker);
        Map<String, byte[]> fingerprints = new HashMap<>();
        long intervals = 0;
        int decided = 0;
        String horizonKey = horizonAt(now).toString();
        for (String ap : due) {
            if (intervals >= settings.maxIntervalsPerRound() || System.nanoTime() - started > MAX_ROUND_NANOS) {
                break;
            }
            dirty.delete(ap);
            if (ap.substring(ap.indexOf('|') + 1).compareTo(horizonKey) < 0) {
                decided++;
                continue; // final (beyond the correction horizon): nothing is posted for it any more
            }
            intervals += decideWithMasterData(ap, now, round);
            String account = ap.substring(0, ap.indexOf('|'));
            // once per account and round, after its account-periods were decided with these master data
            masterDataSeen.put(account, fingerprints.computeIfAbsent(account, this::masterDataFingerprint));
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
     * one whose data changed gets a correction (cancellation + new original), to every party that received it.
     */
    private void checkMasterData(long now) {
        List<String> changed = new ArrayList<>();
        int checked = 0;
        String last = null;
        // a slice of the accounts per round, from where the last round stopped: the work of a round stays bounded
        try (KeyValueIterator<String, byte[]> it = masterDataCursor == null ? masterDataSeen.all()
                : masterDataSeen.range(masterDataCursor + "\u0000", null)) {
            while (it.hasNext() && checked < MASTER_DATA_ACCOUNTS_PER_ROUND) {
                KeyValue<String, byte[]> kv = it.next();
                checked++;
                last = kv.key;
                if (!java.util.Arrays.equals(kv.value, masterDataFingerprint(kv.key))) {
                    changed.add(kv.key);
                }
            }
            masterDataCursor = it.hasNext() ? last : null;
        }
        for (String account : changed) {
            Set<String> aps = new LinkedHashSet<>();
            try (KeyValueIterator<String, byte[]> it = current.prefixScan(account + "|", new StringSerializer())) {
                while (it.hasNext()) {
                    String key = it.next().key;
                    int second = key.indexOf('|', account.length() + 1);
                    aps.add(key.substring(0, second));
                }
            }
            aps.forEach(ap -> dirty.put(ap, new byte[0]));
            masterDataSeen.delete(account); // written again when its account-periods have been decided
        }
    }

    /**
     * A pruning round: the account-periods beyond the correction horizon are final; their results, what was sent and
     * the receivers' current reports are deleted. Up to {@code accountsPerPruneRound} accounts and about
     * {@link #MAX_PRUNE_NANOS} per round, one seek per account (its account-periods sort by period end), from where the
     * last round stopped.
     */
    private void prune(long now) {
        long started = System.nanoTime();
        String horizonDay = horizonAt(now).toString();
        int accounts = 0;
        long deleted = 0;
        String from = pruneFrom;
        while (true) {
            if (accounts >= horizon.accountsPerPruneRound() || (accounts > 0 && System.nanoTime() - started > MAX_PRUNE_NANOS)) {
                break;
            }
            String first;
            try (KeyValueIterator<String, byte[]> it = current.range(from, null)) {
                first = it.hasNext() ? it.next().key : null;
            }
            if (first == null) {
                from = null; // the pass is over: the next round starts a new one
                break;
            }
            String account = first.substring(0, first.indexOf('|'));
            String cutoff = account + "|" + horizonDay; // the account's keys before it are final
            if (first.compareTo(cutoff) < 0) {
                deleted += pruneAccount(account, cutoff);
            }
            from = account + "|\uffff";
            accounts++;
        }
        pruneFrom = from;
        if (deleted > 0) {
            LOG.infof("pruning round: %d records of account-periods ending before %s (the correction horizon, %d days) "
                    + "deleted from %d accounts", deleted, horizonDay, horizon.correctionHorizonDays(), accounts);
        }
        if (finalResultsIgnored > 0) {
            LOG.warnf("%d VEE results of account-periods ending before %s were ignored (e.g. %s): they are beyond the "
                    + "correction horizon (mdma.correction-horizon-days=%d) and final. Set the same horizon in vee-service "
                    + "and edi-service; a correction that old is made outside the MDMA", finalResultsIgnored, horizonDay,
                    finalResultExample, horizon.correctionHorizonDays());
            finalResultsIgnored = 0;
            finalResultExample = null;
        }
    }

    /** Deletes the state of an account's account-periods whose keys sort before {@code cutoff}; returns the records. */
    private long pruneAccount(String account, String cutoff) {
        List<String> keys = new ArrayList<>();
        Set<String> aps = new LinkedHashSet<>();
        try (KeyValueIterator<String, byte[]> it = current.range(account + "|", cutoff)) {
            while (it.hasNext()) {
                String key = it.next().key;
                int second = key.indexOf('|', account.length() + 1);
                if (second > 0 && key.startsWith(account + "|")) {
                    keys.add(key);
                    aps.add(key.substring(0, second));
                }
            }
        }
        long deleted = keys.size();
        keys.forEach(current::delete);
        for (String ap : aps) {
            for (String receiver : SentState.parse(sent.get(ap)).receivers) {
                if (currentReports.delete(receiver + "|" + ap) != null) {
                    deleted++;
                }
            }
            if (sent.delete(ap) != null) {
                deleted++;
            }
            dirty.delete(ap);
        }
        return deleted;
    }

    /** A digest of the master data an account's 867s carry: its meters (with channels) and its UDC and ESP. */
    private byte[] masterDataFingerprint(String account) {
        StringBuilder sb = new StringBuilder(256);
        java.util.TreeSet<String> partyIds = new java.util.TreeSet<>();
        try (KeyValueIterator<String, byte[]> it = meterIndex.prefixScan("a|" + account + "|", new StringSerializer())) {
            while (it.hasNext()) {
                MeterEvent m = MeterIndexProcessor.decode(it.next().value);
                // what the master data say, not which file said it: a re-sent file with the same rows changes nothing
                sb.append("meter\u0000").append(MeterEvent.newBuilder(m).setSourceFileId(null).build()).append('\u0000');
                partyIds.add(m.getUdcId());
                partyIds.add(m.getEspId());
                try (KeyValueIterator<String, ValueAndTimestamp<ChannelEvent>> ch =
                             channels.prefixScan(m.getMeterId() + ":", new StringSerializer())) {
                    while (ch.hasNext()) {
                        sb.append("channel\u0000").append(ChannelEvent.newBuilder(ch.next().value.value())
                                .setSourceFileId(null).build()).append('\u0000');
                    }
                }
            }
        }
        for (String id : partyIds) {
            PartyData p = id == null ? null : party(id);
            sb.append("party\u0000").append(id).append('\u0000').append(p == null ? "-" : p.getName() + "\u0000" + p.getDuns());
        }
        return Sha256.hex(sb.toString().getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }

    /** Decides one account-period; returns the intervals of the data it posts (0 when it posts none). */
    private long decideWithMasterData(String ap, long now, PostingRound round) {
        int bar = ap.indexOf('|');
        String account = ap.substring(0, bar);
        LocalDate periodEnd = LocalDate.parse(ap.substring(bar + 1));
        List<MeterEvent> meters = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = meterIndex.prefixScan("a|" + account + "|", new StringSerializer())) {
            while (it.hasNext()) {
                meters.add(MeterIndexProcessor.decode(it.next().value));
            }
        }
        meters.sort((a, b) -> energy.mdma.edi.model.CodePointOrder.compare(a.getMeterId(), b.getMeterId()));
        boolean complete = !meters.isEmpty();
        boolean held = false;
        List<SummaryRow> rows = new ArrayList<>();
        List<MeterData> meterData = new ArrayList<>();
        LocalDate periodStart = null;
        for (MeterEvent m : meters) {
            List<ChannelEvent> chs = new ArrayList<>();
            try (KeyValueIterator<String, ValueAndTimestamp<ChannelEvent>> it =
                         channels.prefixScan(m.getMeterId() + ":", new StringSerializer())) {
                while (it.hasNext()) {
                    chs.add(it.next().value.value());
                }
            }
            chs.sort((a, b) -> Integer.compare(a.getChannel(), b.getChannel()));
            complete &= !chs.isEmpty();
            List<ChannelData> channelData = new ArrayList<>();
            for (ChannelEvent c : chs) {
                byte[] bytes = current.get(ap + "|" + m.getMeterId() + "|" + c.getChannel());
                if (bytes == null) {
                    complete = false;
                    continue;
                }
                ChannelPeriodResult r = results.deserializer().deserialize(null, bytes);
                periodStart = r.getPeriodStart();
                rows.add(summaryRow(r, m));
                held |= r.getState() == PeriodState.HELD;
                complete &= r.getState() == PeriodState.COMPLETE;
                if (r.getState() == PeriodState.COMPLETE) {
                    channelData.add(channelData(r));
                }
            }
            meterData.add(MeterData.newBuilder().setMeterId(m.getMeterId())
                    .setMultiplierUnscaled(m.getMeterMultiplier().getUnscaled())
                    .setMultiplierScale(m.getMeterMultiplier().getScale()).setChannels(channelData).build());
        }
        if (meters.isEmpty()) {
            // the account's meters are not in the global table yet (it is read concurrently): look again at the
            // next punctuation, or the account-period would wait for its next result
            dirty.put(ap, new byte[0]);
            return 0;
        }
        if (periodStart == null) {
            return 0; // no result of this account's meters for the period (yet): their first result brings it back
        }
        MeterEvent first = meters.get(0);
        PartyData udc = party(first.getUdcId());
        PartyData esp = party(first.getEspId());
        if (udc == null || esp == null) {
            // parties not known yet: look again at the next punctuation
            dirty.put(ap, new byte[0]);
            return 0;
        }
        List<String> summaryLines = summaryLines(rows);
        boolean intervalAccount = meters.stream().anyMatch(m -> m.getIntervalMinutes() > 0);
        ReportRequest.Builder data = ReportRequest.newBuilder().setType(RequestType.SUMMARY_ONLY).setReceiver(udc)
                .setServiceAccount(account)
                .setPeriodStart((int) periodStart.toEpochDay()).setPeriodEnd((int) periodEnd.toEpochDay())
                .setUdc(udc).setEsp(esp).setCustomerName(first.getCustomerName()).setIntervalAccount(intervalAccount)
                .setMeters(complete ? meterData : List.of()).setSummaryRows(summaryLines);
        String previous = sent.get(ap);
        SentState before = SentState.parse(previous);
        String dataHash = complete ? dataHash(data.setType(RequestType.ORIGINAL).setReceiver(udc).build()) : "-";
        String rowsHash = Sha256.hex(String.join("\n", summaryLines).getBytes(StandardCharsets.UTF_8));
        Set<String> receivers = new LinkedHashSet<>(List.of(udc.getId(), esp.getId()));
        RequestType type;
        if (complete) {
            type = dataHash.equals(before.dataHash) && receivers.equals(before.receivers) ? RequestType.SUMMARY_ONLY
                    : RequestType.ORIGINAL;
        } else if (held && !"-".equals(before.dataHash)) {
            type = RequestType.CANCEL;
        } else {
            type = RequestType.SUMMARY_ONLY;
        }
        boolean rowsChanged = !rowsHash.equals(before.rowsHash) || !receivers.equals(before.receivers);
        if (type == RequestType.SUMMARY_ONLY && !rowsChanged) {
            return 0;
        }
        long intervals = 0;
        if (type != RequestType.SUMMARY_ONLY) {
            for (PartyData receiver : List.of(udc, esp)) {
                round.add(ReportRequest.newBuilder(data.build()).setType(type).setReceiver(receiver)
                        .setMeters(type == RequestType.ORIGINAL ? meterData : List.of()).setSummaryRows(List.of()).build());
            }
            if (type == RequestType.ORIGINAL) {
                for (MeterData m : meterData) {
                    for (ChannelData c : m.getChannels()) {
                        intervals += c.getUsage() == null ? 0 : c.getUsage().size();
                    }
                }
            }
        }
        if (rowsChanged) {
            for (PartyData receiver : List.of(udc, esp)) {
                summaryRows(receiver.getId(), account, periodEnd, summaryLines, now);
            }
        }
        for (String gone : before.receivers) {
            if (!receivers.contains(gone)) {
                PartyData p = party(gone);
                if (p != null) {
                    // the account left this party: cancel what it received and drop its summary rows; the
                    // cancellation names the party that received the report (N1*SJ of the old ESP)
                    ReportRequest.Builder cancel = ReportRequest.newBuilder(data.build()).setType(RequestType.CANCEL)
                            .setReceiver(p).setMeters(List.of()).setSummaryRows(List.of());
                    summaryRows(gone, account, periodEnd, List.of(), now);
                    boolean wasUdc = gone.equals(before.receivers.iterator().next()); // receivers are (UDC, ESP)
                    if (wasUdc) {
                        cancel.setUdc(p);
                    } else {
                        cancel.setEsp(p);
                    }
                    round.add(cancel.build());
                }
            }
        }
        String newDataHash = type == RequestType.ORIGINAL ? dataHash
                : type == RequestType.CANCEL ? "-" : before.dataHash;
        sent.put(ap, new SentState(newDataHash, rowsHash, receivers).format());
        return intervals;
    }

    /** The account-period's summary rows to the receiver's summary (stage 2), in this round's transaction. */
    private void summaryRows(String receiverId, String account, LocalDate periodEnd, List<String> rows, long now) {
        context.forward(new Record<>(receiverId, SummaryRowsUpdate.newBuilder().setReceiverId(receiverId)
                .setServiceAccount(account).setPeriodEnd((int) periodEnd.toEpochDay()).setRows(rows).build(), now));
    }

    private PartyData party(String id) {
        ValueAndTimestamp<PartyEvent> p = parties.get(id);
        if (p == null || p.value() == null || p.value().getDuns() == null) {
            return null;
        }
        return PartyData.newBuilder().setId(id).setName(p.value().getName()).setDuns(p.value().getDuns()).build();
    }

    private static ChannelData channelData(ChannelPeriodResult r) {
        int n = r.getUsage().size();
        ByteBuffer est = ByteBuffer.allocate(n);
        for (int q : r.getQuality()) {
            est.put((byte) ((q & IntervalQuality.ESTIMATED) != 0 ? 1 : 0));
        }
        est.flip();
        return ChannelData.newBuilder().setChannel(r.getChannel()).setUom(r.getUom().name())
                .setTotal(r.getTotal()).setTotalEstimated(r.getTotalEstimated())
                .setRegisterStart(r.getRegisterStart()).setRegisterEnd(r.getRegisterEnd())
                .setIntervalMinutes(r.getIntervalMinutes())
                .setFirstIntervalEnd(r.getFirstIntervalEnd() == null ? null : r.getFirstIntervalEnd().getEpochSecond())
                .setUsage(r.getUsage()).setEstimated(est).build();
    }

    static SummaryRow summaryRow(ChannelPeriodResult r, MeterEvent m) {
        boolean interval = m.getIntervalMinutes() > 0;
        boolean held = r.getState() == PeriodState.HELD;
        return new SummaryRow(r.getServiceAccount(), r.getMeterId(), r.getChannel(), Uom.valueOf(r.getUom().name()),
                r.getPeriodStart(), r.getPeriodEnd(),
                interval ? r.getIntervalsExpected() : null, interval ? r.getIntervalsActual() : null,
                interval ? r.getIntervalsEstimated() : null,
                held || r.getTotal() == null || r.getState() != PeriodState.COMPLETE ? null : BigDecimal.valueOf(r.getTotal(), 4),
                r.getRegisterStart(), r.getRegisterEnd(), new TreeMap<>(r.getFailurePoints()));
    }

    /** The rows as CSV lines (without the header). */
    static List<String> summaryLines(List<SummaryRow> rows) {
        String csv = SummaryCsv.render(rows);
        List<String> lines = new ArrayList<>(List.of(csv.split("\n")));
        lines.remove(0);
        return lines;
    }

    /** The digest of what an original carries: the request without its summary rows (they are hashed apart). */
    private String dataHash(ReportRequest r) {
        ReportRequest copy = ReportRequest.newBuilder(r).setSummaryRows(List.of()).build();
        return Sha256.hex(requestSerde.serializer().serialize(null, copy));
    }

    /** What was last sent for an account-period: data hash ("-" = no current original), summary rows hash, receivers. */
    record SentState(String dataHash, String rowsHash, Set<String> receivers) {
        static SentState parse(String s) {
            if (s == null) {
                return new SentState("-", "", Set.of());
            }
            String[] p = s.split("\\|", -1);
            Set<String> r = new LinkedHashSet<>();
            for (String id : p[2].split(",")) {
                if (!id.isEmpty()) {
                    r.add(id);
                }
            }
            return new SentState(p[0], p[1], r);
        }

        String format() {
            return dataHash + "|" + rowsHash + "|" + String.join(",", receivers);
        }
    }
}
