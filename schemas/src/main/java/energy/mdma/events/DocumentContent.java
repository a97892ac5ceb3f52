package energy.mdma.events;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * How {@link DocumentPosted#getContent()} carries its file ({@link DocumentPosted#getContentEncoding()}): as the
 * file's bytes (no encoding: the whole file, or one chunk of it), or, {@value #ZSTD}, the whole file compressed as one
 * Zstandard frame (RFC 8878) that declares the file's size ({@link DocumentPosted#getFileSize()}). edi-service posts
 * its 867 files compressed: a file is compressed once where it is made and stays so on the broker, in delivery's
 * store and on its way there, instead of being compressed by edi's producer and decompressed again by the broker's
 * validation, by delivery's consumer and written out whole. {@code sha256} and {@code fileSize} are the file's. The
 * one codec of the encoding, for whoever writes or reads the records.
 */
public final class DocumentContent {
    /** {@link DocumentPosted#getContentEncoding()} of a file carried as one Zstandard frame. */
    public static final String ZSTD = "zstd";
    /** zstd's own default level: on 867 files the cheapest to compress of levels -3..3 at a twentieth of the bytes. */
    private static final int LEVEL = 3;
    /**
     * The largest file a frame is read into memory for ({@link #file}): far above what a record carries (edi's 867
     * files hold at most 60,000 intervals, about 2.6 MB); a frame declaring more is refused, not allocated.
     */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private DocumentContent() {
    }

    /** {@code file} as one Zstandard frame declaring its size: the content of a record with encoding {@value #ZSTD}. */
    public static byte[] compress(byte[] file) {
        return Zstd.compress(file, LEVEL);
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
     * Checks, without decompressing, that an encoded record's content is a Zstandard frame that declares the
     * file's size as the record does (a frame damaged in its header or another file's frame is refused here; the
     * frame's checksum-free body is trusted as the record's other bytes are: Kafka's CRC32C guards them).
     *
     * @return the content's bytes (the frame), for storing as they are
     * @throws IllegalArgumentException when they do not match
     */
    public static byte[] frame(DocumentPosted d) {
        encoding(d);
        long size = fileSize(d);
        byte[] frame = bytes(d.getContent());
        long declared = frameSize(frame);
        if (declared != size) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName()
                    + "): its Zstandard frame declares " + declared + " bytes, the record " + size);
        }
        return frame;
    }

    /** The file a record carries whole ({@code chunks} 1): its bytes, decompressed when encoded. */
    public static byte[] file(DocumentPosted d) {
        if (encoding(d) == null) {
            return bytes(d.getContent());
        }
        byte[] frame = frame(d);
        long size = fileSize(d);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName() + "): "
                    + size + " bytes, more than the " + MAX_FILE_BYTES + " a record's file is read into memory for");
        }
        byte[] file;
        try {
            file = Zstd.decompress(frame, (int) size);
        } catch (ZstdException e) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName()
                    + "): its Zstandard frame cannot be decompressed: " + e.getMessage(), e);
        }
        if (file.length != size) {
            throw new IllegalArgumentException("document " + d.getFileId() + " (" + d.getFileName()
                    + "): its Zstandard frame holds " + file.length + " bytes, the record declares " + size);
        }
        return file;
    }

    /** The size a Zstandard frame declares, or -1 when {@code frame} is not one that declares it. */
    public static long frameSize(byte[] frame) {
        if (frame.length < 4 || (frame[0] & 0xFF) != 0x28 || (frame[1] & 0xFF) != 0xB5 || (frame[2] & 0xFF) != 0x2F
                || (frame[3] & 0xFF) != 0xFD) {
            return -1;
        }
        long size = Zstd.getFrameContentSize(frame);
        return size < 0 ? -1 : size;
    }

    /** The file's bytes streamed from its stored frame (for a file kept as it arrived). */
    public static InputStream decompressing(InputStream frame) throws IOException {
        return new ZstdInputStreamNoFinalizer(frame);
    }

    /**
     * The content's bytes as the record carries them (a plain file or one chunk of it, or a frame): the buffer's array
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
