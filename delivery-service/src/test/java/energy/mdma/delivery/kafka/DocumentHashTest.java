package energy.mdma.delivery.kafka;

import energy.mdma.delivery.archive.ArchiveIndex;
import energy.mdma.delivery.archive.PostedReport;
import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.delivery.mailbox.InMemoryMailboxStore;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.StatusFilter;
import energy.mdma.events.DocumentContent;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A posted document is hashed once on its way to the mailbox and the archive: edi-service hashes it
 * (DocumentPosted.sha256) and delivery stores it under that hash without hashing it again; the hash it is
 * stored, listed and archived under is still the SHA-256 of its bytes (computed here independently), for
 * an 867 in one record and a summary in chunks. Only a document without a usable hash is hashed here.
 */
class DocumentHashTest {
    static final String UDC = "SCE";

    @TempDir
    Path dir;
    final Clock clock = Clock.fixed(Instant.parse("2026-03-05T00:00:00Z"), ZoneOffset.UTC);
    long offset;

    /** The store, counting how the projection stores: with the declared hash or by hashing the bytes. */
    static final class CountingStore implements FileContentStore {
        final FilesystemContentStore store;
        int hashedHere;
        int declared;

        CountingStore(Path root) {
            store = new FilesystemContentStore(root);
        }

        @Override
        public String put(byte[] content) throws IOException {
            hashedHere++;
            return store.put(content);
        }

        @Override
        public String put(byte[] content, String declaredSha256) throws IOException {
            declared++;
            return store.put(content, declaredSha256);
        }

        @Override
        public String putZstdFrames(byte[] frames, String sha256) throws IOException {
            declared++;
            return store.putZstdFrames(frames, sha256);
        }

        @Override
        public boolean contains(String sha256) {
            return store.contains(sha256);
        }

        @Override
        public Optional<java.io.InputStream> open(String sha256) throws IOException {
            return store.open(sha256);
        }

