package energy.mdma.platform.mirror;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import energy.mdma.platform.broker.BrokerSecurity;

/**
 * The MirrorMaker 2 configuration (dedicated mode, {@code org.apache.kafka.connect.mirror.MirrorMaker}) that feeds the
 * second site: one flow {@value #PRIMARY} -> {@value #DR}, nothing the other way.
 * <ul>
 * <li>{@code IdentityReplicationPolicy}: the topics keep their names on the second site, so the services run there
 * unchanged;</li>
 * <li>every MDMA topic ({@code mdma.*}: deploy/topics.csv, the registry's {@code mdma.registry.*}) and the Kafka
 * Streams internal topics of vee and edi ({@code mdma-vee*}, {@code mdma-edi*}: changelogs, repartition topics);</li>
 * <li>the source consumers read committed records only ({@code isolation.level=read_committed}): an aborted
 * transaction of a service never reaches the second site;</li>
 * <li>exactly-once source (KIP-618): the records and MM2's source offsets are written in one transaction on the
 * second site, so a restart of MM2 neither loses nor duplicates records; this needs MM2's internal REST listener
 * ({@code dedicated.mode.enable.internal.rest}, on {@code restPort});</li>
 * <li>consumer group offsets translated and written on the second site (checkpoints, {@code sync.group.offsets}),
 * topic configs synchronised, short refresh intervals (new Streams topics and groups are picked up in seconds);</li>
 * <li>MM2 only reads from the primary: its offset-syncs topic lives on the second site
 * ({@code offset-syncs.topic.location=target}), no heartbeats are written anywhere, ACLs are not copied (the second
 * site gets the ACLs of deploy/acls.csv itself).</li>
 * </ul>
 * Both clusters are reached as their super user (the same security material on both sites, {@link BrokerSecurity}).
 */
public final class MirrorSettings {

    public static final String PRIMARY = "primary";
    public static final String DR = "dr";
    /** Topics replicated: every MDMA topic and the Streams internal topics of vee and edi. */
    public static final String TOPICS = "mdma\\..*, mdma-vee.*, mdma-edi.*";
    /** The same as one Java regular expression (ReplicationLag). */
    public static final String TOPICS_REGEX = "mdma\\..*|mdma-vee.*|mdma-edi.*";
    /** MM2's own topics on the second site (workers' offsets, configs, status; offset syncs; checkpoints). */
    public static final String INTERNAL_TOPICS = "mm2-.*\\.internal|" + PRIMARY + "\\.checkpoints\\.internal";

    private MirrorSettings() {
    }

    /**
     * @param primary         bootstrap servers of the primary
     * @param dr              bootstrap servers of the second site
     * @param security        the security material both sites share
     * @param replicas        replication factor of the topics MM2 creates on the second site (1 on the local one)
     * @param restPort        port of MM2's internal REST listener (exactly-once source); 0: no exactly-once source
     * @param refreshSeconds  how often topics, groups, configs and group offsets are refreshed
     */
    public static Map<String, String> config(String primary, String dr, BrokerSecurity.Settings security, int replicas,
            int restPort, int refreshSeconds) {
        Map<String, String> c = new TreeMap<>();
        c.put("clusters", PRIMARY + ", " + DR);
        cluster(c, PRIMARY, primary, security);
        cluster(c, DR, dr, security);

        String flow = PRIMARY + "->" + DR + ".";
        c.put(flow + "enabled", "true");
        c.put(DR + "->" + PRIMARY + ".enabled", "false");
        c.put("replication.policy.class", "org.apache.kafka.connect.mirror.IdentityReplicationPolicy");
        c.put(flow + "topics", TOPICS);
        c.put(flow + "topics.exclude", "mm2.*\\.internal, .*\\.replica, __.*, heartbeats");
        c.put(flow + "groups", ".*");
        // read committed: what a read_committed consumer of the primary sees, nothing of aborted transactions
        c.put(PRIMARY + ".consumer.isolation.level", "read_committed");
        c.put(flow + "sync.topic.configs.enabled", "true");
        c.put(flow + "sync.topic.acls.enabled", "false");
        c.put(flow + "emit.checkpoints.enabled", "true");
        c.put(flow + "emit.checkpoints.interval.seconds", Integer.toString(refreshSeconds));
        c.put(flow + "sync.group.offsets.enabled", "true");
        c.put(flow + "sync.group.offsets.interval.seconds", Integer.toString(refreshSeconds));
        c.put(flow + "refresh.topics.interval.seconds", Integer.toString(refreshSeconds));
        c.put(flow + "refresh.groups.interval.seconds", Integer.toString(refreshSeconds));
        c.put(flow + "offset-syncs.topic.location", "target");
        c.put(flow + "emit.heartbeats.enabled", "false");
        c.put(DR + "->" + PRIMARY + ".emit.heartbeats.enabled", "false");
        c.put("tasks.max", "2");

        String r = Integer.toString(replicas);
        c.put("replication.factor", r);
        c.put("offset-syncs.topic.replication.factor", r);
        c.put("checkpoints.topic.replication.factor", r);
        c.put("heartbeats.topic.replication.factor", r);
        c.put(DR + ".offset.storage.replication.factor", r);
        c.put(DR + ".config.storage.replication.factor", r);
        c.put(DR + ".status.storage.replication.factor", r);
        // MM2 writes each record again, uncompressed unless told: a 867 document of mdma.edi.documents (topic limit
        // 16 MiB, deploy/topics.csv) is over the producer's default 1 MiB request once decompressed, and one such record
        // kills the source task (RecordTooLargeException) - found by the failover drill. Same bound as the topics, zstd.
        c.put(DR + ".producer.max.request.size", Integer.toString(16 * 1024 * 1024 + 64 * 1024));
        c.put(DR + ".producer.compression.type", "zstd");
        // without exactly-once, the source offsets are committed this often (the records a restart of MM2 may repeat)
        c.put(DR + ".offset.flush.interval.ms", "1000");

        if (restPort > 0) {
            c.put(DR + ".exactly.once.source.support", "enabled");
            // "required" would refuse MM2's checkpoint connector (it has no exactly-once preflight check); the source
            // connector runs exactly-once whenever the worker supports it (its consumer reads committed records only)
            c.put("dedicated.mode.enable.internal.rest", "true");
            c.put("listeners", "http://localhost:" + restPort);
        }
        return c;
    }

    private static void cluster(Map<String, String> c, String alias, String bootstrap, BrokerSecurity.Settings security) {
        Properties client = BrokerSecurity.adminClient(security, bootstrap);
        for (String name : client.stringPropertyNames()) {
            c.put(alias + "." + name, client.getProperty(name));
        }
    }
}
