package energy.mdma.kafka;

import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.IntervalBlock;
import energy.mdma.events.ManualEdit;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.RegisterReading;
import energy.mdma.events.RejectedReading;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.events.VeeException;
import energy.mdma.events.kafka.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The event topics the Streams services read and write, each with its key serde (the keys are strings, see each
 * event's schema) and the value serde of its event (through the registry in production, plain binary in topology
 * tests: {@link SerdeFactory}). The names are {@link Topics}'s, where partitions and ACLs are those of
 * {@code deploy/topics.csv}.
 */
public final class EventTopics {
    public final Topic<String, PartyEvent> parties;
    public final Topic<String, MeterEvent> meters;
    public final Topic<String, ChannelEvent> channels;
    public final Topic<String, ScheduledReadDate> schedules;
    public final Topic<String, IntervalBlock> intervals;
    public final Topic<String, RegisterReading> registers;
    /** mdma.readings.rejected: the readings ingest did not accept, each with the reason. */
    public final Topic<String, RejectedReading> rejectedReadings;
    public final Topic<String, ManualEdit> edits;
    public final Topic<String, ChannelPeriodResult> channelPeriods;
    public final Topic<String, VeeException> veeExceptions;
    /** mdma.edi.documents as edi writes it: its posted documents (the topic also carries DocumentCancelled). */
    public final Topic<String, DocumentPosted> postedDocuments;

    public EventTopics(SerdeFactory serdes) {
        parties = topic(serdes, Topics.PARTIES, PartyEvent.class);
        meters = topic(serdes, Topics.METERS, MeterEvent.class);
        channels = topic(serdes, Topics.CHANNELS, ChannelEvent.class);
        schedules = topic(serdes, Topics.SCHEDULES, ScheduledReadDate.class);
        intervals = topic(serdes, Topics.INTERVALS, IntervalBlock.class);
        registers = topic(serdes, Topics.REGISTERS, RegisterReading.class);
        rejectedReadings = topic(serdes, Topics.READINGS_REJECTED, RejectedReading.class);
        edits = topic(serdes, Topics.VEE_EDITS, ManualEdit.class);
        channelPeriods = topic(serdes, Topics.CHANNEL_PERIODS, ChannelPeriodResult.class);
        veeExceptions = topic(serdes, Topics.VEE_EXCEPTIONS, VeeException.class);
        postedDocuments = topic(serdes, Topics.EDI_DOCUMENTS, DocumentPosted.class);
    }

    private static <V extends SpecificRecord> Topic<String, V> topic(SerdeFactory serdes, String name, Class<V> type) {
        return new Topic<>(name, Serdes.String(), serdes.serde(type));
    }

    /**
     * mdma.headend.readings as ingest reads it: the records' bytes as they are (each an IntervalBlock or a
     * RegisterReading through the registry), so that one that cannot be read becomes a RejectedReading rather than a
     * failed stream thread.
     */
    public static Topic<String, byte[]> headEndReadings() {
        return new Topic<>(Topics.HEADEND_READINGS, Serdes.String(), Serdes.ByteArray());
    }

    /** A dead-letter topic: the unreadable records as they were ({@link DeadLetters}). */
    public static Topic<String, DeadLetters.DeadLetter> deadLetters(String name) {
        return new Topic<>(name, Serdes.String(), DeadLetters.serde());
    }
}
