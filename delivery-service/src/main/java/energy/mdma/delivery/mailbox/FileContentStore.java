package energy.mdma.delivery.mailbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Content-addressed file bytes (by lower-case hex SHA-256). */
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

    /** Where the bytes are on disk, when present. */
    Optional<Path> locate(String sha256);

    /** The bytes, when present. */
    Optional<byte[]> read(String sha256) throws IOException;
}