        @Override
        public Optional<byte[]> read(String sha256) throws IOException {
            return store.read(sha256);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static DocumentPosted x12(String fileId, long isa13, byte[] bytes, String declared, Instant at) {
        ReportRef ref = ReportRef.newBuilder().setServiceAccount("300000000" + isa13).setPeriodStart(LocalDate.of(2026, 1, 20))
                .setPeriodEnd(LocalDate.of(2026, 2, 19)).setReportId("R" + isa13).setPurpose(ReportPurpose.ORIGINAL)
                .setCancelledReportId(null).setMeterIds(List.of("M1")).build();
        return DocumentPosted.newBuilder().setFileId(fileId).setReceiverPartyId(UDC).setKind(MailboxFileKind.EDI_867)
                .setFileName("MDMA_867_SCE_20260302120001_" + String.format("%09d", isa13) + ".x12")
                .setInterchangeControlNumber(isa13).setCreatedAt(at).setSha256(declared)
                .setContent(ByteBuffer.wrap(bytes)).setReports(List.of(ref)).build();
    }

    void handle(MailboxProjection projection, DocumentPosted d) {
        projection.handle(new ConsumerRecord<>(Topics.EDI_DOCUMENTS, 0, offset++, UDC, d));
    }

    /** The file read under {@code sha} is {@code bytes}, and {@code sha} is their SHA-256. */
    static void storedUnder(CountingStore content, String sha, byte[] bytes) throws Exception {
        assertArrayEquals(bytes, content.read(sha).orElseThrow(), "the bytes under " + sha);
        assertEquals(sha, sha256(bytes), "the stored file's SHA-256");
    }

    /** The projection under test: no push, announcements dropped, retention 3 years and 90 days. */
    MailboxProjection projection(FileContentStore content, InMemoryMailboxStore store, ArchiveIndex archive) {
        return new MailboxProjection(store, content, archive, null, e -> {
        }, clock, Period.parse("P3Y90D"), new ConcurrentHashMap<>());
    }

    @Test
    void aDocumentIsStoredListedAndArchivedUnderItsOwnHashWithoutHashingItAgain() throws Exception {
        CountingStore content = new CountingStore(dir);
        InMemoryMailboxStore store = new InMemoryMailboxStore(content, MailboxEventSink.NONE, clock);
        ArchiveIndex archive = new ArchiveIndex();
        MailboxProjection projection = projection(content, store, archive);
        Instant at = Instant.parse("2026-03-02T12:00:01Z");

        byte[] one = "ISA*00*          *00*~\nIEA*1*000000001~\n".getBytes(StandardCharsets.US_ASCII);
        String oneSha = sha256(one);
        handle(projection, x12("SCE-867-000000001", 1, one, oneSha, at));
        // an upper-case declared hash is the same hash
        byte[] two = "ISA*00*          *00*~\nIEA*1*000000002~\n".getBytes(StandardCharsets.US_ASCII);
        String twoSha = sha256(two);
        handle(projection, x12("SCE-867-000000002", 2, two, twoSha.toUpperCase(Locale.ROOT), at.plusSeconds(1)));
        assertEquals(2, content.declared);
        assertEquals(0, content.hashedHere, "hashed by edi-service, not again here");

        // a summary in chunks: the declared hash is the whole file's
        StringBuilder csv = new StringBuilder("service_account,meter_id\n");
        for (int i = 0; i < 100; i++) {
            csv.append("A").append(i).append(",M1\n");
        }
        byte[] summary = csv.toString().getBytes(StandardCharsets.UTF_8);
        String summarySha = sha256(summary);
        List<DocumentPosted> chunks = new ArrayList<>();
        for (int c = 0, n = (summary.length + 299) / 300; c < n; c++) {
            chunks.add(DocumentPosted.newBuilder().setFileId("SCE-summary-1").setReceiverPartyId(UDC)
                    .setKind(MailboxFileKind.SUMMARY).setFileName("MDMA_SUMMARY_SCE_20260302120002.csv")
                    .setInterchangeControlNumber(null).setCreatedAt(at.plusSeconds(2)).setSha256(summarySha)
                    .setContent(ByteBuffer.wrap(summary, c * 300, Math.min(300, summary.length - c * 300)).slice())
                    .setReports(List.of()).setChunk(c).setChunks(n).build());
        }
        assertTrue(chunks.size() > 2);
        chunks.forEach(d -> handle(projection, d));
        assertEquals(3, content.declared);
        assertEquals(0, content.hashedHere);

        List<MailboxFile> files = store.list(UDC, StatusFilter.ALL, null, 100, null).items();
        assertEquals(List.of(oneSha, twoSha, summarySha), files.stream().map(MailboxFile::sha256).toList(),
                "each file listed under the SHA-256 of its bytes, in lower case");
        storedUnder(content, oneSha, one);
        storedUnder(content, twoSha, two);
        storedUnder(content, summarySha, summary);
        for (String[] account : new String[][] { { "3000000001", oneSha }, { "3000000002", twoSha } }) {
            List<PostedReport> archived = archive.current(UDC, account[0], LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
            assertEquals(List.of(account[1]), archived.stream().map(PostedReport::sha256).toList(),
                    "the archive's hash of account " + account[0]);
        }

        // a replayed document (a restart reads the log again) is neither stored again nor hashed
        handle(projection, x12("SCE-867-000000001", 1, one, oneSha, at));
        assertEquals(3, content.declared);
        assertEquals(0, content.hashedHere);
    }

    @Test
    void withoutAUsableDeclaredHashTheBytesAreHashed() throws Exception {
        CountingStore content = new CountingStore(dir);
        byte[] bytes = "ISA*00*~\n".getBytes(StandardCharsets.US_ASCII);
        String sha = sha256(bytes);
        for (String declared : new String[] { null, "", "00", sha.substring(1), sha.replace(sha.charAt(0), 'g') }) {
            assertEquals(sha, content.store.put(bytes, declared), "declared " + declared);
        }
        storedUnder(content, sha, bytes);
        // the two-argument put stores under what it is given: the caller vouches for the hash
        byte[] other = "ISA*00*other~\n".getBytes(StandardCharsets.US_ASCII);
        String otherSha = sha256(other);
        assertEquals(otherSha, content.store.put(other, otherSha.toUpperCase(Locale.ROOT)));
        storedUnder(content, otherSha, other);
        assertEquals(sha, content.store.put(bytes), "the one-argument put hashes the bytes");
    }

    @Test
    void an867PostedAsAZstandardFrameIsKeptAsItCameAndReadAsTheFile() throws Exception {
        CountingStore content = new CountingStore(dir);
        InMemoryMailboxStore store = new InMemoryMailboxStore(content, MailboxEventSink.NONE, clock);
        ArchiveIndex archive = new ArchiveIndex();
        MailboxProjection projection = projection(content, store, archive);
        Instant at = Instant.parse("2026-03-02T12:00:01Z");
        StringBuilder x12 = new StringBuilder("ISA*00*          *00*~\n");
        for (int i = 0; i < 2000; i++) {
            x12.append("QTY*QD*").append(i % 97).append(".25*KH~\nDTM*582*20260301*").append(String.format("%04d", i % 2400)).append("~\n");
        }
        byte[] file = x12.append("IEA*1*000000003~\n").toString().getBytes(StandardCharsets.US_ASCII);
        String sha = sha256(file);
        byte[] frame = DocumentContent.compress(file);
        handle(projection, zstd(x12("SCE-867-000000003", 3, frame, sha, at), file.length));

        MailboxFile listed = store.list(UDC, StatusFilter.ALL, null, 100, null).items().get(0);
        assertEquals(sha, listed.sha256(), "listed under the file's SHA-256, not the frame's");
        assertEquals(file.length, listed.size(), "the file's size, not the frame's");
        assertEquals(0, content.hashedHere);
        storedUnder(content, sha, file);
        try (var in = content.open(sha).orElseThrow()) {
            assertArrayEquals(file, in.readAllBytes(), "streamed as the file");
        }
        // on disk: the frame as it came, a fraction of the file
        List<Path> kept;
        try (var walk = Files.walk(dir)) {
            kept = walk.filter(Files::isRegularFile).toList();
        }
        assertEquals(1, kept.size(), kept.toString());
        assertEquals(sha + ".zst", kept.get(0).getFileName().toString());
        assertArrayEquals(frame, Files.readAllBytes(kept.get(0)));
        assertTrue(frame.length * 5 < file.length, frame.length + " bytes kept for " + file.length);
        assertEquals(List.of(sha), archive.current(UDC, "3000000003", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))
                .stream().map(PostedReport::sha256).toList());
    }

    @Test
    void aDocumentWhoseEncodingOrFrameDoesNotMatchIsNotPlaced() throws Exception {
        CountingStore content = new CountingStore(dir);
        InMemoryMailboxStore store = new InMemoryMailboxStore(content, MailboxEventSink.NONE, clock);
        MailboxProjection projection = projection(content, store, new ArchiveIndex());
        Instant at = Instant.parse("2026-03-02T12:00:01Z");
        byte[] file = "ISA*00*          *00*~\nIEA*1*000000004~\n".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = DocumentContent.compress(file);
        // the frame declares another size than the record
        handle(projection, zstd(x12("SCE-867-000000004", 4, frame, sha256(file), at), file.length + 1));
        // not a frame at all
        handle(projection, zstd(x12("SCE-867-000000005", 5, file, sha256(file), at), file.length));
        // an encoding this reader does not know
        DocumentPosted unknown = zstd(x12("SCE-867-000000006", 6, frame, sha256(file), at), file.length);
        unknown.setContentEncoding("br");
        handle(projection, unknown);
        assertEquals(List.of(), store.list(UDC, StatusFilter.ALL, null, 100, null).items());
        assertEquals(0, content.declared + content.hashedHere, "nothing stored");
        // the same file well formed is placed
        handle(projection, zstd(x12("SCE-867-000000007", 7, frame, sha256(file), at), file.length));
        assertEquals(1, store.list(UDC, StatusFilter.ALL, null, 100, null).items().size());
    }

    static DocumentPosted zstd(DocumentPosted d, long fileSize) {
        d.setContentEncoding(DocumentContent.ZSTD);
        d.setFileSize(fileSize);
        return d;
    }
}
