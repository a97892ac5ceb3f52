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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The broker's ACL table, {@code deploy/acls.csv}: the one source of what each principal may do, read by
 * {@link SecuritySetup} (local broker, test platform) and checked against the Strimzi KafkaUsers of
 * {@code deploy/cluster} by ClusterManifestsTest.
 *
 * <p>Format: {@code principal,resource,pattern,name,operations}; {@code #} starts a comment; the header line
 * (starting with {@code principal,}) is skipped. {@code resource} is {@code topic}, {@code group} or
 * {@code transactional-id}; {@code pattern} is {@code literal} or {@code prefixed}; {@code operations} are
 * {@code read}, {@code write}, {@code all}, joined by {@code ;}.
 */
public final class AclTable {

    /** Classpath location of the packaged copy of deploy/acls.csv. */
    public static final String RESOURCE = "mdma/acls.csv";
    public static final String FILE_IN_REPO = "deploy/acls.csv";
    /** The super user of the topic and security setup (not in the table: it may do everything). */
    public static final String ADMIN = "admin";

    /** One line of the table. */
    public record Entry(String principal, ResourceType resource, PatternType pattern, String name, Set<AclOperation> operations) {

        /** The ACL bindings of this line (one ALLOW per operation, any host). */
        public List<AclBinding> bindings() {
            List<AclBinding> out = new ArrayList<>();
            for (AclOperation op : operations) {
                out.add(new AclBinding(new ResourcePattern(resource, name, pattern),
                        new AccessControlEntry("User:" + principal, "*", op, AclPermissionType.ALLOW)));
            }
            return out;
        }
    }

    private AclTable() {
    }

    /** deploy/acls.csv in the working directory or above (a module of this repository), else the packaged copy. */
    public static List<Entry> load() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_IN_REPO);
            if (Files.isRegularFile(candidate)) {
                return load(candidate);
            }
        }
        try (InputStream in = AclTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("ACL table resource not found: " + RESOURCE);
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ACL table " + RESOURCE, e);
        }
    }

    public static List<Entry> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ACL table " + file, e);
        }
    }

    /** Parses the table; a wrong line fails with its number and what to write instead. */
    public static List<Entry> parse(Reader reader, String source) throws IOException {
        List<Entry> entries = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("principal,")) {
                continue;
            }
            String where = source + " line " + n + " (" + s + ")";
            String[] f = s.split(",", -1);
            if (f.length != 5) {
                throw new IllegalArgumentException(where + ": expected principal,resource,pattern,name,operations");
            }
            String principal = f[0].strip();
            if (!principal.matches("[a-z][a-z0-9-]*") || principal.equals(ADMIN)) {
                throw new IllegalArgumentException(where + ": principal must be a lower-case name other than '"
                        + ADMIN + "' (the super user)");
            }
            ResourceType resource = switch (f[1].strip()) {
                case "topic" -> ResourceType.TOPIC;
                case "group" -> ResourceType.GROUP;
                case "transactional-id" -> ResourceType.TRANSACTIONAL_ID;
                default -> throw new IllegalArgumentException(where + ": resource must be topic, group or transactional-id");
            };
            PatternType pattern = switch (f[2].strip()) {
                case "literal" -> PatternType.LITERAL;
                case "prefixed" -> PatternType.PREFIXED;
                default -> throw new IllegalArgumentException(where + ": pattern must be literal or prefixed");
            };
            String name = f[3].strip();
            if (name.isEmpty() || name.equals("*")) {
                throw new IllegalArgumentException(where + ": name a resource (no wildcard)");
            }
            Set<AclOperation> ops = new LinkedHashSet<>();
            for (String op : f[4].split(";")) {
                ops.add(switch (op.strip().toLowerCase(Locale.ROOT)) {
                    case "read" -> AclOperation.READ;
                    case "write" -> AclOperation.WRITE;
                    case "all" -> AclOperation.ALL;
                    default -> throw new IllegalArgumentException(where + ": operations are read, write or all, joined by ;");
                });
            }
            entries.add(new Entry(principal, resource, pattern, name, ops));
        }
        return List.copyOf(entries);
    }

    /** The principals (SCRAM usernames) of the table, sorted. */
    public static Set<String> principals(List<Entry> entries) {
        Set<String> out = new TreeSet<>();
        entries.forEach(e -> out.add(e.principal()));
        return out;
    }

    /** Every binding of the table. */
    public static List<AclBinding> bindings(List<Entry> entries) {
        List<AclBinding> out = new ArrayList<>();
        entries.forEach(e -> out.addAll(e.bindings()));
        return out;
    }
}
