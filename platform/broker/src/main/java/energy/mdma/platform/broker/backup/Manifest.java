package energy.mdma.platform.broker.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest of one backup increment ({@code manifest.txt}, its SHA-256 in {@code manifest.sha256}): a text file,
 * one entry a line, fields separated by tabs (no field holds a tab or a line break):
 *
 * <pre>
 * mdma-backup	1
 * increment	2
 * created	2026-12-04T12:00:00Z
 * previous	&lt;SHA-256 of the previous increment's manifest.txt, or -&gt;
 * consistent	yes|no    (the consumer groups' offsets did not move while the end offsets were taken)
 * topic	NAME	PARTITIONS	config1=v1;config2=v2      (the topic's own configs, not the broker's defaults)
 * segment	TOPIC	PARTITION	FROM	END	RECORDS	FILE	SHA256	BYTES   (records of offsets [FROM, END), read_committed)
 * end	TOPIC	PARTITION	END	LOG_START    (per partition: where the backup stands after this increment)
 * group	GROUP	TOPIC	PARTITION	OFFSET	METADATA   (committed offset: the next record the group reads; the commit's
 *                                                metadata, Base64 of its UTF-8, - if none)
 * registry	FILE	SHA256	BYTES                 (the registry's export: every schema with its global and content ids)
 * file	RELPATH	SHA256	SIZE	MTIME_MILLIS	INCREMENT   (a data file under $MDMA_HOME; its bytes in INCREMENT/files/SHA256)
 * blob	FILE	SHA256	BYTES                     (a file's bytes first stored by this increment)
 * reference	RELPATH	KIND	DETAIL             (secret or TLS material named, never copied)
 * </pre>
 */
public final class Manifest {

    public static final String FILE = "manifest.txt";
    public static final String CHECKSUM_FILE = "manifest.sha256";
    static final String FORMAT = "1";

    public record Topic(String name, int partitions, Map<String, String> configs) {
    }

    public record Segment(String topic, int partition, long from, long end, long records, String file, String sha256,
            long bytes) {
    }

    public record End(String topic, int partition, long end, long logStart) {
    }

    /** @param metadata the commit's metadata (Kafka Streams keeps each input partition's time there), "" if none */
    public record Group(String group, String topic, int partition, long offset, String metadata) {
    }

    public record Checked(String file, String sha256, long bytes) {
    }

    public record DataFile(String path, String sha256, long size, long mtimeMillis, int increment) {
    }

    public record Reference(String path, String kind, String detail) {
    }

    public int increment;
    public Instant created;
    public String previous = "-";
    public boolean consistent;
    public final List<Topic> topics = new ArrayList<>();
    public final List<Segment> segments = new ArrayList<>();
    public final List<End> ends = new ArrayList<>();
    public final List<Group> groups = new ArrayList<>();
    public Checked registry;
    public final List<DataFile> files = new ArrayList<>();
    public final List<Checked> blobs = new ArrayList<>();
    public final List<Reference> references = new ArrayList<>();

    /** Ends by "topic\tpartition". */
    public Map<String, End> endsByPartition() {
        Map<String, End> out = new TreeMap<>();
        ends.forEach(e -> out.put(e.topic() + "\t" + e.partition(), e));
        return out;
    }

    public Map<String, DataFile> filesByPath() {
        Map<String, DataFile> out = new LinkedHashMap<>();
        files.forEach(f -> out.put(f.path(), f));
        return out;
    }

    void write(Writer w) throws IOException {
        line(w, "mdma-backup", FORMAT);
        line(w, "increment", Integer.toString(increment));
        line(w, "created", created.toString());
        line(w, "previous", previous);
        line(w, "consistent", consistent ? "yes" : "no");
        for (Topic t : topics) {
            StringBuilder c = new StringBuilder();
            t.configs().forEach((k, v) -> c.append(c.length() == 0 ? "" : ";").append(k).append('=').append(v));
            line(w, "topic", t.name(), Integer.toString(t.partitions()), c.length() == 0 ? "-" : c.toString());
        }
        for (Segment s : segments) {
            line(w, "segment", s.topic(), Integer.toString(s.partition()), Long.toString(s.from()), Long.toString(s.end()),
                    Long.toString(s.records()), s.file(), s.sha256(), Long.toString(s.bytes()));
        }
        for (End e : ends) {
            line(w, "end", e.topic(), Integer.toString(e.partition()), Long.toString(e.end()), Long.toString(e.logStart()));
        }
        for (Group g : groups) {
            line(w, "group", g.group(), g.topic(), Integer.toString(g.partition()), Long.toString(g.offset()),
                    g.metadata().isEmpty() ? "-" : java.util.Base64.getEncoder().encodeToString(g.metadata().getBytes(StandardCharsets.UTF_8)));
        }
        if (registry != null) {
            line(w, "registry", registry.file(), registry.sha256(), Long.toString(registry.bytes()));
        }
        for (DataFile f : files) {
            line(w, "file", f.path(), f.sha256(), Long.toString(f.size()), Long.toString(f.mtimeMillis()),
                    Integer.toString(f.increment()));
        }
        for (Checked b : blobs) {
            line(w, "blob", b.file(), b.sha256(), Long.toString(b.bytes()));
        }
        for (Reference r : references) {
            line(w, "reference", r.path(), r.kind(), r.detail());
        }
    }

    private static void line(Writer w, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (f.indexOf('\t') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a backup manifest field cannot hold a tab or a line break: " + f);
            }
            if (i > 0) {
                w.write('\t');
            }
            w.write(f);
        }
        w.write('\n');
    }

    /** Reads a manifest.txt (its checksum is checked by {@link Backup#verify}). */
    static Manifest read(Path file) {
        Manifest m = new Manifest();
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "mdma-backup" -> {
                        if (!FORMAT.equals(f[1])) {
                            throw new BackupException("backup format " + f[1] + " in " + file + " is not known to this"
                                    + " version (it reads format " + FORMAT + "): restore with the version that wrote it");
                        }
                    }
                    case "increment" -> m.increment = Integer.parseInt(f[1]);
                    case "created" -> m.created = Instant.parse(f[1]);
                    case "previous" -> m.previous = f[1];
                    case "consistent" -> m.consistent = "yes".equals(f[1]);
                    case "topic" -> {
                        Map<String, String> configs = new TreeMap<>();
                        if (!"-".equals(f[3])) {
                            for (String kv : f[3].split(";")) {
                                int eq = kv.indexOf('=');
                                configs.put(kv.substring(0, eq), kv.substring(eq + 1));
                            }
                        }
                        m.topics.add(new Topic(f[1], Integer.parseInt(f[2]), configs));
                    }
                    case "segment" -> m.segments.add(new Segment(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4]), Long.parseLong(f[5]), f[6], f[7], Long.parseLong(f[8])));
                    case "end" -> m.ends.add(new End(f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
                    case "group" -> m.groups.add(new Group(f[1], f[2], Integer.parseInt(f[3]), Long.parseLong(f[4]),
                            "-".equals(f[5]) ? "" : new String(java.util.Base64.getDecoder().decode(f[5]), StandardCharsets.UTF_8)));
                    case "registry" -> m.registry = new Checked(f[1], f[2], Long.parseLong(f[3]));
                    case "file" -> m.files.add(new DataFile(f[1], f[2], Long.parseLong(f[3]), Long.parseLong(f[4]),
                            Integer.parseInt(f[5])));
                    case "blob" -> m.blobs.add(new Checked(f[1], f[2], Long.parseLong(f[3])));
                    case "reference" -> m.references.add(new Reference(f[1], f[2], f[3]));
                    default -> throw new BackupException("unknown entry '" + f[0] + "' in " + file + " line " + n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the backup manifest " + file, e);
        } catch (RuntimeException e) {
            if (e instanceof BackupException) {
                throw e;
            }
            throw new BackupException("the backup manifest " + file + " is malformed at line " + n + " (" + e
                    + "): the backup is damaged; restore from another copy", e);
        }
        return m;
    }
}
