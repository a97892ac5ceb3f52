package energy.mdma.edi.topology;

import energy.mdma.events.PrevailingTime;
import energy.mdma.events.Sha256;

import energy.mdma.edi.decision.RoundLimits;
import energy.mdma.edi.decision.SummarySchedule;
import energy.mdma.edi.internal.SummaryRowsUpdate;
import energy.mdma.edi.keys.SummaryRowKey;
import energy.mdma.edi.keys.SummaryRowsKey;
import energy.mdma.edi.naming.FileNames;
import energy.mdma.edi.store.PostedSummary;
import energy.mdma.edi.store.SummaryRowsValue;
import energy.mdma.edi.summary.SummaryCsv;
import energy.mdma.edi.summary.SummaryRow;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 2 of edi-service, per receiving party: keeps the summary rows of the receiver (sent by stage 1 in the same
 * transaction as the 867s that carry their data) and posts the receiver's summary report once its rows have settled:
 * no change for {@code summaryQuiet}, or, while a backlog keeps changing them, once the oldest unposted change is
 * {@link RoundLimits#summaryDuringBacklog()} old ({@link SummarySchedule}). So a catch-up does not fill the UDC's
 * mailbox with a growing summary every few seconds, and a summary never shows data that its 867s do not carry yet.
 *
 * <p>The summary (edi-867.md "The summary report") covers the channel-periods whose current version is at most
 * {@code summaryWindowDays} old; older rows are pruned from the state when the receiver's summary is next built. One
 * row per key, in the report's order, so that a summary is streamed from the store in order, never sorted or held
 * whole ({@link SummaryRowKey}), value {@code versionMillis,csvLine}, the version time being when the row's content
 * last changed. A summary of more than {@code summaryRowsPerPart} rows is posted in parts; each part (at most one part's bytes in memory) goes out as
 * records of at most {@link #CHUNK_BYTES} (DocumentPosted.chunk/chunks), all in the punctuation's transaction.
 */
final class SummaryProcessor implements Processor<String, SummaryRowsUpdate, String, DocumentPosted> {
    private static final Logger LOG = Logger.getLogger(SummaryProcessor.class);
    /** The bytes of a summary part per record: well under the broker's 1 MiB. */
    static final int CHUNK_BYTES = 256 * 1024;
    /** The key prefixes of the former receiver state (see {@link #takeOverFormerReceiverState}). */
    private static final String FORMER_CHANGES_PREFIX = "summary-dirty|";
    private static final String FORMER_HASH_PREFIX = "summary-hash|";
    private static final byte[] HEADER = (String.join(",", SummaryCsv.HEADER) + "\n").getBytes(StandardCharsets.UTF_8);

    private final EdiTopology.Settings settings;
    private final RoundLimits limits;
    private ProcessorContext<String, DocumentPosted> context;
    private KeyValueStore<SummaryRowsKey, SummaryRowsValue> summaryRows;
    /** Per receiver, its unposted changes (first and last). */
    private KeyValueStore<String, SummarySchedule.Dirty> summaryChanges;
    /** Per receiver, the hash of its last summary posted. */
    private KeyValueStore<String, PostedSummary> postedSummaries;
    private KeyValueStore<String, String> formerReceiverState;
    private boolean formerFormatLeft = true;
    private boolean formerReceiverStateLeft = true;

    SummaryProcessor(EdiTopology.Settings settings) {
        this(settings, RoundLimits.DEFAULT);
    }

    SummaryProcessor(EdiTopology.Settings settings, RoundLimits limits) {
        this.settings = settings;
        this.limits = limits;
    }

    @Override
    public void init(ProcessorContext<String, DocumentPosted> context) {
        this.context = context;
        summaryRows = context.getStateStore(EdiTopology.SUMMARY_ROWS_STORE);
        summaryChanges = context.getStateStore(EdiTopology.SUMMARY_CHANGES_STORE);
        postedSummaries = context.getStateStore(EdiTopology.POSTED_SUMMARIES_STORE);
        formerReceiverState = context.getStateStore(EdiTopology.FORMER_RECEIVER_STATE_STORE);
        context.schedule(settings.every(), PunctuationType.WALL_CLOCK_TIME, this::postSettledSummaries);
    }

    @Override
    public void process(Record<String, SummaryRowsUpdate> record) {
        SummaryRowsUpdate u = record.value();
        if (u == null) {
            return;
        }
        if (replaceRows(u.getReceiverId(), u.getServiceAccount(), LocalDate.ofEpochDay(u.getPeriodEnd()), u.getRows(),
                record.timestamp())) {
            markDirty(u.getReceiverId(), context.currentSystemTimeMs());
        }
    }

    /**
     * Replaces the rows of one account-period of a receiver; a row whose line is unchanged keeps its version time.
     *
     * @return whether anything changed
     */
    private boolean replaceRows(String receiver, String account, LocalDate periodEnd, List<String> lines, long at) {
        Map<SummaryRowsKey, SummarySchedule.StoredRow> old = new HashMap<>();
        try (KeyValueIterator<SummaryRowsKey, SummaryRowsValue> it = summaryRows.prefixScan(
                SummaryRowKey.accountPrefix(receiver, account), new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<SummaryRowsKey, SummaryRowsValue> kv = it.next();
                if (kv.key.row().periodEnd().equals(periodEnd)) {
                    old.put(kv.key, kv.value.row());
                }
            }
        }
        List<SummaryRow> rows = parse(lines);
        Map<SummaryRowsKey, String> byKey = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byKey.put(SummaryRowsKey.of(rowKey(receiver, rows.get(i))), lines.get(i));
        }
        SummarySchedule.RowsChange<SummaryRowsKey> change = SummarySchedule.replace(old, byKey, at);
        change.puts().forEach((k, v) -> summaryRows.put(k, SummaryRowsValue.of(v)));
        change.deletes().forEach(summaryRows::delete);
        return change.changed();
    }

    private void markDirty(String receiverId, long now) {
        summaryChanges.put(receiverId, SummarySchedule.changed(summaryChanges.get(receiverId), now));
    }

    static SummaryRowKey rowKey(String receiver, SummaryRow r) {
        return new SummaryRowKey(receiver, r.serviceAccount(), r.meterId(), r.channel(), r.periodStart(), r.periodEnd());
    }

    private static List<SummaryRow> parse(List<String> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        StringBuilder csv = new StringBuilder(String.join(",", SummaryCsv.HEADER)).append('\n');
        lines.forEach(l -> csv.append(l).append('\n'));
        List<SummaryRow> rows = SummaryCsv.parse(csv);
        if (rows.size() != lines.size()) {
            throw new IllegalStateException(lines.size() + " summary lines gave " + rows.size() + " rows");
        }
        return rows;
    }

    private void postSettledSummaries(long nowMs) {
        if (formerReceiverStateLeft) {
            takeOverFormerReceiverState();
            formerReceiverStateLeft = false;
        }
        if (formerFormatLeft) {
            formerFormatLeft = takeOverFormerRows(nowMs);
        }
        List<KeyValue<String, SummarySchedule.Dirty>> changedReceivers = new ArrayList<>();
        try (KeyValueIterator<String, SummarySchedule.Dirty> it = summaryChanges.all()) {
            it.forEachRemaining(changedReceivers::add);
        }
        for (KeyValue<String, SummarySchedule.Dirty> kv : changedReceivers) {
            SummarySchedule.Dirty d = kv.value;
            if (SummarySchedule.isDue(d.firstMs(), d.lastMs(), nowMs, settings.summaryQuiet(), limits.summaryDuringBacklog())) {
                postSummary(kv.key, Instant.ofEpochMilli(nowMs));
                summaryChanges.delete(kv.key);
            }
        }
    }

    /**
     * Versions before 2026-12 kept a receiver's unposted changes and its last summary's hash in one store,
     * {@link EdiTopology#FORMER_RECEIVER_STATE_STORE}, under {@code summary-dirty|receiver} ({@code firstMs,lastMs})
     * and {@code summary-hash|receiver} (hex): each entry is moved to its own store (changes merged with any made
     * since the start) and deleted, at the first punctuation after a start. Two entries per receiver at most.
     */
    private void takeOverFormerReceiverState() {
        List<KeyValue<String, String>> former = new ArrayList<>();
        try (KeyValueIterator<String, String> it = formerReceiverState.all()) {
            it.forEachRemaining(former::add);
        }
        for (KeyValue<String, String> kv : former) {
            if (kv.key.startsWith(FORMER_CHANGES_PREFIX)) {
                String receiver = kv.key.substring(FORMER_CHANGES_PREFIX.length());
                summaryChanges.put(receiver, SummarySchedule.Dirty.parse(kv.value).with(summaryChanges.get(receiver)));
            } else if (kv.key.startsWith(FORMER_HASH_PREFIX)) {
                String receiver = kv.key.substring(FORMER_HASH_PREFIX.length());
                if (postedSummaries.get(receiver) == null) {
                    postedSummaries.put(receiver, new PostedSummary(kv.value));
                }
            } else {
                LOG.warnf("%s: entry '%s' is neither unposted summary changes nor a posted summary's hash; deleted",
                        EdiTopology.FORMER_RECEIVER_STATE_STORE, kv.key);
            }
            formerReceiverState.delete(kv.key);
        }
        if (!former.isEmpty()) {
            LOG.infof("summary state of %d entries taken over from %s into %s and %s", former.size(),
                    EdiTopology.FORMER_RECEIVER_STATE_STORE, EdiTopology.SUMMARY_CHANGES_STORE,
                    EdiTopology.POSTED_SUMMARIES_STORE);
        }
    }

    /**
     * A former version kept one value per account-period ({@code receiver|account|periodEnd}, its lines joined by
     * LF): up to {@link RoundLimits#formerSummaryRowsPerRound()} of them are rewritten as rows (version time now) per punctuation, and
     * their receivers' summaries posted again. Returns whether any is left.
     */
    private boolean takeOverFormerRows(long nowMs) {
        List<KeyValue<SummaryRowsKey, SummaryRowsValue>> former = new ArrayList<>();
        // the current keys all start with "r\0"; a former key starts with a party id's character
        for (String[] range : SummaryRowKey.formerKeyRanges()) {
            try (KeyValueIterator<SummaryRowsKey, SummaryRowsValue> it = summaryRows.range(SummaryRowsKey.stored(range[0]),
                    SummaryRowsKey.stored(range[1]))) {
                while (it.hasNext() && former.size() < limits.formerSummaryRowsPerRound()) {
                    former.add(it.next());
                }
            }
        }
        for (KeyValue<SummaryRowsKey, SummaryRowsValue> kv : former) {
            SummaryRowKey.Former f = kv.key.formerOrNull();
            summaryRows.delete(kv.key);
            if (f != null) {
                replaceRows(f.receiverId(), f.account(), f.periodEnd(), kv.value.formerLines(), nowMs);
                markDirty(f.receiverId(), nowMs);
            }
        }
        if (!former.isEmpty()) {
            LOG.infof("summary rows: %d account-periods of the former store format taken over", former.size());
        }
        return former.size() >= limits.formerSummaryRowsPerRound();
    }

    /** The oldest version time still in the summary window at {@code now}: calendar days of the prevailing time. */
    static long windowStart(Instant now, int windowDays) {
        return SummarySchedule.windowStart(now, windowDays, PrevailingTime.ZONE);
    }

    private void postSummary(String receiverId, Instant now) {
        long from = windowStart(now, settings.summaryWindowDays());
        String prefix = SummaryRowKey.receiverPrefix(receiverId);
        // first pass: prune what left the window, count and hash the rest (nothing posted when unchanged)
        MessageDigest digest = Sha256.newDigest();
        long rows = 0;
        long pruned = 0;
        try (KeyValueIterator<SummaryRowsKey, SummaryRowsValue> it = summaryRows.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<SummaryRowsKey, SummaryRowsValue> kv = it.next();
                SummarySchedule.StoredRow row = kv.value.row();
                if (row.versionMs() < from) {
                    summaryRows.delete(kv.key);
                    pruned++;
                    continue;
                }
                digest.update(row.line().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
                rows++;
            }
        }
        if (pruned > 0) {
            LOG.debugf("summary of %s: %d rows older than %d days pruned", receiverId, pruned, settings.summaryWindowDays());
        }
        String hash = Sha256.hex(digest);
        PostedSummary last = postedSummaries.get(receiverId);
        if (last != null && hash.equals(last.sha256Hex())) {
            return;
        }
        postedSummaries.put(receiverId, new PostedSummary(hash));
        int perPart = settings.summaryRowsPerPart();
        int parts = SummarySchedule.parts(rows, perPart);
        // second pass: the parts, in order, each one built and sent before the next is read
        ByteArrayOutputStream part = new ByteArrayOutputStream(1 << 16);
        part.writeBytes(HEADER);
        int inPart = 0;
        int partNo = 1;
        try (KeyValueIterator<SummaryRowsKey, SummaryRowsValue> it = summaryRows.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                SummarySchedule.StoredRow row = it.next().value.row();
                if (row.versionMs() < from) {
                    continue;
                }
                part.writeBytes(row.line().getBytes(StandardCharsets.UTF_8));
                part.write('\n');
                if (++inPart == perPart && partNo < parts) {
                    sendPart(receiverId, now, part.toByteArray(), partNo++, parts);
                    part.reset();
                    part.writeBytes(HEADER);
                    inPart = 0;
                }
            }
        }
        sendPart(receiverId, now, part.toByteArray(), partNo, parts);
        if (partNo != parts) {
            throw new IllegalStateException("summary of " + receiverId + ": " + partNo + " parts sent, " + parts + " counted");
        }
    }

    /** One file of the summary (the whole when {@code parts} is 1), in records of at most {@link #CHUNK_BYTES}. */
    private void sendPart(String receiverId, Instant now, byte[] bytes, int part, int parts) {
        String sha = Sha256.hex(bytes);
        String name = parts == 1 ? FileNames.summary(settings.mdmaId(), receiverId, now)
                : FileNames.summaryPart(settings.mdmaId(), receiverId, now, part);
        String fileId = receiverId + "-summary-" + now.toEpochMilli() + (parts == 1 ? "" : "-" + part);
        int chunks = SummarySchedule.chunks(bytes.length, CHUNK_BYTES);
        for (int c = 0; c < chunks; c++) {
            int off = c * CHUNK_BYTES;
            int len = Math.min(CHUNK_BYTES, bytes.length - off);
            context.forward(new Record<>(receiverId, DocumentPosted.newBuilder()
                    .setFileId(fileId).setReceiverPartyId(receiverId).setKind(MailboxFileKind.SUMMARY)
                    .setFileName(name).setInterchangeControlNumber(null).setCreatedAt(now).setSha256(sha)
                    .setContent(ByteBuffer.wrap(bytes, off, len).slice()).setReports(List.of())
                    .setChunk(c).setChunks(chunks).build(), now.toEpochMilli()));
        }
    }
}
