package energy.mdma.edi.topology;

import energy.mdma.events.DocumentContent;
import energy.mdma.events.PrevailingTime;
import energy.mdma.events.Sha256;

import energy.mdma.edi.decision.FileBatching;
import energy.mdma.edi.internal.ChannelData;
import energy.mdma.edi.internal.MeterData;
import energy.mdma.edi.internal.PartyData;
import energy.mdma.edi.internal.ReportRequest;
import energy.mdma.edi.internal.RequestType;
import energy.mdma.edi.keys.AccountPeriodKey;
import energy.mdma.edi.keys.CurrentReportKey;
import energy.mdma.edi.store.ReportId;
import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.IntervalSeries;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.model.Party;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.TransactionSet;
import energy.mdma.edi.model.X12Uom;
import energy.mdma.edi.naming.FileNames;
import energy.mdma.edi.x12.Edi867Checker;
import energy.mdma.edi.x12.Edi867ValidationException;
import energy.mdma.edi.x12.Fast867Writer;
import energy.mdma.edi.x12.RenderedSet;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.VeeException;
import energy.mdma.kafka.PrimitiveArrays;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 867 files of one posting round of one stage-1 task (a partition of the service accounts), for every receiver
 * its account-periods go to. Each account-period's original is rendered once and posted to the UDC and to the ESP
 * under their own report ids (only BPT02, ST02/SE02 and the envelope differ); every file is checked
 * ({@link Edi867Checker}) before it is posted, each original's segments once ({@link Edi867Checker#checkSet}).
 * Control numbers come from this partition's range
 * ({@link ControlNumberAllocator}), so that no receiver's numbering binds its files to one task; a receiver's sets go
 * into files as {@link FileBatching} decides.
 *
 * <p>Order of work: plan (stream thread: report ids, groups, files, ISA13), render the distinct transaction sets and
 * assemble, check, hash and compress the files (all cores; a file is posted as Zstandard frames of its bytes,
 * {@link DocumentContent}: each original's segments between BPT and SE are compressed once, with its rendering, as a
 * frame that every file carrying it posts - the UDC's and the ESP's -, the rest of a file's bytes as frames of its
 * own between them, see {@link PostedFrames}), apply the outcomes in file order (stream thread: current reports,
 * documents and exceptions forwarded), so that what reaches the stores and the log does not depend on the threads.
 */
final class PostingRound {
    private static final Logger LOG = Logger.getLogger(PostingRound.class);

    private final EdiTopology.Settings settings;
    private final ProcessorContext<String, SpecificRecord> context;
    private final KeyValueStore<CurrentReportKey, ReportId> currentReports;
    private final ControlNumberAllocator numbers;
    private final Fast867Writer writer;
    private final Edi867Checker checker;
    private final Map<String, List<ReportRequest>> byReceiver = new LinkedHashMap<>();

    PostingRound(EdiTopology.Settings settings, ProcessorContext<String, SpecificRecord> context,
                 KeyValueStore<CurrentReportKey, ReportId> currentReports, ControlNumberAllocator numbers,
                 Fast867Writer writer, Edi867Checker checker) {
        this.settings = settings;
        this.context = context;
        this.currentReports = currentReports;
        this.numbers = numbers;
        this.writer = writer;
        this.checker = checker;
    }

    /** An ORIGINAL (cancelling the receiver's current report of the account-period, if any) or a CANCEL. */
    void add(ReportRequest r) {
        byReceiver.computeIfAbsent(r.getReceiver().getId(), k -> new ArrayList<>()).add(r);
    }

    boolean isEmpty() {
        return byReceiver.isEmpty();
    }

    /** One transaction set to post: what it is, where it comes from, and what posting it changes. */
    private record Tx(int group, AccountPeriodReport report, AccountPeriodKey renderKey, CurrentReportKey apKey,
                      String newCurrent, boolean removesCurrent, int intervals) {
    }

    /** One file to post: its receiver, its control number and its transaction sets (whole groups). */
    private record FilePlan(PartyData receiver, long isa13, List<Tx> txs) {
    }

