package energy.mdma.party.model;

/**
 * Where changes made by this process go (e.g. a Kafka producer to mdma.parties / mdma.credentials).
 * A publish that throws aborts the change: the directory is not updated.
 */
public interface PartyEventSink {

    void publish(PartyEvent event);

    void publish(CredentialEvent event);

    /** A sink that drops everything (single process, in-memory). */
    PartyEventSink NONE = new PartyEventSink() {
        @Override
        public void publish(PartyEvent event) {
        }

        @Override
        public void publish(CredentialEvent event) {
        }
    };
}
