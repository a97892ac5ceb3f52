package energy.mdma.delivery.kafka;

import energy.mdma.delivery.archive.ArchiveIndex;
import energy.mdma.delivery.mailbox.DocumentKind;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.delivery.mailbox.InMemoryMailboxStore;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.MailboxSummaryProvider;
import energy.mdma.events.Sha256;
import energy.mdma.delivery.mailbox.StatusFilter;
import energy.mdma.delivery.mailbox.SummaryFilter;
import energy.mdma.delivery.mailbox.SummaryProvider;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A summary in parts, each part carried by several records (DocumentPosted.chunk/chunks) as edi-service posts it:
 * the projection puts each part together as one mailbox file, and the summary on request is the union of the newest
 * summary's parts (edi-867.md "The summary report"), with the periodFrom/periodTo filters.
 */
class SummaryPartsProjectionTest {
    static final String HEADER = "service_account,meter_id,channel,uom,period_start,period_end,intervals_expected,"
            + "intervals_actual,intervals_estimated,total,register_start,register_end,failure_points\n";
    static final String UDC = "SCE";

    @TempDir
    Path dir;
    final Clock clock = Clock.fixed(Instant.parse("2026-03-05T00:00:00Z"), ZoneOffset.UTC);
    long offset;

    static String row(String account, String start, String end) {
        return account + ",M1,1,KWH," + start + "," + end + ",2976,2976,0,12.5,,,\n";
    }

