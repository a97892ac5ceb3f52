package energy.mdma.edi.topology;

import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.VeeException;
import energy.mdma.kafka.DeadLetters;
import energy.mdma.kafka.SerdeFactory;
import energy.mdma.events.kafka.Topics;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A VEE result edi cannot read, between good ones (issue 14): it goes to mdma.edi.dead-letters as it was, with its
 * reason and origin, an EDI_POISON_RECORD exception goes to mdma.vee.exceptions, and the good results are posted as
 * without it (processing went on).
 */
class EdiPoisonRecordTest {
    static SampleResults sample;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void load() throws IOException {
        sample = SampleResults.load();
    }

    @Test
    void anUnreadableResultGoesToTheDeadLetterTopicAndTheOthersArePosted() {
        byte[] poison = "not an avro record".getBytes(StandardCharsets.UTF_8);
        String poisonKey = sample.results.get(0).getServiceAccount();
        TreeMap<String, Integer> clean = run("clean", raw -> {
        }, null, null);
        TestRecord<String, byte[]>[] letter = new TestRecord[1];
        List<VeeException>[] events = new List[1];
        TreeMap<String, Integer> poisoned = run("poisoned", raw -> raw.pipeInput(poisonKey, poison),
                letters -> {
                    List<TestRecord<String, byte[]>> all = letters.readRecordsToList();
                    assertEquals(1, all.size(), "the unreadable result is dead-lettered");
                    letter[0] = all.get(0);
                }, exceptions -> events[0] = exceptions.readValuesToList());
        assertFalse(clean.isEmpty());
        assertEquals(clean, poisoned, "the same 867 reports per receiver as without the unreadable record");

        assertEquals(poisonKey, letter[0].key());
        assertArrayEquals(poison, letter[0].value());
        assertEquals(Topics.CHANNEL_PERIODS, header(letter[0], DeadLetters.TOPIC));
        assertEquals("edi", header(letter[0], DeadLetters.SERVICE));
        assertTrue(header(letter[0], DeadLetters.OFFSET).matches("\\d+"));
        assertFalse(header(letter[0], DeadLetters.REASON).isBlank());
        List<VeeException> poisonEvents = events[0].stream().filter(e -> e.getCode().equals("EDI_POISON_RECORD")).toList();
        assertEquals(1, poisonEvents.size(), events[0].toString());
        assertEquals(poisonKey, poisonEvents.get(0).getServiceAccount());
        assertTrue(poisonEvents.get(0).getMessage().contains(Topics.EDI_DEAD_LETTERS), poisonEvents.get(0).getMessage());
    }

    /** Sends half the sample's results, then {@code between}, then the rest; posts; the 867 reports per receiver. */
    private TreeMap<String, Integer> run(String name, Consumer<TestInputTopic<String, byte[]>> between,
                                         Consumer<TestOutputTopic<String, byte[]>> letters,
                                         Consumer<TestOutputTopic<String, VeeException>> exceptions) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "edi-poison-" + name);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        SerdeFactory serdes = SerdeFactory.binary();
        var keys = Serdes.String();
        try (TopologyTestDriver driver = new TopologyTestDriver(EdiTopology.build(serdes, EdiTopology.Settings.defaults()),
                p, Instant.parse("2026-02-01T08:00:00Z"))) {
            var parties = driver.createInputTopic(Topics.PARTIES, keys.serializer(), serdes.serde(energy.mdma.events.PartyEvent.class).serializer());
            var meters = driver.createInputTopic(Topics.METERS, keys.serializer(), serdes.serde(energy.mdma.events.MeterEvent.class).serializer());
            var channels = driver.createInputTopic(Topics.CHANNELS, keys.serializer(), serdes.serde(energy.mdma.events.ChannelEvent.class).serializer());
            TestInputTopic<String, ChannelPeriodResult> results = driver.createInputTopic(Topics.CHANNEL_PERIODS, keys.serializer(), serdes.serde(ChannelPeriodResult.class).serializer());
            TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.CHANNEL_PERIODS, keys.serializer(), Serdes.ByteArray().serializer());
            TestOutputTopic<String, DocumentPosted> documents = driver.createOutputTopic(Topics.EDI_DOCUMENTS, keys.deserializer(), serdes.serde(DocumentPosted.class).deserializer());
            sample.parties.forEach(x -> parties.pipeInput(x.getPartyId(), x));
            sample.meters.forEach(x -> meters.pipeInput(x.getMeterId(), x));
            sample.channels.forEach(x -> channels.pipeInput(Topics.channelKey(x.getMeterId(), x.getChannel()), x));
            int half = sample.results.size() / 2;
            sample.results.subList(0, half).forEach(r -> results.pipeInput(r.getServiceAccount(), r));
            between.accept(raw);
            sample.results.subList(half, sample.results.size()).forEach(r -> results.pipeInput(r.getServiceAccount(), r));
            for (int i = 0; i < 5; i++) {
                driver.advanceWallClockTime(Duration.ofSeconds(3));
            }
            TreeMap<String, Integer> reports = new TreeMap<>();
            for (DocumentPosted d : documents.readValuesToList()) {
                if (d.getKind() == MailboxFileKind.EDI_867) {
                    reports.merge(d.getReceiverPartyId(), d.getReports().size(), Integer::sum);
                }
            }
            if (letters != null) {
                letters.accept(driver.createOutputTopic(Topics.EDI_DEAD_LETTERS, keys.deserializer(), Serdes.ByteArray().deserializer()));
                exceptions.accept(driver.createOutputTopic(Topics.VEE_EXCEPTIONS, keys.deserializer(), serdes.serde(VeeException.class).deserializer()));
            }
            return reports;
        }
    }

    private static String header(TestRecord<String, byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
