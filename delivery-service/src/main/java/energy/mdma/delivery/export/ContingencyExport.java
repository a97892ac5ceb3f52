package energy.mdma.delivery.export;

import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.events.Sha256;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The contingency export (operations.md section 4): a party's files, read from the archive (the posted documents
 * and their stored bytes, never the mailboxes), written as a zip of the files, {@code MANIFEST.csv} (name, kind,
 * size, sha256, postedAt) and {@code MANIFEST.csv.sha256} (the manifest's checksum in sha256sum's format, so that
 * {@code sha256sum -c MANIFEST.csv.sha256} checks it). The files are streamed one at a time; before anything is
 * written every file's bytes are checked to be on this server, and each one's SHA-256 is checked as it is written
 * (a mismatch aborts the export: the zip is then incomplete and the client sees the error).
 */
public class ContingencyExport {

    public static final String MANIFEST = "MANIFEST.csv";
    public static final String CHECKSUM = "MANIFEST.csv.sha256";

    /** Where a file's bytes come from. */
    public interface Bytes {
        byte[] read() throws IOException;
    }

    /** A file of the export. */
    public record File(String name, String kind, long size, String sha256, Instant postedAt, Bytes bytes) {
    }

    /** What was written. */
    public record Written(int files, long bytes, String manifestSha256) {
    }

    /** Bytes missing from this server or not matching their checksum: nothing (more) is exported. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private ContingencyExport() {
    }

    /** The catalogue's files, once per name; throws {@link Unavailable} when a file's bytes are not on this server. */
    public static List<File> files(List<PostedCatalog.Entry> entries, FileContentStore content) {
        List<File> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (PostedCatalog.Entry e : entries) {
            if (!names.add(e.name())) {
                continue; // the same name posted again: the same file (names carry the time and control number)
            }
            if (e.sha256() == null || !content.contains(e.sha256())) {
                throw new Unavailable("The stored bytes of " + e.name() + " (sha256 " + e.sha256() + ") are not on this "
                        + "server: nothing was exported. Restore the files directory (mdma.mailbox.files-dir) from the backup.");
            }
            out.add(new File(e.name(), e.kind(), e.size(), e.sha256(), e.postedAt(), () -> content.read(e.sha256())
                    .orElseThrow(() -> new IOException("the stored bytes of " + e.name() + " disappeared"))));
        }
        return out;
    }

    /** The manifest line of a file (RFC 4180, LF). */
    static String manifestLine(String name, String kind, long size, String sha256, Instant postedAt) {
        return csv(name) + ',' + kind + ',' + size + ',' + sha256 + ',' + (postedAt == null ? "" : postedAt.toString()) + '\n';
    }

    /** Writes the zip: the files, the manifest and its checksum. */
    public static Written write(List<File> files, OutputStream out) throws IOException {
        StringBuilder manifest = new StringBuilder("name,kind,size,sha256,postedAt\n");
        long total = 0;
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (File f : files) {
                byte[] bytes = f.bytes().read();
                String sha = Sha256.hex(bytes);
                if (f.sha256() != null && !sha.equalsIgnoreCase(f.sha256())) {
                    throw new IOException("the stored bytes of " + f.name() + " do not match their sha256 " + f.sha256()
                            + ": export aborted; restore the files directory from the backup");
                }
                put(zip, f.name(), bytes);
                total += bytes.length;
                manifest.append(manifestLine(f.name(), f.kind(), bytes.length, sha, f.postedAt()));
            }
            byte[] m = manifest.toString().getBytes(StandardCharsets.UTF_8);
            String manifestSha = Sha256.hex(m);
            put(zip, MANIFEST, m);
            put(zip, CHECKSUM, (manifestSha + "  " + MANIFEST + "\n").getBytes(StandardCharsets.US_ASCII));
            zip.finish();
            return new Written(files.size(), total, manifestSha);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
