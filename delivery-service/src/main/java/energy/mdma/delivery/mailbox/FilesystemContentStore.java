package energy.mdma.delivery.mailbox;

import energy.mdma.events.Sha256;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Bytes on disk under {@code root/ab/cd/<sha256>}. Writes go to a temporary file first and are moved into
 * place, so a reader never sees a partial file. Only a 64-hex-digit SHA-256 ever becomes part of a path.
 */
public class FilesystemContentStore implements FileContentStore {

    /** Bytes handed to one write call. */
    private static final int WRITE_SLICE = 1 << 20;

    private final Path root;

    public FilesystemContentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String put(byte[] content) throws IOException {
        return store(content, Sha256.hex(content));
    }

    @Override
    public String put(byte[] content, String declaredSha256) throws IOException {
        String sha = declaredSha256 == null ? null : declaredSha256.toLowerCase(Locale.ROOT);
        return store(content, Sha256.isHex(sha) ? sha : Sha256.hex(content));
    }

    private String store(byte[] content, String sha) throws IOException {
        Path target = pathOf(sha);
        if (Files.exists(target)) {
            return sha;
        }
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), sha.substring(0, 8), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                // in slices of WRITE_SLICE, not Files.write's 8 KiB (256 write calls for a 2 MB 867: a third of
                // a document's CPU here); the JDK copies each slice through a temporary direct buffer of its size
                // that it keeps per thread, so a slice bounds that buffer whatever the file's size
                for (int off = 0; off < content.length; off += WRITE_SLICE) {
                    out.write(content, off, Math.min(WRITE_SLICE, content.length - off));
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return sha;
    }

    @Override
    public Optional<Path> locate(String sha256) {
        if (!Sha256.isHex(sha256)) {
            return Optional.empty();
        }
        Path p = pathOf(sha256);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public Optional<byte[]> read(String sha256) throws IOException {
        Optional<Path> p = locate(sha256);
        return p.isPresent() ? Optional.of(Files.readAllBytes(p.get())) : Optional.empty();
    }

    private Path pathOf(String sha) {
        return root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
    }
}
