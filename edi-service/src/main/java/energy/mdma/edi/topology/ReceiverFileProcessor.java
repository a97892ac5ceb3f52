package energy.mdma.edi.topology;

import energy.mdma.edi.internal.ChannelData;
import energy.mdma.edi.internal.MeterData;
import energy.mdma.edi.internal.PartyData;
import energy.mdma.edi.internal.ReportRequest;
import energy.mdma.edi.internal.RequestType;
import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.IntervalSeries;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.model.Party;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.Uom;
import energy.mdma.edi.naming.FileNames;
import energy.mdma.edi.summary.SummaryCsv;
import energy.mdma.edi.summary.SummaryRow;
import energy.mdma.edi.x12.Edi867ValidationException;
import energy.mdma.edi.x12.Edi867Writer;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.BinaryAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 2 of edi-service, per receiving party: collects the report requests of stage 1 and on a
 * wall-clock punctuation writes, per receiver, the 867 interchange files (a correction is the
 * cancellation of the current report and the new original in one file), with control numbers that
 * increase per receiver and are kept in a changelogged store (never reused after a restart), every
 * file validated by StAEDI before it is posted; then the receiver's summary report when it changed.
 */
final class ReceiverFileProcessor implements Processor<String, ReportRequest, String, SpecificRecord> {
    private static final Logger LOG = Logger.getLogger(ReceiverFileProcessor.class);

    /** State key prefix: a receiver whose summary rows changed since its last summary, with the time of the change. */
    private static final String SUMMARY_DIRTY = "summary-dirty|";
    private static final java.time.Duration SUMMARY_DURING_BACKLOG = java.time.Duration.ofMinutes(5);

    private final EdiTopology.Settings settings;
    private final BinaryAvroSerde<ReportRequest> requests = new BinaryAvroSerde<>(ReportRequest.class);
    private final Edi867Writer writer = new Edi867Writer();
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, byte[]> pending;
    private KeyValueStore<String, String> currentReports;
    private KeyValueStore<String, String> summaryRows;
    private KeyValueStore<String, String> state;

    ReceiverFileProcessor(EdiTopology.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        pending = context.getStateStore(EdiTopology.PENDING_STORE);
        currentReports = context.getStateStore(EdiTopology.CURRENT_REPORTS_STORE);
        summaryRows = context.getStateStore(EdiTopology.SUMMARY_ROWS_STORE);
        state = context.getStateStore(EdiTopology.RECEIVER_STATE_STORE);
        context.schedule(settings.every(), PunctuationType.WALL_CLOCK_TIME, this::post);
    }

    @Override
    public void process(Record<String, ReportRequest> record) {
        ReportRequest r = record.value();
        String key = r.getReceiver().getId() + "|" + r.getServiceAccount() + "|" + LocalDate.ofEpochDay(r.getPeriodEnd());
        byte[] old = pending.get(key);
        if (old != null && r.getType() == RequestType.SUMMARY_ONLY) {
            // a pending ORIGINAL or CANCEL stays; only its summary rows are refreshed
            ReportRequest before = requests.deserializer().deserialize(null, old);
            r = ReportRequest.newBuilder(before).setSummaryRows(r.getSummaryRows()).build();
        }
        pending.put(key, requests.serializer().serialize(null, r));
    }

    /** One transaction set to write, with what posting it changes. */
    private record Tx(AccountPeriodReport report, String apKey, String newCurrent, boolean removesCurrent, int intervals) {
    }

    private void post(long nowMs) {
        Instant now = Instant.ofEpochMilli(nowMs);
        Map<String, List<ReportRequest>> byReceiver = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        long intervals = 0;
        boolean backlog;
        try (KeyValueIterator<String, byte[]> it = pending.all()) {
            // up to the round's budget: a backlog is posted over several rounds (transactions), not in one
            while (it.hasNext() && intervals < settings.maxIntervalsPerRound()) {
                KeyValue<String, byte[]> kv = it.next();
                keys.add(kv.key);
                ReportRequest r = requests.deserializer().deserialize(null, kv.value);
                byReceiver.computeIfAbsent(r.getReceiver().getId(), k -> new ArrayList<>()).add(r);
                for (MeterData m : r.getMeters()) {
                    for (ChannelData c : m.getChannels()) {
                        intervals += c.getUsage() == null ? 0 : c.getUsage().size();
                    }
                }
            }
            backlog = it.hasNext();
        }
        keys.forEach(pending::delete);
        if (backlog) {
            LOG.infof("posting round: %d requests with %d intervals now, the rest of the backlog in the next rounds",
                    keys.size(), intervals);
        }
        for (Map.Entry<String, List<ReportRequest>> e : byReceiver.entrySet()) {
            postFor(e.getValue().get(0).getReceiver(), e.getValue(), now);
        }
        postChangedSummaries(backlog, now);
    }

