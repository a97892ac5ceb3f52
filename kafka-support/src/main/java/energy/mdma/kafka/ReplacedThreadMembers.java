package energy.mdma.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Takes the static member of a replaced stream thread out of its consumer group, so that its partitions go to the
 * other members at once instead of when its session times out.
 *
 * <p>Kafka Streams sends no LeaveGroup when a thread closes, and a static member ({@code group.instance.id}) keeps its
 * partitions across a restart on purpose. When a stream thread fails and is replaced ({@link
 * ReplaceFailedStreamThread}), the new thread joins with the next thread index - another {@code group.instance.id}
 * ({@code <id>-2} for {@code <id>-1}) - and the group's rebalance waits for the dead thread's member until its session
 * times out (45 s): the partitions it held are not processed meanwhile. Once the dead thread has finished closing, this
 * removes its member with the Admin API ({@code removeMembersFromConsumerGroup}, which a principal may do with READ on
 * its group), and the rebalance completes in seconds.
 */
public final class ReplacedThreadMembers {
    private static final Logger LOG = LoggerFactory.getLogger(ReplacedThreadMembers.class);
    /** How a stream thread is named by Kafka Streams: {@code <client.id>-StreamThread-<index>}. */
    static final String THREAD_SUFFIX = "-StreamThread-";
    /** How long the dead thread may take to close (tasks, transactions, clients) before its member is removed anyway. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<? extends Map<String, ?>> adminConfig;
    private final String groupId;
    private final String groupInstanceId;

    /**
     * @param adminConfig     bootstrap servers and the principal's security settings (no other client settings), read
     *                        when a member is to be removed
     * @param groupId         the Streams application id
     * @param groupInstanceId the {@code group.instance.id} the Streams client was given (Streams appends the thread
     *                        index per thread)
     */
    public ReplacedThreadMembers(Supplier<? extends Map<String, ?>> adminConfig, String groupId,
            String groupInstanceId) {
        if (groupId == null || groupId.isBlank() || groupInstanceId == null || groupInstanceId.isBlank()) {
            throw new IllegalArgumentException("a replaced thread's member is removed by group id and group.instance.id;"
                    + " both must be given (group '" + groupId + "', instance '" + groupInstanceId + "')");
        }
        this.adminConfig = adminConfig;
        this.groupId = groupId;
        this.groupInstanceId = groupInstanceId;
    }

    /**
     * For a Streams client built from {@code streamsConfig}: the admin settings are those of its keys an admin client
     * takes (the broker and the principal), the member id its main consumer's {@code group.instance.id}.
     *
     * @return null when the client has no static membership (nothing to remove: a dynamic member is forgotten when its
     *         session times out)
     */
    public static ReplacedThreadMembers of(Properties streamsConfig, String groupId) {
        String groupInstanceId = streamsConfig.getProperty(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
        if (groupInstanceId == null) {
            return null;
        }
        return new ReplacedThreadMembers(() -> {
            Map<String, String> admin = new HashMap<>();
            for (String name : streamsConfig.stringPropertyNames()) {
                if (AdminClientConfig.configNames().contains(name)) {
                    admin.put(name, streamsConfig.getProperty(name));
                }
            }
            return admin;
        }, groupId, groupInstanceId);
    }

    /**
     * The {@code group.instance.id} of stream thread {@code threadName}'s consumer, or null when the name is not a
     * stream thread's.
     */
    String memberOf(String threadName) {
        int at = threadName == null ? -1 : threadName.lastIndexOf(THREAD_SUFFIX);
        if (at < 0) {
            return null;
        }
        String index = threadName.substring(at + THREAD_SUFFIX.length());
        return index.isEmpty() || !index.chars().allMatch(Character::isDigit) ? null : groupInstanceId + "-" + index;
    }

    /**
     * Called on the failing stream thread when it is to be replaced: once it has ended (at most {@link #CLOSE_WAIT}),
     * its member is removed from the group, on a thread of its own.
     *
     * @return the thread doing it, or null when {@code dying} is not a stream thread
     */
    Thread removeOnceEnded(Thread dying) {
        String member = memberOf(dying.getName());
        if (member == null) {
            LOG.warn("thread {} is not a stream thread; no group member removed", dying.getName());
            return null;
        }
        Thread remover = new Thread(() -> {
            try {
                dying.join(CLOSE_WAIT.toMillis());
                remove(member);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mdma-remove-member-" + member);
        remover.setDaemon(true);
        remover.start();
        return remover;
    }

    /** Removes {@code member} from the group; a failure is logged, never thrown (the session timeout still applies). */
    void remove(String member) throws InterruptedException {
        Properties config = new Properties();
        try {
            config.putAll(adminConfig.get());
        } catch (RuntimeException e) {
            LOG.warn("could not remove group member {} of the replaced stream thread from group {}: no admin client"
                    + " settings ({}); its partitions are reassigned when its session times out", member, groupId,
                    e.getMessage());
            return;
        }
        try (Admin admin = Admin.create(config)) {
            admin.removeMembersFromConsumerGroup(groupId,
                            new RemoveMembersFromConsumerGroupOptions(List.of(new MemberToRemove(member))))
                    .all().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("removed group member {} of the replaced stream thread from group {}: its partitions are"
                    + " reassigned now rather than after its session timeout", member, groupId);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownMemberIdException) {
                LOG.info("group member {} of the replaced stream thread is no longer in group {}", member, groupId);
            } else {
                LOG.warn("could not remove group member {} of the replaced stream thread from group {} ({}): its"
                        + " partitions are reassigned when its session times out", member, groupId, e.getCause());
            }
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("could not remove group member {} of the replaced stream thread from group {} ({}): its"
                    + " partitions are reassigned when its session times out", member, groupId, e.toString());
        }
    }
}
