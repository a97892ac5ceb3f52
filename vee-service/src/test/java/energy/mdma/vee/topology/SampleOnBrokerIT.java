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
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance sample through the real broker and schema registry (test-support's platform): master
 * data, schedules, interval blocks and register readings published with the registry serdes, the VEE
 * topology in a real Kafka Streams instance (exactly_once_v2, fresh state directory), and the latest
 * version of every channel-period read from mdma.vee.channel-periods (read_committed) must match
 * expected.json exactly.
 */
@ExtendWith(MdmaPlatformExtension.class)
class SampleOnBrokerIT {
    static SamplePackage sample;
    static ExpectedResults expected;

    @BeforeAll
    static void load() throws Exception {
        sample = SamplePackage.load(ExamplePackage.dir());
        expected = new ExpectedResults(ExamplePackage.file("expected/expected.json"));
    }

    @Test
    void theSampleGivesTheExpectedResultsOnTheBroker(MdmaTestPlatform platform) throws Exception {
        SerdeFactory serdes = SerdeFactory.registry(platform.registryUrl());
        String run = UUID.randomUUID().toString().substring(0, 8);
        publishSample(platform, serdes);

        Path state = Files.createTempDirectory(platform.workDir(), "vee-it-state-");
        Properties cp = platform.kafkaClientProperties();
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "vee-it-reader-" + run);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, ChannelPeriodResult> latest = new HashMap<>();
        List<String> problems = List.of("nothing read yet");
        try (KafkaStreams streams = VeeOnBroker.start(platform, serdes, "mdma-vee-it-" + run, state);
             KafkaConsumer<String, ChannelPeriodResult> results = new KafkaConsumer<>(cp, new StringDeserializer(),
                     serdes.serde(ChannelPeriodResult.class).deserializer())) {
            results.subscribe(List.of(Topics.CHANNEL_PERIODS));
            // read until the results match (or 180 s pass: the assertions below then say what is missing)
            List<List<String>> found = new ArrayList<>(List.of(problems));
            try {
                Poll.until("vee's results to match the expected ones", Duration.ofSeconds(180), () -> {
                    if (streams.state() == KafkaStreams.State.ERROR) {
                        throw new IllegalStateException("vee's streams failed");
                    }
                    for (ConsumerRecord<String, ChannelPeriodResult> r : results.poll(Duration.ofMillis(500))) {
                        assertEquals(r.value().getServiceAccount(), r.key(), "results are keyed by service account");
                        ExpectedResults.keepNewest(latest, r.value());
                    }
                    found.set(0, expected.mismatches(latest));
                    return found.get(0).isEmpty() && latest.size() == expected.channelPeriods();
                });
            } catch (ConditionTimeoutException timedOut) {
                // fall through: the assertions below list the mismatches left
            }
            problems = found.get(0);
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
        assertEquals(List.of(), problems, problems.size() + " mismatches");
        assertEquals(expected.channelPeriods(), latest.size());
        assertTrue(latest.values().stream().allMatch(r -> r.getVersion() >= 1 && r.getChangedBy().equals("vee")));
    }

    private void publishSample(MdmaTestPlatform platform, SerdeFactory serdes) throws Exception {
        Properties pp = platform.kafkaClientProperties();
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        Map<Class<?>, Serializer<SpecificRecord>> ser = new HashMap<>();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(pp, new StringSerializer(),
                (topic, value) -> ser.computeIfAbsent(value.getClass(), c -> serializer(serdes, c)).serialize(topic, value))) {
            for (MeterEvent m : sample.meters) {
                producer.send(new ProducerRecord<>(Topics.METERS, m.getMeterId(), m));
            }
            for (ChannelEvent c : sample.channels) {
                producer.send(new ProducerRecord<>(Topics.CHANNELS, Topics.channelKey(c.getMeterId(), c.getChannel()), c));
            }
            for (ScheduledReadDate s : sample.schedule) {
                producer.send(new ProducerRecord<>(Topics.SCHEDULES, new ScheduleKey(s.getReadCycle(), s.getReadDate()).format(), s));
            }
            for (IntervalBlock b : sample.blocks) {
                producer.send(new ProducerRecord<>(Topics.INTERVALS, Topics.channelKey(b.getMeterId(), b.getChannel()), b));
            }
            for (RegisterReading r : sample.registers) {
                producer.send(new ProducerRecord<>(Topics.REGISTERS, Topics.channelKey(r.getMeterId(), r.getChannel()), r));
            }
            producer.flush();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serializer<SpecificRecord> serializer(SerdeFactory serdes, Class<?> c) {
        return (Serializer<SpecificRecord>) serdes.serde((Class) c).serializer();
    }

}
