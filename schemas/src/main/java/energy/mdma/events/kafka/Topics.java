package energy.mdma.events.kafka;

/**
 * The shared topics: the only way services exchange data. Partition counts, retention and
 * compaction are set in {@code deploy/topics.csv}; keys are documented on each event schema.
 */
public final class Topics {
    private Topics() {
    }

    public static final String PARTIES = "mdma.parties";
    public static final String CREDENTIALS = "mdma.credentials";
    public static final String METERS = "mdma.meters";
    public static final String CHANNELS = "mdma.channels";
    public static final String SCHEDULES = "mdma.schedules";
    public static final String FILES_RECEIVED = "mdma.files.received";
    public static final String FILES_REJECTED_ROWS = "mdma.files.rejected-rows";
    public static final String INTERVALS = "mdma.readings.intervals";
    public static final String REGISTERS = "mdma.readings.registers";
    public static final String READINGS_REJECTED = "mdma.readings.rejected";
    /** Head-ends publish IntervalBlock / RegisterReading here; ingest checks them and forwards or rejects. */
    public static final String HEADEND_READINGS = "mdma.headend.readings";
    public static final String CHANNEL_PERIODS = "mdma.vee.channel-periods";
    public static final String VEE_EXCEPTIONS = "mdma.vee.exceptions";
    public static final String VEE_EDITS = "mdma.vee.edits";
    public static final String EDI_DOCUMENTS = "mdma.edi.documents";
    /** Records vee could not read, as they were, with the reason in headers (kafka-support's {@code DeadLetters}). */
    public static final String VEE_DEAD_LETTERS = "mdma.vee.dead-letters";
    /** Records edi could not read, as they were, with the reason in headers (kafka-support's {@code DeadLetters}). */
    public static final String EDI_DEAD_LETTERS = "mdma.edi.dead-letters";
    public static final String MAILBOX_EVENTS = "mdma.mailbox.events";
    public static final String AUDIT = "mdma.audit";
    public static final String NOTICES = "mdma.notices";
    /** The parties' e-mail contacts (delivery's master data; compacted, key: party id). */
    public static final String CONTACTS = "mdma.party.contacts";
    public static final String TIMELINESS = "mdma.timeliness";

    /** Key of per-channel records: {@code meterId:channel} ({@link ChannelKey}). */
    public static String channelKey(String meterId, int channel) {
        return ChannelKey.format(meterId, channel);
    }
}