    /**
     * Posts the summary of every receiver whose rows changed: after a round that left nothing pending; while a
     * backlog is worked off over many rounds, only once the change is {@link #SUMMARY_DURING_BACKLOG} old, so that
     * a catch-up does not fill the UDC's mailbox with a growing summary every few seconds.
     */
    private void postChangedSummaries(boolean backlog, Instant now) {
        List<KeyValue<String, String>> dirtyReceivers = new ArrayList<>();
        try (KeyValueIterator<String, String> it = state.prefixScan(SUMMARY_DIRTY, new StringSerializer())) {
            it.forEachRemaining(dirtyReceivers::add);
        }
        for (KeyValue<String, String> kv : dirtyReceivers) {
            long since = Long.parseLong(kv.value);
            if (!backlog || now.toEpochMilli() - since >= SUMMARY_DURING_BACKLOG.toMillis()) {
                postSummary(kv.key.substring(SUMMARY_DIRTY.length()), now);
                state.delete(kv.key);
            }
        }
    }

    private void postFor(PartyData receiver, List<ReportRequest> reqs, Instant now) {
        List<List<Tx>> files = new ArrayList<>();
        List<Tx> file = new ArrayList<>();
        int fileIntervals = 0;
        boolean summaryChanged = false;
        LocalDate created = now.atZone(Edi867Writer.PREVAILING_ZONE).toLocalDate();
        for (ReportRequest r : reqs) {
            String apKey = receiver.getId() + "|" + r.getServiceAccount() + "|" + LocalDate.ofEpochDay(r.getPeriodEnd());
            String rows = String.join("\n", r.getSummaryRows());
            if (!rows.equals(summaryRows.get(apKey) == null ? "" : summaryRows.get(apKey))) {
                if (rows.isEmpty()) {
                    summaryRows.delete(apKey);
                } else {
                    summaryRows.put(apKey, rows);
                }
                summaryChanged = true;
            }
            if (r.getType() == RequestType.SUMMARY_ONLY) {
                continue;
            }
            List<Tx> group = new ArrayList<>(2);
            try {
                String current = currentReports.get(apKey);
                if (current != null) {
                    group.add(new Tx(cancellation(r, current, nextReportId(), created), apKey, null, true, 0));
                }
                if (r.getType() == RequestType.ORIGINAL) {
                    AccountPeriodReport original = original(r, nextReportId(), created);
                    int n = original.meters().stream().flatMap(m -> m.channels().stream())
                            .mapToInt(c -> c.intervals() == null ? 0 : c.intervals().size()).sum();
                    group.add(new Tx(original, apKey, original.reportId(), false, n));
                }
            } catch (RuntimeException e) {
                // data the 867 cannot carry (the model refuses it): this account-period is not posted, the others are
                LOG.errorf("867 for account %s period ending %s to %s cannot be built, not posted: %s", r.getServiceAccount(),
                        LocalDate.ofEpochDay(r.getPeriodEnd()), receiver.getId(), e.getMessage());
                context.forward(new Record<>(r.getServiceAccount(), VeeException.newBuilder()
                        .setCode("EDI_REPORT_FAILED").setServiceAccount(r.getServiceAccount())
                        .setPeriodEnd(LocalDate.ofEpochDay(r.getPeriodEnd()))
                        .setMessage("The 867 for account " + r.getServiceAccount() + " to " + receiver.getId()
                                + " cannot be built and was not posted: " + e.getMessage()
                                + ". Correct the master data or the readings and it is built again.")
                        .setRaisedAt(now).build(), now.toEpochMilli()));
                continue;
            }
            if (group.isEmpty()) {
                continue;
            }
            int n = group.stream().mapToInt(Tx::intervals).sum();
            if (!file.isEmpty() && (fileIntervals + n > settings.maxIntervalsPerFile()
                    || file.size() + group.size() > settings.maxTransactionsPerFile())) {
                files.add(file);
                file = new ArrayList<>();
                fileIntervals = 0;
            }
            file.addAll(group);
            fileIntervals += n;
        }
        if (!file.isEmpty()) {
            files.add(file);
        }
        // control numbers in file order on this thread; the files are rendered and validated in parallel (StAEDI
        // is the cost of this service); what they change in the stores and the log is applied here, in order
        List<Interchange867> interchanges = new ArrayList<>(files.size());
        for (List<Tx> f : files) {
            long isa13 = nextControlNumber(receiver.getId());
            InterchangeHeader header = new InterchangeHeader(settings.mdmaDuns(), receiver.getDuns(), now, isa13, isa13,
                    settings.usageIndicator());
            interchanges.add(Interchange867.of(header, 1, f.stream().map(Tx::report).toList()));
        }
        List<RenderPool.Rendered> rendered = RenderPool.renderAll(writer, interchanges);
        for (int i = 0; i < files.size(); i++) {
            postFile(receiver, files.get(i), interchanges.get(i).header().interchangeControlNumber(), rendered.get(i), now);
        }
        if (summaryChanged && state.get(SUMMARY_DIRTY + receiver.getId()) == null) {
            state.put(SUMMARY_DIRTY + receiver.getId(), Long.toString(now.toEpochMilli()));
        }
    }

