package energy.mdma.kafka;

import energy.mdma.testsupport.MdmaPlatformExtension;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A failed stream thread of a client with static membership, on the real broker: the thread is replaced and the dead
 * thread's member is removed from the group, so that the records after the failure are processed long before the dead
 * member's session would have timed out (without the removal the group's rebalance waits for that session: 60 s here).
 */
@ExtendWith(MdmaPlatformExtension.class)
class ReplacedThreadMembersTest {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void theMemberOfAReplacedThreadLeavesTheGroupSoItsPartitionsMoveAtOnce(MdmaTestPlatform platform,
            @TempDir Path stateDir) throws Exception {
        String id = "mdma-test-replaced-" + UUID.randomUUID();
        String topic = id + "-in";
        try (Admin admin = platform.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        Set<String> processed = ConcurrentHashMap.newKeySet();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), topic);
        topology.addProcessor("fail-once", () -> (Processor<String, String, Void, Void>) (Record<String, String> r) -> {
            if (r.value().equals("poison") && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("a transient failure of the test");
            }
            processed.add(r.value());
        }, "in");

        Properties client = platform.kafkaClientProperties();
        Properties config = new Properties();
        config.putAll(client);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "instance-a");
        config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) SESSION_TIMEOUT.toMillis());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

        try (KafkaStreams streams = new KafkaStreams(topology, config);
             KafkaProducer<String, String> producer = producer(client);
             Admin admin = platform.admin()) {
            ReplaceFailedStreamThread replace = new ReplaceFailedStreamThread(
                    ReplacedThreadMembers.of(config, id));
            streams.setUncaughtExceptionHandler(e -> {
                failures.add(Thread.currentThread().getName() + ": " + e);
                return replace.handle(e);
            });
            streams.start();
            Poll.until("the client is running", Duration.ofSeconds(60), () -> streams.state() + " " + failures,
                    s -> s.startsWith(KafkaStreams.State.RUNNING.name()));
            producer.send(new ProducerRecord<>(topic, 0, "k", "before")).get();
            Poll.until("the first record is processed", Duration.ofSeconds(60), () -> processed + " " + failures,
                    s -> processed.contains("before"));
            assertEquals(Set.of("instance-a-1"), members(admin, id), "failures: " + failures);

            producer.send(new ProducerRecord<>(topic, 0, "k", "poison")).get();
            producer.send(new ProducerRecord<>(topic, 0, "k", "after")).get();
            producer.send(new ProducerRecord<>(topic, 1, "k", "other partition")).get();
            // well inside the dead member's session: only its removal lets the group settle this soon
            Poll.until("the records after the failure are processed by the replacement thread",
                    SESSION_TIMEOUT.dividedBy(2), () -> processed + " " + failures + " " + streams.state(),
                    s -> processed.containsAll(Set.of("poison", "after", "other partition")));
            assertEquals(1, failures.size(), "one failure: " + failures);
            assertEquals(Set.of("instance-a-2"), members(admin, id), "only the replacement thread's member is left");
        }
    }

    @Test
    void theMemberIsNamedAsStreamsNamesItsThreadsConsumers() {
        ReplacedThreadMembers members = new ReplacedThreadMembers(Map::of, "mdma-vee", "vee-0");
        assertEquals("vee-0-1", members.memberOf("mdma-vee-0a1b-StreamThread-1"));
        assertEquals("vee-0-12", members.memberOf("mdma-vee-StreamThread-12"));
        assertNull(members.memberOf("main"));
        assertNull(members.memberOf("mdma-vee-StreamThread-"));
        assertNull(members.memberOf("mdma-vee-StreamThread-1x"));
        assertNull(members.removeOnceEnded(new Thread("not-a-stream-thread")), "no member to remove");
        assertNull(ReplacedThreadMembers.of(new Properties(), "mdma-vee"), "no static membership, no member to remove");
    }

    private static Set<String> members(Admin admin, String group) throws Exception {
        ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return d.members().stream().map(MemberDescription::groupInstanceId).map(o -> o.orElse("(dynamic)"))
                .collect(Collectors.toSet());
    }

    private static KafkaProducer<String, String> producer(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