    /**
     * A file once assembled and checked - its size, SHA-256 and content as posted (Zstandard frames,
     * {@link DocumentContent}) -, the groups that could not be rendered, or why it was refused.
     */
    private record FileOutcome(Posted file, List<Tx> posted, Map<Integer, String> failedGroups,
                               Edi867ValidationException refused) {
    }

    /** The bytes of a checked file as they are posted: hashed and compressed where it was assembled. */
    private record Posted(int size, String sha256, byte[] zstdFrames) {
    }

    /** An original rendered and checked once, its segments between BPT and SE compressed once for its files. */
    private record Original(RenderedSet set, byte[] bodyFrame) {
    }

    void post(Instant now) {
        if (byReceiver.isEmpty()) {
            return;
        }
        LocalDate created = now.atZone(PrevailingTime.ZONE).toLocalDate();
        List<FilePlan> files = new ArrayList<>();
        Map<AccountPeriodKey, TransactionSet> toRender = new LinkedHashMap<>(); // render key -> the set rendered once
        int group = 0;
        for (List<ReportRequest> reqs : byReceiver.values()) {
            PartyData receiver = reqs.get(0).getReceiver();
            List<List<Tx>> groups = new ArrayList<>();
            for (ReportRequest r : reqs) {
                AccountPeriodKey ap = new AccountPeriodKey(r.getServiceAccount(), LocalDate.ofEpochDay(r.getPeriodEnd()));
                CurrentReportKey apKey = new CurrentReportKey(receiver.getId(), ap);
                List<Tx> txs = new ArrayList<>(2);
                group++;
                try {
                    ReportId current = currentReports.get(apKey);
                    if (current != null) {
                        AccountPeriodReport cancel = cancellation(r, current.id(), numbers.nextReportId(), created);
                        txs.add(new Tx(group, cancel, null, apKey, null, true, 0));
                    }
                    if (r.getType() == RequestType.ORIGINAL) {
                        String reportId = numbers.nextReportId();
                        TransactionSet once = toRender.get(ap);
                        if (once == null) {
                            once = new TransactionSet(1, original(r, reportId, created));
                            toRender.put(ap, once);
                        }
                        int n = intervals(once.report());
                        txs.add(new Tx(group, once.report(), ap, apKey, reportId, false, n));
                    }
                } catch (RuntimeException e) {
                    exception(r.getServiceAccount(), LocalDate.ofEpochDay(r.getPeriodEnd()), "EDI_REPORT_FAILED",
                            "The 867 for account " + r.getServiceAccount() + " to " + receiver.getId()
                                    + " cannot be built and was not posted: " + e.getMessage()
                                    + ". Correct the master data or the readings and it is built again.", now);
                    continue;
                }
                if (!txs.isEmpty()) {
                    groups.add(txs);
                }
            }
            // the receiver's files (FileBatching), each numbered from this partition's sequence
            List<Integer> perFile = FileBatching.split(groups.stream().map(txs -> new FileBatching.Group(txs.size(),
                    txs.stream().mapToInt(Tx::intervals).sum())).toList(), settings.maxIntervalsPerFile(),
                    settings.maxTransactionsPerFile());
            int next = 0;
            for (int count : perFile) {
                List<Tx> file = new ArrayList<>();
                for (List<Tx> txs : groups.subList(next, next + count)) {
                    file.addAll(txs);
                }
                next += count;
                files.add(new FilePlan(receiver, numbers.nextControlNumber(receiver.getId()), file));
            }
        }
        byReceiver.clear();

        // every distinct original once, on all cores, rendered, checked and its body compressed (the files that carry
        // it compare its bytes instead of checking its segments again and post its body's frame; a set with findings
        // is checked again in each file, whose check then refuses it, so its body is not compressed)
        List<AccountPeriodKey> keys = new ArrayList<>(toRender.keySet());
        List<Object> renderedOnce = RenderPool.map(keys, DocumentContent.Compressor::new, (compressor, k) -> {
            try {
                RenderedSet set = writer.renderSet(toRender.get(k));
                return new Original(set, checker.checkSet(set).isEmpty() ? PostedFrames.body(set, compressor) : null);
            } catch (RuntimeException e) {
                return e;
            }
        });
        Map<AccountPeriodKey, Object> originals = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            originals.put(keys.get(i), renderedOnce.get(i));
        }
        // the files: each set under this receiver's ids and position, the envelope, the check
        List<FileOutcome> outcomes = RenderPool.map(files, DocumentContent.Compressor::new,
                (compressor, f) -> assemble(f, originals, now, compressor));
        for (int i = 0; i < files.size(); i++) {
            apply(files.get(i), outcomes.get(i), now);
        }
    }

    private FileOutcome assemble(FilePlan f, Map<AccountPeriodKey, Object> originals, Instant now,
                                 DocumentContent.Compressor compressor) {
        List<RenderedSet> sets = new ArrayList<>(f.txs().size());
        List<byte[]> bodyFrames = new ArrayList<>(f.txs().size());
        List<Tx> posted = new ArrayList<>(f.txs().size());
        Map<Integer, String> failed = new LinkedHashMap<>();
        for (Tx t : f.txs()) {
            if (failed.containsKey(t.group())) {
                continue;
            }
            try {
                RenderedSet base;
                byte[] bodyFrame = null;
                if (t.renderKey() == null) {
                    base = writer.renderSet(new TransactionSet(1, t.report()));
                } else {
                    Object o = originals.get(t.renderKey());
                    if (o instanceof RuntimeException e) {
                        throw e;
                    }
                    base = ((Original) o).set();
                    bodyFrame = ((Original) o).bodyFrame();
                }
                String reportId = t.renderKey() == null ? t.report().reportId() : t.newCurrent();
                sets.add(base.withIds(posted.size() + 1, reportId));
                bodyFrames.add(bodyFrame);
                posted.add(t);
            } catch (RuntimeException e) {
                failed.put(t.group(), e.getMessage());
                // a group (cancellation + new original) is posted whole or not at all
                for (int i = posted.size() - 1; i >= 0 && posted.get(i).group() == t.group(); i--) {
                    posted.remove(i);
                    sets.remove(i);
                    bodyFrames.remove(i);
                }
            }
        }
        if (sets.isEmpty()) {
            return new FileOutcome(null, posted, failed, null);
        }
        InterchangeHeader header = new InterchangeHeader(settings.mdmaDuns(), f.receiver().getDuns(), now, f.isa13(),
                f.isa13(), settings.usageIndicator());
        try {
            int[] setStarts = new int[sets.size()];
            byte[] bytes = writer.interchange(header, sets, setStarts);
            List<String> errors = checker.check(bytes, sets);
            if (!errors.isEmpty()) {
                return new FileOutcome(null, posted, failed, new Edi867ValidationException(
                        "867 interchange " + header.isa13() + " to " + f.receiver().getId(), errors));
            }
            return new FileOutcome(new Posted(bytes.length, Sha256.hex(bytes),
                    PostedFrames.of(bytes, sets, setStarts, bodyFrames, compressor)), posted, failed, null);
        } catch (Edi867ValidationException e) {
            return new FileOutcome(null, posted, failed, e);
        }
    }

    private void apply(FilePlan f, FileOutcome o, Instant now) {
        PartyData receiver = f.receiver();
        for (Map.Entry<Integer, String> e : o.failedGroups().entrySet()) {
            Tx t = f.txs().stream().filter(x -> x.group() == e.getKey()).findFirst().orElseThrow();
            LOG.errorf("867 for account %s period ending %s to %s cannot be built, not posted: %s",
                    t.report().serviceAccount(), t.report().periodEnd(), receiver.getId(), e.getValue());
            exception(t.report().serviceAccount(), t.report().periodEnd(), "EDI_REPORT_FAILED",
                    "The 867 for account " + t.report().serviceAccount() + " to " + receiver.getId()
                            + " cannot be built and was not posted: " + e.getValue()
                            + ". Correct the master data or the readings and it is built again.", now);
        }
        if (o.refused() != null) {
            LOG.errorf("867 for %s (ISA13 %d) failed validation, not posted: %s", receiver.getId(), f.isa13(),
                    o.refused().getMessage());
            for (Tx t : o.posted()) {
                exception(t.report().serviceAccount(), t.report().periodEnd(), "EDI_VALIDATION_FAILED",
                        "The 867 for account " + t.report().serviceAccount() + " to " + receiver.getId()
                                + " failed X12 validation and was not posted: " + o.refused().getMessage()
                                + ". Correct the data (or the master data) and it is rendered again.", now);
            }
            return;
        }
        if (o.file() == null) {
            return; // every group of the file failed (an ISA13 left unused: numbers are never reused, gaps are allowed)
        }
        List<ReportRef> refs = new ArrayList<>(o.posted().size());
        for (Tx t : o.posted()) {
            if (t.removesCurrent()) {
                currentReports.delete(t.apKey());
            }
            if (t.newCurrent() != null) {
                currentReports.put(t.apKey(), new ReportId(t.newCurrent()));
            }
            AccountPeriodReport r = t.report();
            boolean original = r.purpose() == Purpose.ORIGINAL;
            refs.add(ReportRef.newBuilder().setServiceAccount(r.serviceAccount())
                    .setPeriodStart(r.periodStart()).setPeriodEnd(r.periodEnd())
                    .setReportId(original ? t.newCurrent() : r.reportId())
                    .setPurpose(original ? ReportPurpose.ORIGINAL : ReportPurpose.CANCELLATION)
                    .setCancelledReportId(r.cancelledReportId())
                    .setMeterIds(r.meters().stream().map(MeterReport::meterId).toList())
                    .setEstimated(original ? r.hasEstimates() : null).build());
        }
        Posted file = o.file();
        String name = FileNames.x12(settings.mdmaId(), receiver.getId(), now, f.isa13());
        context.forward(new Record<>(receiver.getId(), DocumentPosted.newBuilder()
                .setFileId(receiver.getId() + "-867-" + String.format("%09d", f.isa13()))
                .setReceiverPartyId(receiver.getId()).setKind(MailboxFileKind.EDI_867).setFileName(name)
                .setInterchangeControlNumber(f.isa13()).setCreatedAt(now).setSha256(file.sha256())
                .setContent(ByteBuffer.wrap(file.zstdFrames())).setContentEncoding(DocumentContent.ZSTD)
                .setFileSize((long) file.size()).setReports(refs).build(), now.toEpochMilli()));
    }

    private void exception(String account, LocalDate periodEnd, String code, String message, Instant now) {
        context.forward(new Record<>(account, VeeException.newBuilder().setCode(code).setServiceAccount(account)
                .setPeriodEnd(periodEnd).setMessage(message).setRaisedAt(now).build(), now.toEpochMilli()));
    }

    private static int intervals(AccountPeriodReport r) {
        int n = 0;
        for (MeterReport m : r.meters()) {
            for (ChannelReport c : m.channels()) {
                n += c.intervals() == null ? 0 : c.intervals().size();
            }
        }
        return n;
    }

    static AccountPeriodReport cancellation(ReportRequest r, String cancelledId, String reportId, LocalDate created) {
        return new AccountPeriodReport(r.getServiceAccount(), LocalDate.ofEpochDay(r.getPeriodStart()),
                LocalDate.ofEpochDay(r.getPeriodEnd()), party(r.getUdc()), party(r.getEsp()), r.getCustomerName(),
                r.getIntervalAccount(), reportId, Purpose.CANCELLATION, cancelledId, created, List.of());
    }

    static AccountPeriodReport original(ReportRequest r, String reportId, LocalDate created) {
        List<MeterReport> meters = new ArrayList<>();
        for (MeterData m : r.getMeters()) {
            List<ChannelReport> channels = new ArrayList<>();
            for (ChannelData c : m.getChannels()) {
                IntervalSeries series = null;
                if (c.getFirstIntervalEnd() != null) {
                    int n = c.getUsage().size();
                    long[] ends = new long[n];
                    boolean[] est = new boolean[n];
                    ByteBuffer flags = c.getEstimated().duplicate();
                    long step = 60L * c.getIntervalMinutes();
                    long first = c.getFirstIntervalEnd();
                    long[] usage = PrimitiveArrays.toLongs(c.getUsage());
                    for (int i = 0; i < n; i++) {
                        ends[i] = first + i * step;
                        est[i] = flags.get(i) == 1;
                    }
                    series = new IntervalSeries(ends, usage, est);
                }
                channels.add(new ChannelReport(c.getChannel(), X12Uom.valueOf(c.getUom()), BigDecimal.valueOf(c.getTotal(), 4),
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
}
