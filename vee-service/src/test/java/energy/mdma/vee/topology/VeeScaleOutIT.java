package energy.mdma.vee.topology;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.kafka.ScheduleKey;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.testsupport.ExamplePackage;
import energy.mdma.testsupport.MdmaPlatformExtension;
import energy.mdma.testsupport.MdmaTestPlatform;
import energy.mdma.testsupport.Poll;
import energy.mdma.testsupport.StreamsTasks;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scale-out, proven: two instances of the VEE topology on the real broker share the channel partitions, and
 * together publish what one instance publishes (the expected results of the sample, each channel-period once). The
 * sample's meters are renamed for this test: other tests of the JVM published the sample itself to the same topics.
 */
@ExtendWith(MdmaPlatformExtension.class)
class VeeScaleOutIT {
    static final String PREFIX = "SCALE";
    static SamplePackage sample;
    static ExpectedResults expected;

    @BeforeAll
    static void load() throws Exception {
        sample = SamplePackage.load(ExamplePackage.dir());
        expected = new ExpectedResults(ExamplePackage.file("expected/expected.json"));
    }

    private static Set<Integer> intervalPartitions(KafkaStreams streams) {
        return StreamsTasks.activePartitions(streams, Topics.INTERVALS);
    }

    @Test
    void twoInstancesShareTheChannelsAndPublishWhatOneInstancePublishes(MdmaTestPlatform platform) throws Exception {
        SerdeFactory serdes = SerdeFactory.registry(platform.registryUrl());
        String run = UUID.randomUUID().toString().substring(0, 8);
        Properties cp = platform.kafkaClientProperties();
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, ChannelPeriodResult> latest = new HashMap<>();
        List<String> problems;
        try (KafkaConsumer<String, ChannelPeriodResult> results = new KafkaConsumer<>(cp, new StringDeserializer(),
                serdes.serde(ChannelPeriodResult.class).deserializer());
             KafkaStreams one = VeeOnBroker.start(platform, serdes, "mdma-vee-scale-" + run,
                     Files.createTempDirectory(platform.workDir(), "vee-one-"));
             KafkaStreams two = VeeOnBroker.start(platform, serdes, "mdma-vee-scale-" + run,
                     Files.createTempDirectory(platform.workDir(), "vee-two-"))) {
            List<TopicPartition> tps = new ArrayList<>();
            results.partitionsFor(Topics.CHANNEL_PERIODS).forEach(p -> tps.add(new TopicPartition(p.topic(), p.partition())));
            results.assign(tps);
            results.seekToEnd(tps);
            tps.forEach(results::position);
            // both instances running, each with partitions of the readings (else the assertions below say which has none)
            try {
                Poll.until("both instances running with partitions of the readings", Duration.ofSeconds(120), () -> {
                    results.poll(Duration.ofMillis(200)); // not ours: positions were taken before
                    return one.state() == KafkaStreams.State.RUNNING && two.state() == KafkaStreams.State.RUNNING
                            && !intervalPartitions(one).isEmpty() && !intervalPartitions(two).isEmpty();
                });
            } catch (ConditionTimeoutException timedOut) {
                // fall through to the assertions
            }
            Set<Integer> p1 = intervalPartitions(one);
            Set<Integer> p2 = intervalPartitions(two);
            assertFalse(p1.isEmpty(), "instance one has no partition of the readings");
            assertFalse(p2.isEmpty(), "instance two has no partition of the readings");
            assertTrue(Collections.disjoint(p1, p2), p1 + " and " + p2 + " overlap");
            publishRenamed(platform, serdes);
            List<List<String>> found = new ArrayList<>(List.of(List.of("nothing read yet")));
            try {
                Poll.until("the two instances' results to match the expected ones", Duration.ofSeconds(180), () -> {
                    if (one.state() == KafkaStreams.State.ERROR || two.state() == KafkaStreams.State.ERROR) {
                        throw new IllegalStateException("an instance of vee failed");
                    }
                    for (ConsumerRecord<String, ChannelPeriodResult> r : results.poll(Duration.ofMillis(500))) {
                        ChannelPeriodResult v = r.value();
                        if (!v.getMeterId().startsWith(PREFIX)) {
                            continue;
                        }
                        ExpectedResults.keepNewest(latest, ChannelPeriodResult.newBuilder(v)
                                .setMeterId(v.getMeterId().substring(PREFIX.length())).build());
                    }
                    found.set(0, expected.mismatches(latest));
                    return found.get(0).isEmpty() && latest.size() == expected.channelPeriods();
                });
            } catch (ConditionTimeoutException timedOut) {
                // fall through: the assertions below list the mismatches left
            }
            problems = found.get(0);
            assertEquals(KafkaStreams.State.RUNNING, one.state());
            assertEquals(KafkaStreams.State.RUNNING, two.state());
        }
        assertEquals(List.of(), problems, problems.size() + " mismatches");
        assertEquals(expected.channelPeriods(), latest.size());
    }

    private void publishRenamed(MdmaTestPlatform platform, SerdeFactory serdes) throws Exception {
        Properties pp = platform.kafkaClientProperties();
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<Class<?>, Serializer<SpecificRecord>> ser = new HashMap<>();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(pp, new StringSerializer(),
                (topic, value) -> ser.computeIfAbsent(value.getClass(), c -> serializer(serdes, c)).serialize(topic, value))) {
            for (MeterEvent m : sample.meters) {
                producer.send(new ProducerRecord<>(Topics.METERS, PREFIX + m.getMeterId(),
                        MeterEvent.newBuilder(m).setMeterId(PREFIX + m.getMeterId()).build()));
            }
            for (ChannelEvent c : sample.channels) {
                producer.send(new ProducerRecord<>(Topics.CHANNELS, Topics.channelKey(PREFIX + c.getMeterId(), c.getChannel()),
                        ChannelEvent.newBuilder(c).setMeterId(PREFIX + c.getMeterId()).build()));
            }
            for (ScheduledReadDate s : sample.schedule) {
                producer.send(new ProducerRecord<>(Topics.SCHEDULES, new ScheduleKey(s.getReadCycle(), s.getReadDate()).format(), s));
            }
            producer.flush();
            // master data first: the global tables read them concurrently with the readings
            for (IntervalBlock b : sample.blocks) {
                producer.send(new ProducerRecord<>(Topics.INTERVALS, Topics.channelKey(PREFIX + b.getMeterId(), b.getChannel()),
                        IntervalBlock.newBuilder(b).setMeterId(PREFIX + b.getMeterId()).build()));
            }
            for (RegisterReading r : sample.registers) {
                producer.send(new ProducerRecord<>(Topics.REGISTERS, Topics.channelKey(PREFIX + r.getMeterId(), r.getChannel()),
                        RegisterReading.newBuilder(r).setMeterId(PREFIX + r.getMeterId()).build()));
            }
            producer.flush();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serializer<SpecificRecord> serializer(SerdeFactory serdes, Class<?> c) {
        return (Serializer<SpecificRecord>) serdes.serde((Class) c).serializer();
    }
}