    private void postFile(PartyData receiver, List<Tx> txs, long isa13, RenderPool.Rendered rendered, Instant now) {
        byte[] bytes = rendered.bytes();
        if (rendered.failure() != null) {
            Edi867ValidationException e = rendered.failure();
            LOG.errorf("867 for %s (ISA13 %d) failed validation, not posted: %s", receiver.getId(), isa13, e.getMessage());
            for (Tx t : txs) {
                context.forward(new Record<>(t.report().serviceAccount(), VeeException.newBuilder()
                        .setCode("EDI_VALIDATION_FAILED").setServiceAccount(t.report().serviceAccount())
                        .setPeriodEnd(t.report().periodEnd())
                        .setMessage("The 867 for account " + t.report().serviceAccount() + " to " + receiver.getId()
                                + " failed X12 validation and was not posted: " + e.getMessage()
                                + ". Correct the data (or the master data) and it is rendered again.")
                        .setRaisedAt(now).build(), now.toEpochMilli()));
            }
            return;
        }
        List<ReportRef> refs = new ArrayList<>();
        for (Tx t : txs) {
            if (t.removesCurrent()) {
                currentReports.delete(t.apKey());
            }
            if (t.newCurrent() != null) {
                currentReports.put(t.apKey(), t.newCurrent());
            }
            AccountPeriodReport r = t.report();
            refs.add(ReportRef.newBuilder().setServiceAccount(r.serviceAccount())
                    .setPeriodStart(r.periodStart()).setPeriodEnd(r.periodEnd()).setReportId(r.reportId())
                    .setPurpose(r.purpose() == Purpose.ORIGINAL ? ReportPurpose.ORIGINAL : ReportPurpose.CANCELLATION)
                    .setCancelledReportId(r.cancelledReportId())
                    .setMeterIds(r.meters().stream().map(MeterReport::meterId).toList()).build());
        }
        String name = FileNames.x12(settings.mdmaId(), receiver.getId(), now, isa13);
        context.forward(new Record<>(receiver.getId(), DocumentPosted.newBuilder()
                .setFileId(receiver.getId() + "-867-" + String.format("%09d", isa13))
                .setReceiverPartyId(receiver.getId()).setKind(MailboxFileKind.EDI_867).setFileName(name)
                .setInterchangeControlNumber(isa13).setCreatedAt(now).setSha256(sha256(bytes))
                .setContent(ByteBuffer.wrap(bytes)).setReports(refs).build(), now.toEpochMilli()));
    }

