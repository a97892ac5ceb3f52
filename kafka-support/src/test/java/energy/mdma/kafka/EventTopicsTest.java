package energy.mdma.kafka;

import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.Topics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EventTopicsTest {
    private final EventTopics topics = new EventTopics(SerdeFactory.binary());

    @Test
    void eachTopicHasTheNameOfTheContract() {
        assertEquals(Topics.METERS, topics.meters.name());
        assertEquals(Topics.CHANNELS, topics.channels.name());
        assertEquals(Topics.SCHEDULES, topics.schedules.name());
        assertEquals(Topics.PARTIES, topics.parties.name());
        assertEquals(Topics.INTERVALS, topics.intervals.name());
        assertEquals(Topics.REGISTERS, topics.registers.name());
        assertEquals(Topics.VEE_EDITS, topics.edits.name());
        assertEquals(Topics.CHANNEL_PERIODS, topics.channelPeriods.name());
        assertEquals(Topics.VEE_EXCEPTIONS, topics.veeExceptions.name());
        assertEquals(Topics.EDI_DOCUMENTS, topics.postedDocuments.name());
    }

    @Test
    void aTopicsSerdesWriteAndReadItsEvent() {
        Topic<String, VeeException> t = topics.veeExceptions;
        VeeException e = VeeException.newBuilder().setCode("TEST").setMeterId("M-1")
                .setMessage("m").setRaisedAt(Instant.ofEpochSecond(1_700_000_000L)).build();
        byte[] bytes = t.valueSerde().serializer().serialize(t.name(), e);
        assertEquals(e, t.valueSerde().deserializer().deserialize(t.name(), bytes));
        assertEquals("M-1:2", t.keySerde().deserializer().deserialize(t.name(),
                t.keySerde().serializer().serialize(t.name(), "M-1:2")));
    }

    @Test
    void aDeadLetterTopicWritesTheOriginalBytes() {
        Topic<String, DeadLetters.DeadLetter> t = EventTopics.deadLetters(Topics.VEE_DEAD_LETTERS);
        byte[] original = "not avro".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(original, t.valueSerde().serializer().serialize(t.name(), new DeadLetters.DeadLetter(original)));
    }
}
