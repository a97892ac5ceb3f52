package energy.mdma.delivery.mailbox;

import energy.mdma.events.DocumentContent;
import energy.mdma.events.Sha256;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Files on disk under {@code root/ab/cd/<sha256>}, or {@code root/ab/cd/<sha256>.zst} for a file kept as the Zstandard
 * frames it arrived as (an 867 of edi-service: a twentieth of its bytes written, none decompressed on the way in; it is
 * decompressed when read). Writes go to a temporary file first and are moved into place, so a reader never sees a
 * partial file. Only a 64-hex-digit SHA-256 ever becomes part of a path.
 */
public class FilesystemContentStore implements FileContentStore {

    /** Bytes handed to one write call. */
    private static final int WRITE_SLICE = 1 << 20;
    /** The suffix of a file kept as the Zstandard frames of its bytes. */
    static final String ZSTD_SUFFIX = ".zst";

    private final Path root;

    public FilesystemContentStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String put(byte[] content) throws IOException {
        return store(content, Sha256.hex(content), "");
    }

    @Override
    public String put(byte[] content, String declaredSha256) throws IOException {
        String sha = declaredSha256 == null ? null : declaredSha256.toLowerCase(Locale.ROOT);
        return store(content, Sha256.isHex(sha) ? sha : Sha256.hex(content), "");
    }

    @Override
    public String putZstdFrames(byte[] frames, String sha256) throws IOException {
        String sha = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        if (!Sha256.isHex(sha)) {
            throw new IllegalArgumentException("a file kept compressed needs its SHA-256 in hex, not '" + sha256 + "'");
        }
        return store(frames, sha, ZSTD_SUFFIX);
    }

    private String store(byte[] content, String sha, String suffix) throws IOException {
        if (contains(sha)) {
            return sha;
        }
        Path target = pathOf(sha, suffix);
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
    public boolean contains(String sha256) {
        return Sha256.isHex(sha256) && (Files.isRegularFile(pathOf(sha256, "")) || Files.isRegularFile(pathOf(sha256, ZSTD_SUFFIX)));
    }

    @Override
    public Optional<InputStream> open(String sha256) throws IOException {
        if (!Sha256.isHex(sha256)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(pathOf(sha256, "")));
        } catch (NoSuchFileException e) {
            // kept as it arrived
        }
        try {
            InputStream frames = Files.newInputStream(pathOf(sha256, ZSTD_SUFFIX));
            try {
                return Optional.of(DocumentContent.decompressing(new BufferedInputStream(frames, 1 << 16)));
            } catch (IOException | RuntimeException e) {
                frames.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<byte[]> read(String sha256) throws IOException {
        Optional<InputStream> in = open(sha256);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream s = in.get()) {
            return Optional.of(s.readAllBytes());
        }
    }

    private Path pathOf(String sha, String suffix) {
        return root.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha + suffix);
    }
}
