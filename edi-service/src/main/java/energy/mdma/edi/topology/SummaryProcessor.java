package energy.mdma.edi.topology;

import energy.mdma.edi.internal.SummaryRowsUpdate;
import energy.mdma.edi.naming.FileNames;
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

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 2 of edi-service, per receiving party: keeps the summary rows of every account-period of the receiver (sent
 * by stage 1 in the same transaction as the 867s that carry their data) and posts the receiver's summary report once
 * its rows have settled: no change for {@code summaryQuiet}, or, while a backlog keeps changing them, once the oldest
 * unposted change is {@link #SUMMARY_DURING_BACKLOG} old. So a catch-up does not fill the UDC's mailbox with a
 * growing summary every few seconds, and a summary never shows data that its 867s do not carry yet.
 */
final class SummaryProcessor implements Processor<String, SummaryRowsUpdate, String, DocumentPosted> {
    /** State key prefix: a receiver whose summary rows changed since its last summary: first and last change. */
    private static final String SUMMARY_DIRTY = "summary-dirty|";
    private static final String SUMMARY_HASH = "summary-hash|";
    static final Duration SUMMARY_DURING_BACKLOG = Duration.ofMinutes(5);

    private final EdiTopology.Settings settings;
    private ProcessorContext<String, DocumentPosted> context;
    private KeyValueStore<String, String> summaryRows;
    private KeyValueStore<String, String> state;

    SummaryProcessor(EdiTopology.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, DocumentPosted> context) {
        this.context = context;
        summaryRows = context.getStateStore(EdiTopology.SUMMARY_ROWS_STORE);
        state = context.getStateStore(EdiTopology.RECEIVER_STATE_STORE);
        context.schedule(settings.every(), PunctuationType.WALL_CLOCK_TIME, this::postSettledSummaries);
    }

    @Override
    public void process(Record<String, SummaryRowsUpdate> record) {
        SummaryRowsUpdate u = record.value();
        if (u == null) {
            return;
        }
        String key = u.getReceiverId() + "|" + u.getServiceAccount() + "|" + LocalDate.ofEpochDay(u.getPeriodEnd());
        String rows = String.join("\n", u.getRows());
        String old = summaryRows.get(key);
        if (rows.equals(old == null ? "" : old)) {
            return;
        }
        if (rows.isEmpty()) {
            summaryRows.delete(key);
        } else {
            summaryRows.put(key, rows);
        }
        long now = context.currentSystemTimeMs();
        String dirtyKey = SUMMARY_DIRTY + u.getReceiverId();
        String before = state.get(dirtyKey);
        long first = before == null ? now : Long.parseLong(before.substring(0, before.indexOf(',')));
        state.put(dirtyKey, first + "," + now);
    }

    private void postSettledSummaries(long nowMs) {
        List<KeyValue<String, String>> dirtyReceivers = new ArrayList<>();
        try (KeyValueIterator<String, String> it = state.prefixScan(SUMMARY_DIRTY, new StringSerializer())) {
            it.forEachRemaining(dirtyReceivers::add);
        }
        for (KeyValue<String, String> kv : dirtyReceivers) {
            int comma = kv.value.indexOf(',');
            long first = Long.parseLong(kv.value.substring(0, comma));
            long last = Long.parseLong(kv.value.substring(comma + 1));
            if (nowMs - last >= settings.summaryQuiet().toMillis() || nowMs - first >= SUMMARY_DURING_BACKLOG.toMillis()) {
                postSummary(kv.key.substring(SUMMARY_DIRTY.length()), Instant.ofEpochMilli(nowMs));
                state.delete(kv.key);
            }
        }
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
        String hash = Sha256.hex(bytes);
        String hashKey = SUMMARY_HASH + receiverId;
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
}
