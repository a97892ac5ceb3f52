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
        assertEquals(FILE.length, DocumentContent.frameSize(frame));
        DocumentPosted d = document(frame, DocumentContent.ZSTD, (long) FILE.length);
        assertEquals(DocumentContent.ZSTD, DocumentContent.encoding(d));
        assertEquals(FILE.length, DocumentContent.fileSize(d));
        assertEquals(OptionalLong.of(FILE.length), DocumentContent.readableFileSize(d));
        assertArrayEquals(frame, DocumentContent.frame(d));
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
        assertTrue(e.getMessage().contains("declares " + FILE.length + " bytes, the record " + (FILE.length + 1)), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DocumentContent.file(document(frame, DocumentContent.ZSTD, null)));
        assertTrue(e.getMessage().contains("without its file size"), e.getMessage());
        // not a frame: its bytes
        assertEquals(-1, DocumentContent.frameSize(FILE));
        assertThrows(IllegalArgumentException.class,
                () -> DocumentContent.file(document(FILE, DocumentContent.ZSTD, (long) FILE.length)));
        // a frame cut short
        byte[] cut = Arrays.copyOf(frame, frame.length - 8);
        assertThrows(IllegalArgumentException.class,
                () -> DocumentContent.file(document(cut, DocumentContent.ZSTD, (long) FILE.length)));
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
}
