package energy.mdma.events;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentContentTest {
    static final byte[] FILE = ("ISA*00*~\n" + "QTY*QD*1.25*KH~\nDTM*582*20260301*0015~\n".repeat(3000) + "IEA*1*1~\n")
            .getBytes(StandardCharsets.US_ASCII);

    static DocumentPosted document(byte[] content, String encoding, Long fileSize) {
        return DocumentPosted.newBuilder().setFileId("SCE-867-000000001").setReceiverPartyId("SCE")
                .setKind(MailboxFileKind.EDI_867).setFileName("MDMA_867_SCE_20260302120001_000000001.x12")
                .setInterchangeControlNumber(1L).setCreatedAt(Instant.parse("2026-03-02T12:00:01Z"))
                .setSha256(Sha256.hex(FILE)).setContent(ByteBuffer.wrap(content)).setReports(List.of())
                .setContentEncoding(encoding).setFileSize(fileSize).build();
    }

    @Test
    void aFileTravelsAsOneFrameThatDeclaresItsSizeAndComesBackWhole() throws IOException {
        byte[] frame = DocumentContent.compress(FILE);
        assertTrue(frame.length * 20 < FILE.length, frame.length + " bytes for " + FILE.length);
        assertEquals(FILE.length, DocumentContent.contentSize(frame));
        DocumentPosted d = document(frame, DocumentContent.ZSTD, (long) FILE.length);
        assertEquals(DocumentContent.ZSTD, DocumentContent.encoding(d));
        assertEquals(FILE.length, DocumentContent.fileSize(d));
        assertEquals(OptionalLong.of(FILE.length), DocumentContent.readableFileSize(d));
        assertArrayEquals(frame, DocumentContent.frames(d));
        assertArrayEquals(frame, DocumentContent.chunk(d));
        assertArrayEquals(FILE, DocumentContent.file(d));
        try (InputStream in = DocumentContent.decompressing(new ByteArrayInputStream(frame))) {
            assertArrayEquals(FILE, in.readAllBytes());
        }
        // a record's content may be a slice of a larger buffer
        byte[] larger = new byte[frame.length + 9];
        System.arraycopy(frame, 0, larger, 5, frame.length);
        d.setContent(ByteBuffer.wrap(larger, 5, frame.length));
        assertArrayEquals(FILE, DocumentContent.file(d));
    }

    @Test
    void aFileNotEncodedIsItsBytes() {
        DocumentPosted d = document(FILE, null, null);
        assertEquals(null, DocumentContent.encoding(d));
        assertEquals(FILE.length, DocumentContent.fileSize(d));
        assertArrayEquals(FILE, DocumentContent.file(d));
        assertArrayEquals(FILE, DocumentContent.chunk(d));
    }

    @Test
    void whatDoesNotMatchIsRefusedWithWhatAndWhere() {
        byte[] frame = DocumentContent.compress(FILE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DocumentContent.file(document(frame, "br", (long) FILE.length)));
        assertTrue(e.getMessage().contains("SCE-867-000000001") && e.getMessage().contains("unknown content encoding 'br'"),
                e.getMessage());
        // what lists documents skips one it cannot read (and the mailbox does not hold it)
        assertEquals(OptionalLong.empty(), DocumentContent.readableFileSize(document(frame, "br", (long) FILE.length)));
        e = assertThrows(IllegalArgumentException.class,
                () -> DocumentContent.file(document(frame, DocumentContent.ZSTD, FILE.length + 1L)));
        assertTrue(e.getMessage().contains("frames declare " + FILE.length + " bytes, the record " + (FILE.length + 1)), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DocumentContent.file(document(frame, DocumentContent.ZSTD, null)));
        assertTrue(e.getMessage().contains("without its file size"), e.getMessage());
        // not a frame: its bytes
        assertEquals(-1, DocumentContent.contentSize(FILE));
        assertThrows(IllegalArgumentException.class,
                () -> DocumentContent.file(document(FILE, DocumentContent.ZSTD, (long) FILE.length)));
        // a frame cut short: refused before it is decompressed
        byte[] cut = Arrays.copyOf(frame, frame.length - 8);
        assertEquals(-1, DocumentContent.contentSize(cut));
        e = assertThrows(IllegalArgumentException.class,
                () -> DocumentContent.file(document(cut, DocumentContent.ZSTD, (long) FILE.length)));
        assertTrue(e.getMessage().contains("SCE-867-000000001") && e.getMessage().contains("not Zstandard frames"),
                e.getMessage());
        assertThrows(IOException.class, () -> {
            try (InputStream in = DocumentContent.decompressing(new ByteArrayInputStream(cut))) {
                in.readAllBytes();
            }
        });
        // a chunk of several cannot be encoded
        DocumentPosted chunk = document(frame, DocumentContent.ZSTD, (long) FILE.length);
        chunk.setChunks(2);
        assertThrows(IllegalArgumentException.class, () -> DocumentContent.encoding(chunk));
    }

    @Test
    void aFileTravelsAsSeveralFramesOneAfterTheOtherSomeOfThemMadeOnceForSeveralFiles() throws IOException {
        // the parts of two files that differ only in their heads: the shared part compressed once, as edi does for an
        // account-period's set in the UDC's and the ESP's file
        byte[] shared = Arrays.copyOfRange(FILE, 9, FILE.length - 9);
        byte[] sharedFrame = DocumentContent.compress(shared);
        for (String head : List.of("ISA*00*~\n", "ISA*01*SOMEONE ELSE~\n")) {
            byte[] file = (head + new String(shared, StandardCharsets.US_ASCII) + "IEA*1*1~\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] frames = DocumentContent.join(List.of(DocumentContent.compress(headBytes), sharedFrame,
                    DocumentContent.compress(file, file.length - 9, 9), DocumentContent.compress(new byte[0])));
            assertEquals(file.length, DocumentContent.contentSize(frames));
            DocumentPosted d = document(frames, DocumentContent.ZSTD, (long) file.length);
            assertArrayEquals(frames, DocumentContent.frames(d));
            assertArrayEquals(file, DocumentContent.file(d));
            try (InputStream in = DocumentContent.decompressing(new ByteArrayInputStream(frames))) {
                assertArrayEquals(file, in.readAllBytes());
            }
            // the same parts, one short of the file: refused with the sizes
            byte[] less = DocumentContent.join(List.of(DocumentContent.compress(headBytes), sharedFrame));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DocumentContent.frames(document(less, DocumentContent.ZSTD, (long) file.length)));
            assertTrue(e.getMessage().contains("frames declare " + (file.length - 9) + " bytes, the record "
                    + file.length), e.getMessage());
        }
    }

    @Test
    void theFramesSizesAreWalkedAsZstdItselfReadsThemAndAnythingElseIsRefused() {
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 300; round++) {
            // frames of every kind zstd writes: raw, RLE and compressed blocks, empty frames, several blocks (> 128 KB)
            int frames = 1 + random.nextInt(4);
            List<byte[]> parts = new java.util.ArrayList<>();
            long total = 0;
            for (int i = 0; i < frames; i++) {
                int size = switch (random.nextInt(5)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(20);
                    case 2 -> random.nextInt(5_000);
                    default -> random.nextInt(300_000);
                };
                byte[] part = new byte[size];
                switch (random.nextInt(3)) {
                    case 0 -> random.nextBytes(part); // incompressible: raw blocks
                    case 1 -> Arrays.fill(part, (byte) 'Q'); // one byte repeated: RLE blocks
                    default -> {
                        for (int j = 0; j < size; j++) {
                            part[j] = FILE[j % FILE.length];
                        }
                    }
                }
                parts.add(part);
                total += size;
            }
            byte[][] compressed = new byte[frames][];
            for (int i = 0; i < frames; i++) {
                compressed[i] = DocumentContent.compress(parts.get(i));
            }
            byte[] content = DocumentContent.join(List.of(compressed));
            assertEquals(total, DocumentContent.contentSize(content), "round " + round);
            assertEquals(total, com.github.luben.zstd.Zstd.decompress(content, (int) total).length);
            // cut anywhere but at the end of a frame: refused
            int cutAt = random.nextInt(content.length);
            int boundary = 0;
            boolean atBoundary = cutAt == 0;
            for (byte[] c : compressed) {
                boundary += c.length;
                atBoundary |= cutAt == boundary;
            }
            if (!atBoundary) {
                assertEquals(-1, DocumentContent.contentSize(Arrays.copyOf(content, cutAt)), "cut at " + cutAt);
            }
            // a frame's magic number damaged: refused
            byte[] damaged = content.clone();
            damaged[random.nextInt(4)] ^= 1;
            assertEquals(-1, DocumentContent.contentSize(damaged));
            // trailing bytes that are no frame: refused
            assertEquals(-1, DocumentContent.contentSize(DocumentContent.join(List.of(content, new byte[] {1, 2, 3}))));
        }
        assertEquals(-1, DocumentContent.contentSize(new byte[0]));
    }
}
