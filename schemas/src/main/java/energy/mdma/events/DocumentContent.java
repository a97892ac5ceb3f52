package energy.mdma.events;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How {@link DocumentPosted#getContent()} carries its file ({@link DocumentPosted#getContentEncoding()}): as the
 * file's bytes (no encoding: the whole file, or one chunk of it), or, {@value #ZSTD}, the whole file compressed as
 * Zstandard frames (RFC 8878: compressed data is one or more frames, one after the other; each decompresses to the
 * next part of the file) that each declare their part's size, the sizes adding up to the file's
 * ({@link DocumentPosted#getFileSize()}). edi-service posts its 867 files compressed: a file is compressed once where
 * it is made and stays so on the broker, in delivery's store and on its way there, instead of being compressed by
 * edi's producer and decompressed again by the broker's validation, by delivery's consumer and written out whole; a
 * part that several files hold (an account-period's transaction set in the UDC's and the ESP's file) can be
 * compressed once, as a frame of its own, for all of them. {@code sha256} and {@code fileSize} are the file's. The
 * one codec of the encoding, for whoever writes or reads the records.
 */
public final class DocumentContent {
    /** {@link DocumentPosted#getContentEncoding()} of a file carried as Zstandard frames. */
    public static final String ZSTD = "zstd";
    /** zstd's own default level: on 867 files the cheapest to compress of levels -3..3 at a twentieth of the bytes. */
    private static final int LEVEL = 3;
    /**
     * The largest file a record's frames are read into memory for ({@link #file}): far above what a record carries
     * (edi's 867 files hold at most 60,000 intervals, about 2.6 MB); frames declaring more are refused, not allocated.
     */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private DocumentContent() {
    }

    /** {@code file} as one Zstandard frame declaring its size: the content of a record with encoding {@value #ZSTD}. */
    public static byte[] compress(byte[] file) {
        return compress(file, 0, file.length);
    }

    /**
     * {@code src[from, from + length)} as one Zstandard frame declaring its size: one part of a record's content with
     * encoding {@value #ZSTD}, whose frames are the file's parts in order, concatenated. Many frames are cheaper
     * made with one {@link Compressor}.
     */
    public static byte[] compress(byte[] src, int from, int length) {
        try (Compressor c = new Compressor()) {
            return c.compress(src, from, length);
        }
    }

    /** A record's content made of {@code frames}: them one after the other. */
    public static byte[] join(List<byte[]> frames) {
        int length = 0;
        for (byte[] f : frames) {
            length = Math.addExact(length, f.length);
        }
        byte[] content = new byte[length];
        int at = 0;
        for (byte[] f : frames) {
            System.arraycopy(f, 0, content, at, f.length);
            at += f.length;
        }
        return content;
    }

    /**
     * Makes frames as {@link DocumentContent#compress(byte[], int, int)} does, keeping zstd's context from one frame
     * to the next: a context made for each frame cost about 20 µs (allocated and cleared), as much as compressing
     * 20 KB of an 867; a file's frames between its sets are a few hundred bytes each. For one thread at a time; close
     * it to free its native memory.
     */
    public static final class Compressor implements AutoCloseable {
        private final ZstdCompressCtx context = new ZstdCompressCtx().setLevel(LEVEL).setContentSize(true);

        /** {@code src[from, from + length)} as one Zstandard frame declaring its size. */
        public byte[] compress(byte[] src, int from, int length) {
            Objects.checkFromIndexSize(from, length, src.length);
            byte[] frame = new byte[(int) Zstd.compressBound(length)];
            int n = context.compressByteArray(frame, 0, frame.length, src, from, length);
            return Arrays.copyOf(frame, n);
        }

        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * The record's encoding: null (content is the file's bytes) or {@value #ZSTD}.
     *
     * @throws IllegalArgumentException for an encoding this code does not know, or {@value #ZSTD} on a record that is
     *                                  one chunk of several: nothing can be read from such a record
     */
    public static String encoding(DocumentPosted d) {
        String e = d.getContentEncoding();
        if (e == null) {
            return null;
        }
        if (!ZSTD.equals(e)) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName()
                    + "): unknown content encoding '" + e + "' (known: none, " + ZSTD + "); this reader is older than"
                    + " its writer: update it");
        }
        if (d.getChunks() != 1) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName() + "): chunk "
                    + (d.getChunk() + 1) + " of " + d.getChunks() + " is encoded " + e + "; only a whole file is");
        }
        return e;
    }

    /**
     * {@link #fileSize}, or empty for a record whose encoding this reader cannot take (what lists a document skips it:
     * the mailbox does not hold it either, and MailboxProjection logs why).
     */
    public static OptionalLong readableFileSize(DocumentPosted d) {
        try {
            return OptionalLong.of(fileSize(d));
        } catch (IllegalArgumentException unreadable) {
            return OptionalLong.empty();
        }
    }

    /** The file's size in bytes: {@code fileSize}, or the content's length when it is not encoded. */
    public static long fileSize(DocumentPosted d) {
        if (encoding(d) == null) {
            return d.getFileSize() != null ? d.getFileSize() : d.getContent().remaining();
        }
        if (d.getFileSize() == null || d.getFileSize() < 0) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName()
                    + "): encoded " + d.getContentEncoding() + " without its file size");
        }
        return d.getFileSize();
    }

    /**
     * Checks, without decompressing, that an encoded record's content is Zstandard frames that each declare their
     * size, the sizes adding up to the file's size as the record declares it (a frame damaged in its header or cut
     * short, another file's frames, bytes that are no frames are refused here; the frames' checksum-free bodies are
     * trusted as the record's other bytes are: Kafka's CRC32C guards them).
     *
     * @return the content's bytes (the frames), for storing as they are
     * @throws IllegalArgumentException when they do not match
     */
    public static byte[] frames(DocumentPosted d) {
        encoding(d);
        long size = fileSize(d);
        byte[] frames = bytes(d.getContent());
        long declared = contentSize(frames);
        if (declared < 0) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName()
                    + "): its content is not Zstandard frames that each declare their size (" + frames.length
                    + " bytes)");
        }
        if (declared != size) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName()
                    + "): its Zstandard frames declare " + declared + " bytes, the record " + size);
        }
        return frames;
    }

    /** The file a record carries whole ({@code chunks} 1): its bytes, decompressed when encoded. */
    public static byte[] file(DocumentPosted d) {
        if (encoding(d) == null) {
            return bytes(d.getContent());
        }
        byte[] frames = frames(d);
        long size = fileSize(d);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName() + "): "
                    + size + " bytes, more than the " + MAX_FILE_BYTES + " a record's file is read into memory for");
        }
        byte[] file;
        try {
            file = Zstd.decompress(frames, (int) size);
        } catch (ZstdException e) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName()
                    + "): its Zstandard frames cannot be decompressed: " + e.getMessage(), e);
        }
        if (file.length != size) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName()
                    + "): its Zstandard frames hold " + file.length + " bytes, the record declares " + size);
        }
        return file;
    }

    /**
     * The size that the Zstandard frames of {@code content} declare, added up; -1 unless {@code content} is one or
     * more whole frames one after the other, each declaring its size and none needing a dictionary. Walks the frames'
     * headers and block headers (RFC 8878, 3.1.1); decompresses nothing.
     */
    public static long contentSize(byte[] content) {
        if (content.length == 0) {
            return -1;
        }
        long total = 0;
        int p = 0;
        while (p < content.length) {
            int end = frameEnd(content, p);
            if (end < 0) {
                return -1;
            }
            long size = Zstd.getFrameContentSize(content, p, end - p);
            if (size < 0) {
                return -1;
            }
            total += size;
            p = end;
        }
        return total;
    }

    /** Where the frame that starts at {@code p} ends, or -1 when no whole frame of ours starts there. */
    private static int frameEnd(byte[] b, int p) {
        int n = b.length;
        if (n - p < 5 || (b[p] & 0xFF) != 0x28 || (b[p + 1] & 0xFF) != 0xB5 || (b[p + 2] & 0xFF) != 0x2F
                || (b[p + 3] & 0xFF) != 0xFD) {
            return -1;
        }
        int descriptor = b[p + 4] & 0xFF;
        int contentSizeFlag = descriptor >>> 6;
        boolean singleSegment = (descriptor & 0x20) != 0;
        boolean checksum = (descriptor & 0x04) != 0;
        if ((descriptor & 0x08) != 0 || (descriptor & 0x03) != 0) {
            return -1; // the reserved bit set, or a dictionary id: not a frame we write or can read
        }
        int contentSizeBytes = switch (contentSizeFlag) {
            case 0 -> singleSegment ? 1 : 0;
            case 1 -> 2;
            case 2 -> 4;
            default -> 8;
        };
        long q = p + 5L + (singleSegment ? 0 : 1) + contentSizeBytes;
        while (true) {
            if (q + 3 > n) {
                return -1;
            }
            int i = (int) q;
            int header = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16;
            int type = (header >>> 1) & 3;
            int size = header >>> 3;
            q += 3 + switch (type) {
                case 0, 2 -> size; // raw or compressed: its bytes
                case 1 -> 1; // RLE: one byte repeated
                default -> n + 1L; // reserved: no frame
            };
            if ((header & 1) != 0) {
                break;
            }
        }
        q += checksum ? 4 : 0;
        return q > n ? -1 : (int) q;
    }

    /** The file's bytes streamed from its stored frames (for a file kept as it arrived). */
    public static InputStream decompressing(InputStream frames) throws IOException {
        return new ZstdInputStreamNoFinalizer(frames);
    }

    /**
     * The content's bytes as the record carries them (a plain file or one chunk of it, or frames): the buffer's array
     * itself when the buffer spans all of it, as the registry deserializer decodes the field (the record is read once
     * and nothing else holds the array), a copy otherwise. The 867 files are most of what delivery reads: a copy of
     * each was a fifth of what it allocated.
     */
    public static byte[] chunk(DocumentPosted d) {
        return bytes(d.getContent());
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        if (d.hasArray() && d.arrayOffset() == 0 && d.position() == 0 && d.remaining() == d.array().length) {
            return d.array();
        }
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