    private void postSummary(String receiverId, Instant now) {
        StringBuilder csv = new StringBuilder(String.join(",", SummaryCsv.HEADER)).append('\n');
        try (KeyValueIterator<String, String> it = summaryRows.prefixScan(receiverId + "|", new StringSerializer())) {
            while (it.hasNext()) {
                csv.append(it.next().value).append('\n');
            }
        }
        List<SummaryRow> rows;
        try {
            rows = new ArrayList<>(SummaryCsv.parse(new StringReader(csv.toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.sort(SummaryRow.ORDER);
        byte[] bytes = SummaryCsv.render(rows).getBytes(StandardCharsets.UTF_8);
        String hash = sha256(bytes);
        String hashKey = "summary-hash|" + receiverId;
        if (hash.equals(state.get(hashKey))) {
            return;
        }
        state.put(hashKey, hash);
        context.forward(new Record<>(receiverId, DocumentPosted.newBuilder()
                .setFileId(receiverId + "-summary-" + now.toEpochMilli())
                .setReceiverPartyId(receiverId).setKind(MailboxFileKind.SUMMARY)
                .setFileName(FileNames.summary(settings.mdmaId(), receiverId, now))
                .setInterchangeControlNumber(null).setCreatedAt(now).setSha256(hash)
                .setContent(ByteBuffer.wrap(bytes)).setReports(List.of()).build(), now.toEpochMilli()));
    }

    private long nextControlNumber(String receiverId) {
        String key = "isa13|" + receiverId;
        String last = state.get(key);
        long next = last == null ? 1 : Long.parseLong(last) + 1;
        if (next > 999_999_999L) {
            throw new IllegalStateException("interchange control numbers to " + receiverId + " are exhausted");
        }
        state.put(key, Long.toString(next));
        return next;
    }

    /** Report ids are unique over all time: the task's partition and a counter kept in the changelogged store. */
    private String nextReportId() {
        String key = "report-seq";
        String last = state.get(key);
        long next = last == null ? 1 : Long.parseLong(last) + 1;
        state.put(key, Long.toString(next));
        return String.format("%s%02d%010d", settings.mdmaId().length() <= 10 ? settings.mdmaId() : settings.mdmaId().substring(0, 10),
                context.taskId().partition(), next);
    }

    private static AccountPeriodReport cancellation(ReportRequest r, String cancelledId, String reportId, LocalDate created) {
        return new AccountPeriodReport(r.getServiceAccount(), LocalDate.ofEpochDay(r.getPeriodStart()),
                LocalDate.ofEpochDay(r.getPeriodEnd()), party(r.getUdc()), party(r.getEsp()), r.getCustomerName(),
                r.getIntervalAccount(), reportId, Purpose.CANCELLATION, cancelledId, created, List.of());
    }

    private static AccountPeriodReport original(ReportRequest r, String reportId, LocalDate created) {
        List<MeterReport> meters = new ArrayList<>();
        for (MeterData m : r.getMeters()) {
            List<ChannelReport> channels = new ArrayList<>();
            for (ChannelData c : m.getChannels()) {
                IntervalSeries series = null;
                if (c.getFirstIntervalEnd() != null) {
                    int n = c.getUsage().size();
                    long[] ends = new long[n];
                    long[] usage = new long[n];
                    boolean[] est = new boolean[n];
                    ByteBuffer flags = c.getEstimated().duplicate();
                    for (int i = 0; i < n; i++) {
                        ends[i] = c.getFirstIntervalEnd() + i * 60L * c.getIntervalMinutes();
                        usage[i] = c.getUsage().get(i);
                        est[i] = flags.get(i) == 1;
                    }
                    series = new IntervalSeries(ends, usage, est);
                }
                channels.add(new ChannelReport(c.getChannel(), Uom.valueOf(c.getUom()), BigDecimal.valueOf(c.getTotal(), 4),
                        c.getTotalEstimated(), c.getRegisterStart(), c.getRegisterEnd(), series));
            }
            meters.add(new MeterReport(m.getMeterId(), BigDecimal.valueOf(m.getMultiplierUnscaled(), m.getMultiplierScale()),
                    channels));
        }
        return new AccountPeriodReport(r.getServiceAccount(), LocalDate.ofEpochDay(r.getPeriodStart()),
                LocalDate.ofEpochDay(r.getPeriodEnd()), party(r.getUdc()), party(r.getEsp()), r.getCustomerName(),
                r.getIntervalAccount(), reportId, Purpose.ORIGINAL, null, created, meters);
    }

    private static Party party(PartyData p) {
        return new Party(p.getId(), p.getName(), p.getDuns());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