    /** The records of one file as edi-service sends them: chunks of {@code chunk} bytes, the whole file's sha256. */
    static List<DocumentPosted> records(String fileId, String name, Instant at, byte[] bytes, int chunk) {
        int chunks = Math.max(1, (bytes.length + chunk - 1) / chunk);
        List<DocumentPosted> out = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            int off = c * chunk;
            out.add(DocumentPosted.newBuilder().setFileId(fileId).setReceiverPartyId(UDC).setKind(MailboxFileKind.SUMMARY)
                    .setFileName(name).setInterchangeControlNumber(null).setCreatedAt(at).setSha256(Sha256.hex(bytes))
                    .setContent(ByteBuffer.wrap(bytes, off, Math.min(chunk, bytes.length - off)).slice())
                    .setReports(List.of()).setChunk(c).setChunks(chunks).build());
        }
        return out;
    }

    void handle(MailboxProjection projection, DocumentPosted d) {
        projection.handle(new ConsumerRecord<>(Topics.EDI_DOCUMENTS, 0, offset++, UDC, d));
    }

    @Test
    void partsArePutTogetherAndServedAsTheirUnion() throws Exception {
        FilesystemContentStore content = new FilesystemContentStore(dir);
        InMemoryMailboxStore store = new InMemoryMailboxStore(content, MailboxEventSink.NONE, clock);
        MailboxProjection projection = new MailboxProjection(store, content, new ArchiveIndex(), null, e -> {
        }, clock, Period.parse("P3Y90D"), new ConcurrentHashMap<>());
        SummaryProvider provider = new MailboxSummaryProvider(store, content);

        Instant t1 = Instant.parse("2026-03-01T12:00:00Z");
        byte[] older = (HEADER + row("OLD", "2026-01-01", "2026-02-01")).getBytes(StandardCharsets.UTF_8);
        records("SCE-summary-1", "MDMA_SUMMARY_SCE_20260301120000.csv", t1, older, 1 << 20).forEach(d -> handle(projection, d));
        assertEquals("MDMA_SUMMARY_SCE_20260301120000.csv", provider.newest(UDC).orElseThrow().name());

        Instant t2 = Instant.parse("2026-03-02T12:00:00Z");
        StringBuilder p1 = new StringBuilder(HEADER);
        StringBuilder p2 = new StringBuilder(HEADER);
        for (int i = 0; i < 40; i++) {
            p1.append(row("A" + (100 + i), "2026-01-20", "2026-02-19"));
            p2.append(row("B" + (100 + i), i % 2 == 0 ? "2026-02-19" : "2025-12-19", i % 2 == 0 ? "2026-03-20" : "2026-01-20"));
        }
        byte[] part1 = p1.toString().getBytes(StandardCharsets.UTF_8);
        byte[] part2 = p2.toString().getBytes(StandardCharsets.UTF_8);
        List<DocumentPosted> first = records("SCE-summary-2-1", "MDMA_SUMMARY_SCE_20260302120000_1.csv", t2, part1, 700);
        List<DocumentPosted> second = records("SCE-summary-2-2", "MDMA_SUMMARY_SCE_20260302120000_2.csv", t2, part2, 700);
        assertTrue(first.size() > 2 && second.size() > 2);
        first.forEach(d -> handle(projection, d));
        // an 867 of another partition of stage 1 lands between two chunks of part 2
        handle(projection, second.get(0));
        byte[] x12 = "ISA*00*~".getBytes(StandardCharsets.UTF_8);
        handle(projection, DocumentPosted.newBuilder().setFileId("SCE-867-1").setReceiverPartyId(UDC)
                .setKind(MailboxFileKind.EDI_867).setFileName("MDMA_867_SCE_20260302120001_000000001.x12")
                .setInterchangeControlNumber(1L).setCreatedAt(t2.plusSeconds(1)).setSha256(Sha256.hex(x12))
                .setContent(ByteBuffer.wrap(x12)).setReports(List.of()).build());
        second.subList(1, second.size()).forEach(d -> handle(projection, d));
        // a chunk arriving without the ones before it makes no file
        handle(projection, records("SCE-summary-9", "MDMA_SUMMARY_SCE_20260303120000.csv", t2, part1, 700).get(1));

        List<MailboxFile> files = store.list(UDC, StatusFilter.ALL, null, 100, null).items();
        // a part is posted once its last chunk is read: the 867 came whole before that
        assertEquals(List.of("MDMA_SUMMARY_SCE_20260301120000.csv", "MDMA_SUMMARY_SCE_20260302120000_1.csv",
                "MDMA_867_SCE_20260302120001_000000001.x12", "MDMA_SUMMARY_SCE_20260302120000_2.csv"),
                files.stream().map(MailboxFile::name).toList(), "each part one file, listed with the others");
        assertArrayEquals(part1, content.read(files.get(1).sha256()).orElseThrow());
        assertArrayEquals(part2, content.read(files.get(3).sha256()).orElseThrow());
        assertEquals(part2.length, files.get(3).size());
        assertEquals(DocumentKind.SUMMARY, files.get(3).kind());

        SummaryProvider.Posted newest = provider.newest(UDC).orElseThrow();
        assertEquals("MDMA_SUMMARY_SCE_20260302120000.csv", newest.name());
        assertEquals(2, newest.parts().size());
        String union = HEADER + p1.substring(HEADER.length()) + p2.substring(HEADER.length());
        assertEquals(union, write(provider, newest, SummaryFilter.NONE));
        assertEquals(union, new String(provider.current(UDC).orElseThrow().csv(), StandardCharsets.UTF_8));

        // periodFrom/periodTo: the channel-periods that overlap the dates
        String from = write(provider, newest, new SummaryFilter(LocalDate.parse("2026-02-20"), null));
        assertTrue(from.startsWith(HEADER));
        assertEquals(20, from.split("\n").length - 1, from);
        assertTrue(from.lines().skip(1).allMatch(l -> l.contains(",2026-03-20,")), from);
        String to = write(provider, newest, new SummaryFilter(null, LocalDate.parse("2026-01-19")));
        assertEquals(20, to.split("\n").length - 1, to);
        assertTrue(to.lines().skip(1).allMatch(l -> l.contains(",2025-12-19,")), to);
        String both = write(provider, newest, new SummaryFilter(LocalDate.parse("2026-02-19"), LocalDate.parse("2026-02-19")));
        assertEquals(60, both.split("\n").length - 1, "bounds included: " + both);
    }

    static String write(SummaryProvider provider, SummaryProvider.Posted s, SummaryFilter f) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        provider.write(s, f, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
