package energy.mdma.delivery.mailbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Content-addressed file bytes (by lower-case hex SHA-256). */
public interface FileContentStore {

    /** Stores the bytes (idempotent) and returns their SHA-256. */
    String put(byte[] content) throws IOException;

    /** Where the bytes are on disk, when present. */
    Optional<Path> locate(String sha256);

    /** The bytes, when present. */
    Optional<byte[]> read(String sha256) throws IOException;
}
