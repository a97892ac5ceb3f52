package energy.mdma.edi.topology;

import energy.mdma.edi.keys.SummaryRowsKey;
import energy.mdma.edi.store.SummaryRowsValue;

import energy.mdma.edi.decision.AccountPeriodDecision;
import energy.mdma.edi.decision.SummarySchedule;
import energy.mdma.edi.store.PostedSummary;
import energy.mdma.events.Sha256;

import energy.mdma.edi.internal.SummaryRowsUpdate;
import energy.mdma.edi.model.X12Uom;
import energy.mdma.edi.summary.SummaryCsv;
import energy.mdma.edi.summary.SummaryRow;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.kafka.BinaryAvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stage 2 (the receiver's summary report, edi-867.md "The summary report") in TopologyTestDriver: the 35-day window
 * (prevailing calendar days, across a DST change), parts of at most 100,000 rows whose union is the whole, each part
 * in records well under the broker's 1 MiB, and rows that left the window pruned from the state.
 */
class SummaryReportTest {
    static final String UDC = "SCE";
    static final Pattern PART = Pattern.compile("MDMA_SUMMARY_SCE_(\\d{14})_(\\d+)\\.csv");

    @TempDir
    Path stateDir;
    TopologyTestDriver driver;
    TestInputTopic<String, SummaryRowsUpdate> updates;
    TestOutputTopic<String, DocumentPosted> documents;

    void start(EdiTopology.Settings settings, Instant wallClock) {
        Topology t = new Topology();
        var keys = Serdes.String();
        BinaryAvroSerde<SummaryRowsUpdate> in = new BinaryAvroSerde<>(SummaryRowsUpdate.class);
        BinaryAvroSerde<DocumentPosted> out = new BinaryAvroSerde<>(DocumentPosted.class);
        t.addSource("rows", keys.deserializer(), in.deserializer(), "summary-rows");
        t.addProcessor("summary", () -> new SummaryProcessor(settings), "rows");
        EdiTopology.summaryStores().forEach(store -> t.addStateStore(store, "summary"));
        t.addSink("documents", "documents", keys.serializer(), out.serializer(), "summary");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "summary-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(t, p, wallClock);
        updates = driver.createInputTopic("summary-rows", keys.serializer(), in.serializer());
        documents = driver.createOutputTopic("documents", keys.deserializer(), out.deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    static SummaryRow row(String account, String meter, int channel, LocalDate start, long total) {
        return new SummaryRow(account, meter, channel, X12Uom.KWH, start, start.plusMonths(1), 2976, 2970, 6,
                BigDecimal.valueOf(total, 4), null, null, total % 7 == 0 ? Map.of("LOW_USAGE", 1) : Map.of());
    }

    /** The rows of one account-period to the receiver, as stage 1 sends them, made at {@code at}. */
    void send(String account, LocalDate periodEnd, List<SummaryRow> rows, Instant at) {
        send(UDC, account, periodEnd, rows, at);
    }

    void send(String receiver, String account, LocalDate periodEnd, List<SummaryRow> rows, Instant at) {
        updates.pipeInput(receiver, SummaryRowsUpdate.newBuilder().setReceiverId(receiver).setServiceAccount(account)
                .setPeriodEnd((int) periodEnd.toEpochDay()).setRows(AccountPeriodDecision.summaryLines(rows)).build(), at);
    }

    /** The files posted (chunks put together, each checked against its declared sha256), by name. */
    Map<String, byte[]> posted() {
        Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
        Map<String, Integer> next = new TreeMap<>();
        BinaryAvroSerde<DocumentPosted> serde = new BinaryAvroSerde<>(DocumentPosted.class);
        Map<String, String> sha = new TreeMap<>();
        for (DocumentPosted d : documents.readValuesToList()) {
            assertEquals(MailboxFileKind.SUMMARY, d.getKind());
            assertTrue(serde.serializer().serialize(null, d).length <= SummaryProcessor.CHUNK_BYTES + 4096,
                    "a record of " + d.getFileName() + " is larger than a chunk");
            int expected = next.getOrDefault(d.getFileId(), 0);
            assertEquals(expected, d.getChunk(), "chunks of " + d.getFileId() + " in order");
            next.put(d.getFileId(), expected + 1);
            files.computeIfAbsent(d.getFileName(), n -> new ByteArrayOutputStream()).writeBytes(bytes(d.getContent()));
            if (d.getChunk() == d.getChunks() - 1) {
                sha.put(d.getFileName(), d.getSha256());
            }
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        files.forEach((name, b) -> {
            assertEquals(sha.get(name), Sha256.hex(b.toByteArray()), "sha256 of " + name + " (every chunk arrived)");
            out.put(name, b.toByteArray());
        });
        return out;
    }

    static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    static List<String> lines(byte[] csv) {
        String s = new String(csv, StandardCharsets.UTF_8);
        assertTrue(s.startsWith(String.join(",", SummaryCsv.HEADER) + "\n"), "a part starts with the header");
        assertTrue(s.endsWith("\n"));
        List<String> l = new ArrayList<>(List.of(s.split("\n")));
        l.remove(0);
        return l;
    }

    /** More than 100,000 rows: parts of at most 100,000 rows, same time, numbered from 1; their union is the whole. */
    @Test
    void aLargeSummaryIsPostedInPartsWhoseUnionIsTheWhole() {
        Instant now = Instant.parse("2026-02-01T08:00:00Z");
        start(EdiTopology.Settings.defaults(), now);
        List<SummaryRow> all = new ArrayList<>();
        LocalDate end1 = LocalDate.of(2026, 1, 20);
        LocalDate end2 = LocalDate.of(2025, 12, 19);
        // large accounts (one update per account-period: TopologyTestDriver commits after each record); ids of
        // different lengths (A1 < A1-X < A10 in code point order) and channels 1, 2, 10 (numeric order)
        for (int a = 0; a < 210; a++) {
            String account = "A" + (a * 79 % 210) + (a % 3 == 0 ? "-X" : "");
            for (LocalDate end : List.of(end1, end2)) {
                List<SummaryRow> rows = new ArrayList<>();
                for (int m = 0; m < 100; m++) {
                    for (int ch : new int[] {10, 1, 2}) {
                        rows.add(row(account, "M" + m, ch, end.minusMonths(1), a * 31L + m * 7L + ch));
                    }
                }
                send(account, end, rows, now.minusSeconds(60));
                all.addAll(rows);
            }
        }
        assertTrue(all.size() > 100_000);
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        Map<String, byte[]> files = posted();
        assertEquals(2, files.size(), "parts: " + files.keySet());
        List<String> union = new ArrayList<>();
        int partNo = 1;
        String stamp = null;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Matcher m = PART.matcher(f.getKey());
            assertTrue(m.matches(), f.getKey());
            assertEquals(partNo++, Integer.parseInt(m.group(2)));
            stamp = stamp == null ? m.group(1) : stamp;
            assertEquals(stamp, m.group(1), "all parts of one summary have the same time");
            List<String> rows = lines(f.getValue());
            assertTrue(rows.size() <= 100_000, f.getKey() + " has " + rows.size() + " rows");
            union.addAll(rows);
        }
        assertEquals(100_000, lines(files.values().iterator().next()).size());
        List<String> whole = lines(SummaryCsv.render(all).getBytes(StandardCharsets.UTF_8));
        assertEquals(whole.size(), union.size());
        assertEquals(whole, union, "the parts in order are the whole summary, in the report's order");

        // nothing changed: nothing posted again; one row changed: the whole summary again, with a new time
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        assertTrue(documents.isEmpty());
        String account = all.get(0).serviceAccount();
        send(account, end1, List.of(row(account, "M" + account, 1, end1.minusMonths(1), 5)), now.plusSeconds(30));
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        Map<String, byte[]> again = posted();
        assertEquals(2, again.size());
        assertFalse(again.keySet().stream().anyMatch(files::containsKey), "a new summary has a new time");
        int rows = again.values().stream().mapToInt(b -> lines(b).size()).sum();
        assertEquals(whole.size() - (all.stream().filter(r -> r.serviceAccount().equals(account)
                && r.periodEnd().equals(end1)).count() - 1), rows);
    }

    /** Small summaries keep the name without a part number. */
    @Test
    void aSummaryOfAtMostOnePartHasNoPartNumber() {
        Instant now = Instant.parse("2026-02-01T08:00:00Z");
        start(EdiTopology.Settings.defaults().withSummary(35, 3), now);
        LocalDate end = LocalDate.of(2026, 1, 20);
        send("A1", end, List.of(row("A1", "M1", 1, end.minusMonths(1), 1), row("A1", "M1", 2, end.minusMonths(1), 2),
                row("A1", "M2", 1, end.minusMonths(1), 3)), now);
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        Map<String, byte[]> files = posted();
        assertEquals(List.of("MDMA_SUMMARY_SCE_20260201080011.csv"), List.copyOf(files.keySet()));
        assertEquals(3, lines(files.values().iterator().next()).size());
        // one row more than a part holds: two parts
        send("A2", end, List.of(row("A2", "M3", 1, end.minusMonths(1), 4)), now.plusSeconds(12));
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        files = posted();
        assertEquals(List.of("MDMA_SUMMARY_SCE_20260201080022_1.csv", "MDMA_SUMMARY_SCE_20260201080022_2.csv"),
                List.copyOf(files.keySet()));
        assertEquals(List.of(3, 1), files.values().stream().map(b -> lines(b).size()).toList());
    }

    /**
     * The window: a row whose current version is at most 35 days old is in, an older one is not and leaves the state.
     * 35 days back from 2026-03-20 12:00 PDT is 2026-02-13 12:00 PST (20:00Z): calendar days across the change to
     * daylight time on 2026-03-08, not 35 x 24 h (which would reach back to 19:00Z).
     */
    @Test
    void theWindowIs35CalendarDaysOfThePrevailingTime() {
        Instant now = Instant.parse("2026-03-20T19:00:00Z");
        assertEquals(Instant.parse("2026-02-13T20:00:00Z").toEpochMilli(), SummaryProcessor.windowStart(now, 35));
        start(EdiTopology.Settings.defaults(), now.minusSeconds(11)); // the summary is posted 11 s later, at now
        LocalDate end = LocalDate.of(2026, 2, 10);
        send("IN", end, List.of(row("IN", "M1", 1, end.minusMonths(1), 1)), Instant.parse("2026-02-13T20:00:00Z"));
        send("OUT", end, List.of(row("OUT", "M2", 1, end.minusMonths(1), 2)), Instant.parse("2026-02-13T19:59:59Z"));
        send("NEW", end, List.of(row("NEW", "M3", 1, end.minusMonths(1), 3)), now);
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        Map<String, byte[]> files = posted();
        assertEquals(1, files.size());
        List<String> rows = lines(files.values().iterator().next());
        assertEquals(List.of("IN", "NEW"), rows.stream().map(l -> l.substring(0, l.indexOf(','))).toList());
        assertEquals(List.of("IN", "NEW"), storedAccounts(), "the row older than the window is pruned from the state");

        // a day later, IN left the window too; an unchanged line sent again keeps its version time (not renewed)
        driver.advanceWallClockTime(Duration.ofDays(1));
        send("IN", end, List.of(row("IN", "M1", 1, end.minusMonths(1), 1)), now.plus(Duration.ofDays(1)));
        send("NEW", end, List.of(row("NEW", "M3", 1, end.minusMonths(1), 4)), now.plus(Duration.ofDays(1)));
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        rows = lines(posted().values().iterator().next());
        assertEquals(List.of("NEW"), rows.stream().map(l -> l.substring(0, l.indexOf(','))).toList());
        assertEquals(List.of("NEW"), storedAccounts());
    }

    /** A store written by the former version (one value per account-period) is taken over and posted again. */
    @Test
    void rowsOfTheFormerStoreFormatAreTakenOver() {
        Instant now = Instant.parse("2026-02-01T08:00:00Z");
        start(EdiTopology.Settings.defaults(), now);
        KeyValueStore<SummaryRowsKey, SummaryRowsValue> store = driver.getKeyValueStore(EdiTopology.SUMMARY_ROWS_STORE);
        LocalDate end = LocalDate.of(2026, 1, 20);
        List<SummaryRow> rows = List.of(row("B", "M1", 2, end.minusMonths(1), 2), row("B", "M1", 1, end.minusMonths(1), 1));
        store.put(SummaryRowsKey.stored(UDC + "|B|" + end), SummaryRowsValue.former(AccountPeriodDecision.summaryLines(rows)));
        driver.advanceWallClockTime(Duration.ofSeconds(2));
        driver.advanceWallClockTime(Duration.ofSeconds(11));
        Map<String, byte[]> files = posted();
        assertEquals(1, files.size());
        assertEquals(lines(SummaryCsv.render(rows).getBytes(StandardCharsets.UTF_8)), lines(files.values().iterator().next()));
        assertEquals(List.of("B", "B"), storedAccounts());
    }

    /**
     * A former version kept each receiver's unposted changes and last summary's hash in one store: both are taken over
     * at the first punctuation. SCE's summary is due but unchanged since the hash it posted then, so it is not posted
     * again; ESPX's changes are due and it has posted none, so its summary is posted.
     */
    @Test
    void theFormerReceiverStateIsTakenOver() {
        Instant now = Instant.parse("2026-02-01T08:00:00Z");
        start(EdiTopology.Settings.defaults(), now);
        LocalDate end = LocalDate.of(2026, 1, 20);
        List<SummaryRow> sce = List.of(row("A1", "M1", 1, end.minusMonths(1), 1));
        send("A1", end, sce, now);
        send("ESPX", "B1", end, List.of(row("B1", "M9", 1, end.minusMonths(1), 5)), now);
        KeyValueStore<String, SummarySchedule.Dirty> changes = driver.getKeyValueStore(
                EdiTopology.SUMMARY_CHANGES_STORE);
        KeyValueStore<String, String> former = driver.getKeyValueStore(EdiTopology.FORMER_RECEIVER_STATE_STORE);
        for (String receiver : List.of(UDC, "ESPX")) {
            former.put("summary-dirty|" + receiver, changes.get(receiver).format());
            changes.delete(receiver);
        }
        String sceRows = String.join("\n", lines(SummaryCsv.render(sce).getBytes(StandardCharsets.UTF_8))) + "\n";
        String sceHash = Sha256.hex(sceRows.getBytes(StandardCharsets.UTF_8));
        former.put("summary-hash|" + UDC, sceHash);
        former.put("other|SCE", "x");

        driver.advanceWallClockTime(Duration.ofSeconds(11));
        assertEquals(List.of("MDMA_SUMMARY_ESPX_20260201080011.csv"), List.copyOf(posted().keySet()));
        KeyValueStore<String, PostedSummary> hashes = driver.getKeyValueStore(EdiTopology.POSTED_SUMMARIES_STORE);
        assertEquals(new PostedSummary(sceHash), hashes.get(UDC));
        assertNotNull(hashes.get("ESPX"));
        assertNull(changes.get(UDC));
        assertNull(changes.get("ESPX"));
        try (KeyValueIterator<String, String> it = former.all()) {
            assertFalse(it.hasNext(), "the former store is left empty");
        }
    }

    private List<String> storedAccounts() {
        KeyValueStore<SummaryRowsKey, SummaryRowsValue> store = driver.getKeyValueStore(EdiTopology.SUMMARY_ROWS_STORE);
        List<String> accounts = new ArrayList<>();
        try (KeyValueIterator<SummaryRowsKey, SummaryRowsValue> it = store.all()) {
            it.forEachRemaining(kv -> accounts.add(kv.key.row().account()));
        }
        return accounts;
    }
}
