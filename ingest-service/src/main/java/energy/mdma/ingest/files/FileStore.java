package energy.mdma.ingest.files;

import energy.mdma.events.Sha256;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Raw files and reports on disk, under {@code $MDMA_HOME/ingest}: {@code files/{sha256}} (the bytes as they
 * arrived, kept before parsing, fsynced), {@code reports/{fileId}.json} (written when a file is done),
 * {@code pending/{fileId}.json} (the report of a file whose Kafka transaction is being committed, with where its
 * FileReceived event lies: see {@link IngestService}) and {@code tmp/} (uploads in flight). Survives restarts; nothing is held in memory.
 *
 * <p>The file id is derived from the content: {@code f} + the first 24 hex digits of its SHA-256 (96 bits), longer
 * only in the (theoretical) case of a clash, so a sender can compute it to follow a large upload.
 */
public final class FileStore {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ID = Pattern.compile("f[0-9a-f]{24,64}");

    private final Path files;
    private final Path reports;
    private final Path tmp;
    private final Path pending;
    private final ObjectMapper json;

    public FileStore(Path root, ObjectMapper json) {
        this.files = root.resolve("files");
        this.reports = root.resolve("reports");
        this.tmp = root.resolve("tmp");
        this.pending = root.resolve("pending");
        this.json = json;
        try {
            Files.createDirectories(files);
            Files.createDirectories(reports);
            Files.createDirectories(tmp);
            Files.createDirectories(pending);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the ingest directories under " + root, e);
        }
    }

    /** An upload written to a temporary file, with its SHA-256 and size. */
    public record Upload(Path path, String sha256, long size) {
    }

    /** Streams the body to a temporary file (fsynced) while hashing it; never holds it in memory. */
    public Upload receive(InputStream body) throws IOException {
        Path t = Files.createTempFile(tmp, "upload-", ".part");
        try {
            MessageDigest sha = Sha256.newDigest();
            long size;
            try (FileChannel ch = FileChannel.open(t, StandardOpenOption.WRITE);
                 OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(ch), sha)) {
                size = body.transferTo(out);
                out.flush();
                ch.force(true);
            }
            return new Upload(t, Sha256.hex(sha), size);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(t);
            throw e;
        }
    }

    /** Keeps the upload as {@code files/{sha256}} (a copy already there is kept); returns its path. */
    public Path keep(Upload upload) throws IOException {
        Path target = raw(upload.sha256());
        if (Files.exists(target)) {
            Files.deleteIfExists(upload.path());
            return target;
        }
        try {
            Files.move(upload.path(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(upload.path());
        }
        return target;
    }

    public void discard(Upload upload) {
        try {
            Files.deleteIfExists(upload.path());
        } catch (IOException e) {
            // a temp file; removed at the next start at the latest
        }
    }

    public Path raw(String sha256) {
        if (!SHA.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256");
        }
        return files.resolve(sha256);
    }

    /** The id a file with this content has (or gets): normally {@code f} + 24 hex digits. */
    public String idFor(String sha256) throws IOException {
        for (int len : new int[]{24, 40, 64}) {
            String id = "f" + sha256.substring(0, len);
            Optional<FileReport> r = report(id);
            if (r.isEmpty() || r.get().sha256().equals(sha256)) {
                return id;
            }
        }
        throw new IOException("file id clash for " + sha256);
    }

    public static boolean isFileId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public Optional<FileReport> report(String fileId) throws IOException {
        return readJson(reports, fileId, FileReport.class);
    }

    /** The JSON file {@code dir/<fileId>.json} read as {@code type}; empty for what is not a file id, or no file. */
    private <T> Optional<T> readJson(Path dir, String fileId, Class<T> type) throws IOException {
        if (!isFileId(fileId)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(dir.resolve(fileId + ".json"))) {
            return Optional.of(json.readValue(in, type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Writes the report atomically. */
    public void save(FileReport report) throws IOException {
        write(report, reports.resolve(report.fileId() + ".json"));
    }

    /**
     * The report of a file about to be committed, and where its FileReceived event lies (partition and offset of
     * mdma.files.received): written (fsynced) before the commit, so that a retry after a crash between the commit and
     * {@link #save} can tell whether the file was published.
     */
    public record Pending(FileReport report, int partition, long offset) {
    }

    public void savePending(Pending p) throws IOException {
        write(p, pending.resolve(p.report().fileId() + ".json"));
    }

    public Optional<Pending> pending(String fileId) throws IOException {
        return readJson(pending, fileId, Pending.class);
    }

    public void clearPending(String fileId) throws IOException {
        if (isFileId(fileId)) {
            Files.deleteIfExists(pending.resolve(fileId + ".json"));
        }
    }

    private void write(Object value, Path target) throws IOException {
        Path t = Files.createTempFile(tmp, target.getFileName().toString(), ".tmp");
        try (FileChannel ch = FileChannel.open(t, StandardOpenOption.WRITE);
             OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
            json.writeValue(new NonClosing(out), value);
            ch.force(true);
        }
        Files.move(t, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Removes temporary files left by a crash. */
    public void cleanTmp() throws IOException {
        try (var s = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
