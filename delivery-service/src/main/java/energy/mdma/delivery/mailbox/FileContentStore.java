package energy.mdma.delivery.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed files (by the lower-case hex SHA-256 of their bytes), kept as their bytes or, as edi-service posts
 * its 867 files, as the Zstandard frames of them ({@code energy.mdma.events.DocumentContent}); readers get the file's
 * bytes either way.
 */
public interface FileContentStore {

    /** Stores the bytes (idempotent) and returns their SHA-256. */
    String put(byte[] content) throws IOException;

    /**
     * Stores the bytes (idempotent) under {@code declaredSha256}, the SHA-256 that their producer computed over
     * these very bytes, without hashing them again, and returns it in lower case; when the declared value is
     * not a SHA-256 in hex (null, another length, not hex) the bytes are hashed as {@link #put(byte[])} does.
     * For bytes whose hash is carried with them by a trusted producer: edi-service's DocumentPosted.sha256,
     * computed over the bytes it puts in the same record (Kafka's CRC32C guards them on the way).
     */
    default String put(byte[] content, String declaredSha256) throws IOException {
        return put(content);
    }

    /**
     * Stores a file that arrives as Zstandard frames (DocumentPosted with content encoding zstd) as it is,
     * neither decompressed nor hashed (idempotent), under the file's SHA-256 declared by its trusted producer, as
     * {@link #put(byte[], String)} trusts it; the caller has checked that the frames declare the file's size.
     *
     * @return the SHA-256 in lower case
     * @throws IllegalArgumentException when {@code sha256} is not a SHA-256 in hex
     */
    String putZstdFrames(byte[] frames, String sha256) throws IOException;

    /** Whether the file is here. */
    boolean contains(String sha256);

    /** The file's bytes as a stream (decompressed when kept as a frame), when present; the caller closes it. */
    Optional<InputStream> open(String sha256) throws IOException;

    /** The file's bytes, when present. */
    Optional<byte[]> read(String sha256) throws IOException;
}
