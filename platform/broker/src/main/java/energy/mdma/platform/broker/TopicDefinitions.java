package energy.mdma.platform.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the topic definitions file ({@code deploy/topics.csv}).
 *
 * <p>Format: one topic a line, {@code name,partitions,cleanup,retention[,configs]}; {@code #} starts a comment;
 * a header line starting with {@code name,} is skipped. {@code cleanup} is {@code compact} or
 * {@code delete}; {@code retention} is empty (broker default), {@code -1} (forever), a number of
 * milliseconds, or a number with unit {@code d}, {@code h}, {@code m}, {@code s}, {@code ms}; {@code configs} are
 * further topic configs as {@code key=value} pairs joined by {@code ;} (e.g. {@code max.message.bytes=16777216}).
 */
public final class TopicDefinitions {

    /** System property naming the definitions file; otherwise the copy packaged in this jar is used. */
    public static final String FILE_PROPERTY = "mdma-platform.topics.file";
    /** Environment variable naming the definitions file (after the system property). */
    public static final String FILE_ENV = "MDMA_TOPICS_FILE";
    /** Classpath location of the packaged copy of deploy/topics.csv. */
    public static final String RESOURCE = "mdma/topics.csv";

    private TopicDefinitions() {
    }

    /** Where the definitions live in the repository. */
    public static final String FILE_IN_REPO = "deploy/topics.csv";

    /**
     * The file named by {@value #FILE_PROPERTY} / {@value #FILE_ENV}; else {@value #FILE_IN_REPO} in the
     * working directory or a directory above it (a module of this repository); else the copy packaged in
     * this jar.
     */
    public static List<TopicDefinition> load() {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            file = System.getenv(FILE_ENV);
        }
        if (file != null && !file.isBlank()) {
            return load(Path.of(file));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_IN_REPO);
            if (Files.isRegularFile(candidate)) {
                return load(candidate);
            }
        }
        return loadResource(RESOURCE);
    }

    public static List<TopicDefinition> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topic definitions " + file, e);
        }
    }

    public static List<TopicDefinition> loadResource(String resource) {
        ClassLoader loader = TopicDefinitions.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("topic definitions resource not found: " + resource);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topic definitions " + resource, e);
        }
    }

    public static List<TopicDefinition> parse(Reader reader, String source) throws IOException {
        List<TopicDefinition> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int lineNo = 0;
        while ((line = lines.readLine()) != null) {
            lineNo++;
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty() || line.toLowerCase(Locale.ROOT).startsWith("name,")) {
                continue;
            }
            String where = source + ":" + lineNo;
            String[] cols = line.split(",", -1);
            if (cols.length < 3 || cols.length > 5) {
                throw new IllegalArgumentException(where + ": expected name,partitions,cleanup[,retention[,configs]] but got '" + line + "'");
            }
            String name = cols[0].strip();
            int partitions;
            try {
                partitions = Integer.parseInt(cols[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": partitions is not a number: '" + cols[1].strip() + "'");
            }
            TopicDefinition.Cleanup cleanup;
            try {
                cleanup = TopicDefinition.Cleanup.valueOf(cols[2].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": cleanup must be compact or delete, was '" + cols[2].strip() + "'");
            }
            OptionalLong retention = cols.length >= 4 ? parseDuration(cols[3].strip(), where) : OptionalLong.empty();
            Map<String, String> extra = new LinkedHashMap<>();
            if (cols.length == 5 && !cols[4].isBlank()) {
                for (String pair : cols[4].split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(where + ": topic config must be key=value, was '" + pair.strip() + "'");
                    }
                    extra.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(where + ": topic " + name + " is defined twice");
            }
            try {
                result.add(new TopicDefinition(name, partitions, cleanup, retention, Map.copyOf(extra)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        return List.copyOf(result);
    }

    static OptionalLong parseDuration(String text, String where) {
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        if (text.equals("-1")) {
            return OptionalLong.of(-1L);
        }
        String t = text.toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return OptionalLong.of(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 'd':
                    return OptionalLong.of(Duration.ofDays(n).toMillis());
                case 'h':
                    return OptionalLong.of(Duration.ofHours(n).toMillis());
                case 'm':
                    return OptionalLong.of(Duration.ofMinutes(n).toMillis());
                case 's':
                    return OptionalLong.of(Duration.ofSeconds(n).toMillis());
                default:
                    return OptionalLong.of(Long.parseLong(t));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": retention must be empty, -1, or a number with d/h/m/s/ms, was '" + text + "'");
        }
    }
}
