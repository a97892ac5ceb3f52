package energy.mdma.edi.topology;

import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.VeeException;
import energy.mdma.kafka.DeadLetters;
import energy.mdma.kafka.Topic;
import energy.mdma.events.kafka.Topics;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
    static final SampleResults sample = SampleResults.loaded();

    @TempDir
    Path stateDir;

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
        List<VeeException> poisonEvents = events[0].stream().filter(e -> e.getCode().equals("EDI_POISON_RECORD"))
                .toList();
        assertEquals(1, poisonEvents.size(), events[0].toString());
        assertEquals(poisonKey, poisonEvents.get(0).getServiceAccount());
        assertTrue(poisonEvents.get(0).getMessage().contains(Topics.EDI_DEAD_LETTERS),
                poisonEvents.get(0).getMessage());
    }

    /** Sends half the sample's results, then {@code between}, then the rest; posts; the 867 reports per receiver. */
    private TreeMap<String, Integer> run(String name, Consumer<TestInputTopic<String, byte[]>> between,
                                         Consumer<TestOutputTopic<String, byte[]>> letters,
                                         Consumer<TestOutputTopic<String, VeeException>> exceptions) {
        try (EdiTestDriver edi = new EdiTestDriver("edi-poison-" + name, stateDir.resolve(name),
                EdiTopology.Settings.defaults())) {
            TestInputTopic<String, byte[]> raw = edi.input(new Topic<>(Topics.CHANNEL_PERIODS, Serdes.String(),
                    Serdes.ByteArray()));
            edi.masterData(sample);
            int half = sample.results.size() / 2;
            edi.send(sample.results.subList(0, half));
            between.accept(raw);
            edi.send(sample.results.subList(half, sample.results.size()));
            TreeMap<String, Integer> reports = new TreeMap<>();
            for (DocumentPosted d : edi.post()) {
                if (d.getKind() == MailboxFileKind.EDI_867) {
                    reports.merge(d.getReceiverPartyId(), d.getReports().size(), Integer::sum);
                }
            }
            if (letters != null) {
                letters.accept(edi.output(new Topic<>(Topics.EDI_DEAD_LETTERS, Serdes.String(), Serdes.ByteArray())));
                exceptions.accept(edi.output(edi.topics.veeExceptions));
            }
            return reports;
        }
    }

    private static String header(TestRecord<String, byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
