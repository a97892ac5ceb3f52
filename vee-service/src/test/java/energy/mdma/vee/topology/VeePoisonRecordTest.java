package energy.mdma.vee.topology;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.ScheduleKey;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.DeadLetters;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.testsupport.ExamplePackage;
import energy.mdma.vee.model.VeeParameterCatalog;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record vee cannot read, between good ones (issue 14): it goes to mdma.vee.dead-letters as it was, with its reason
 * and origin, an exception event goes to mdma.vee.exceptions, and the good records around it give the expected results
 * (processing went on).
 */
class VeePoisonRecordTest {
    static final Instant WALL_CLOCK = Instant.parse("2026-02-01T00:00:00Z");
    static SamplePackage sample;
    static ExpectedResults expected;

    @TempDir(factory = TmpfsTempDirFactory.class)
    Path stateDir;

    @BeforeAll
    static void load() throws Exception {
        sample = SamplePackage.load(ExamplePackage.dir());
        expected = new ExpectedResults(ExamplePackage.file("expected/expected.json"));
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndProcessingGoesOn() {
        SerdeFactory serdes = SerdeFactory.binary();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "vee-poison-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        var keys = Serdes.String();
        try (TopologyTestDriver driver = new TopologyTestDriver(VeeTopology.build(serdes,
                VeeParameterCatalog.defaultsOnly(), VeeTopology.Settings.defaults(), () -> 0L), p, WALL_CLOCK)) {
            TestInputTopic<String, MeterEvent> meters = driver.createInputTopic(Topics.METERS, keys.serializer(), serdes.serde(MeterEvent.class).serializer());
            TestInputTopic<String, ChannelEvent> channels = driver.createInputTopic(Topics.CHANNELS, keys.serializer(), serdes.serde(ChannelEvent.class).serializer());
            TestInputTopic<String, ScheduledReadDate> schedule = driver.createInputTopic(Topics.SCHEDULES, keys.serializer(), serdes.serde(ScheduledReadDate.class).serializer());
            TestInputTopic<String, IntervalBlock> intervals = driver.createInputTopic(Topics.INTERVALS, keys.serializer(), serdes.serde(IntervalBlock.class).serializer());
            TestInputTopic<String, byte[]> rawIntervals = driver.createInputTopic(Topics.INTERVALS, keys.serializer(), Serdes.ByteArray().serializer());
            TestInputTopic<String, byte[]> rawRegisters = driver.createInputTopic(Topics.REGISTERS, keys.serializer(), Serdes.ByteArray().serializer());
            TestInputTopic<String, RegisterReading> registers = driver.createInputTopic(Topics.REGISTERS, keys.serializer(), serdes.serde(RegisterReading.class).serializer());
            TestOutputTopic<String, ChannelPeriodResult> results = driver.createOutputTopic(Topics.CHANNEL_PERIODS, keys.deserializer(), serdes.serde(ChannelPeriodResult.class).deserializer());
            TestOutputTopic<String, VeeException> exceptions = driver.createOutputTopic(Topics.VEE_EXCEPTIONS, keys.deserializer(), serdes.serde(VeeException.class).deserializer());
            TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(Topics.VEE_DEAD_LETTERS, keys.deserializer(), Serdes.ByteArray().deserializer());
            sample.meters.forEach(m -> meters.pipeInput(m.getMeterId(), m));
            sample.channels.forEach(c -> channels.pipeInput(Topics.channelKey(c.getMeterId(), c.getChannel()), c));
            sample.schedule.forEach(s -> schedule.pipeInput(new ScheduleKey(s.getReadCycle(), s.getReadDate()).format(), s));

            // damaged bytes: a varint that never ends
            byte[] poison = new byte[24];
            Arrays.fill(poison, (byte) 0xFF);
            IntervalBlock first = sample.blocks.get(0);
            String poisonKey = Topics.channelKey(first.getMeterId(), first.getChannel());
            int half = sample.blocks.size() / 2;
            for (int i = 0; i < sample.blocks.size(); i++) {
                IntervalBlock b = sample.blocks.get(i);
                if (i == half) {
                    rawIntervals.pipeInput(poisonKey, poison);
                }
                intervals.pipeInput(Topics.channelKey(b.getMeterId(), b.getChannel()), b);
            }
            rawRegisters.pipeInput("M0:1", new byte[]{(byte) 0xFF});
            sample.registers.forEach(r -> registers.pipeInput(Topics.channelKey(r.getMeterId(), r.getChannel()), r));
            driver.advanceWallClockTime(VeeTopology.Settings.DEFAULT_SETTLE_QUIET.plusSeconds(3));

            Map<String, ChannelPeriodResult> latest = new HashMap<>();
            for (TestRecord<String, ChannelPeriodResult> r : results.readRecordsToList()) {
                latest.put(ExpectedResults.key(r.value()), r.value());
            }
            assertEquals(List.of(), expected.mismatches(latest), "the good records give the expected results");
            assertEquals(expected.channelPeriods(), latest.size());

            List<TestRecord<String, byte[]>> letters = deadLetters.readRecordsToList();
            assertEquals(2, letters.size(), "both unreadable records are dead-lettered");
            TestRecord<String, byte[]> letter = letters.get(0);
            assertEquals(poisonKey, letter.key());
            assertArrayEquals(poison, letter.value(), "the record as it was");
            assertEquals(Topics.INTERVALS, header(letter, DeadLetters.TOPIC));
            assertEquals("vee", header(letter, DeadLetters.SERVICE));
            assertTrue(Long.parseLong(header(letter, DeadLetters.OFFSET)) >= 0);
            assertTrue(header(letter, DeadLetters.PARTITION).matches("\\d+"));
            assertTrue(!header(letter, DeadLetters.REASON).isBlank());
            assertEquals(Topics.REGISTERS, header(letters.get(1), DeadLetters.TOPIC));

            List<VeeException> poisoned = exceptions.readValuesToList().stream()
                    .filter(e -> e.getCode().equals("VEE_POISON_RECORD")).toList();
            assertEquals(2, poisoned.size(), "an exception event per unreadable record");
            VeeException e = poisoned.get(0);
            assertEquals(first.getMeterId(), e.getMeterId());
            assertEquals(first.getChannel(), e.getChannel());
            assertTrue(e.getMessage().contains(Topics.INTERVALS + " partition ") && e.getMessage().contains(Topics.VEE_DEAD_LETTERS),
                    e.getMessage());
        }
    }

    private static String header(TestRecord<String, byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
