package energy.mdma.platform.broker;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * Creates the SCRAM-SHA-512 users and brings the broker's ACLs in line with {@code deploy/acls.csv}, idempotently:
 * every principal of the table gets its password (upserted), the table's ACLs are created, and ACLs of anyone that
 * the table does not grant are deleted (the table is the whole truth). Runs as the super user.
 *
 * <pre>
 * java -cp broker.jar energy.mdma.platform.broker.SecuritySetup --bootstrap-server localhost:9092
 *      --security-dir $MDMA_HOME/security [--file deploy/acls.csv] [--timeout 60]
 * </pre>
 * Passwords are never printed.
 */
public final class SecuritySetup {

    /** SCRAM iterations of the users' credentials (the broker's minimum is 4096). */
    static final int ITERATIONS = 8192;

    /** What {@link #apply} did. */
    public record Result(int users, int created, int deleted) {
        @Override
        public String toString() {
            return "security: " + users + " SCRAM users, ACLs " + created + " created, " + deleted + " deleted";
        }
    }

    private SecuritySetup() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = "localhost:9092";
        Path dir = null;
        Path file = null;
        int timeoutSeconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap-server", "--bootstrap" -> bootstrap = args[++i];
                case "--security-dir" -> dir = Path.of(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--timeout" -> timeoutSeconds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument: " + args[i]
                            + "; usage: SecuritySetup --bootstrap-server host:port --security-dir DIR [--file acls.csv] [--timeout s]");
                    System.exit(2);
                }
            }
        }
        if (dir == null) {
            System.err.println("SecuritySetup: --security-dir is required (the directory of admin.password and users.properties)");
            System.exit(2);
        }
        BrokerSecurity.Settings settings = BrokerSecurity.load(dir);
        List<AclTable.Entry> table = file != null ? AclTable.load(file) : AclTable.load();
        Properties props = BrokerSecurity.adminClient(settings, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutSeconds * 1000));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(props)) {
            Map<String, String> passwords = new java.util.HashMap<>(BrokerSecurity.users(dir));
            // the super user also as a SCRAM user (tools such as ./mdma bench use SCRAM like the services)
            passwords.put(AclTable.ADMIN, settings.adminPassword());
            System.out.println(apply(admin, table, passwords, Duration.ofSeconds(timeoutSeconds), System.out));
        }
    }

    /**
     * Applies the table.
     *
     * @param passwords principal to password; every principal of the table needs one; with one for
     *                  {@value AclTable#ADMIN}, the super user gets a SCRAM credential too
     * @param out       one line per change (may be null); no passwords
     */
    public static Result apply(Admin admin, List<AclTable.Entry> table, Map<String, String> passwords, Duration timeout,
            PrintStream out) throws InterruptedException, ExecutionException, TimeoutException {
        long t = timeout.toMillis();
        Set<String> principals = AclTable.principals(table);
        List<String> missing = principals.stream().filter(p -> passwords.get(p) == null || passwords.get(p).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no password for the Kafka principals " + missing
                    + " of the ACL table: add them to users.properties of the security directory");
        }
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        Set<String> users = new java.util.TreeSet<>(principals);
        if (passwords.get(AclTable.ADMIN) != null) {
            users.add(AclTable.ADMIN);
        }
        for (String p : users) {
            upserts.add(new UserScramCredentialUpsertion(p, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                    passwords.get(p)));
        }
        admin.alterUserScramCredentials(upserts).all().get(t, TimeUnit.MILLISECONDS);

        List<AclBinding> wanted = AclTable.bindings(table);
        Collection<AclBinding> existing = admin.describeAcls(AclBindingFilter.ANY).values().get(t, TimeUnit.MILLISECONDS);
        Set<AclBinding> have = new HashSet<>(existing);
        List<AclBinding> toCreate = wanted.stream().filter(b -> !have.contains(b)).toList();
        Set<AclBinding> want = new HashSet<>(wanted);
        List<AclBindingFilter> toDelete = existing.stream().filter(b -> !want.contains(b)).map(AclBinding::toFilter).toList();
        if (!toCreate.isEmpty()) {
            admin.createAcls(toCreate).all().get(t, TimeUnit.MILLISECONDS);
            toCreate.forEach(b -> log(out, "ACL added: " + b));
        }
        if (!toDelete.isEmpty()) {
            admin.deleteAcls(toDelete).all().get(t, TimeUnit.MILLISECONDS);
            toDelete.forEach(f -> log(out, "ACL removed (not in the table): " + f));
        }
        return new Result(users.size(), toCreate.size(), toDelete.size());
    }

    private static void log(PrintStream out, String line) {
        if (out != null) {
            out.println(line);
        }
    }
}
