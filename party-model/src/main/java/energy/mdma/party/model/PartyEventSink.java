package energy.mdma.party.model;

/**
 * Where changes made by this process go (e.g. a Kafka producer to mdma.parties / mdma.credentials).
 * A publish that throws aborts the change: the directory is not updated.
 */
public interface PartyEventSink {

    void publish(PartyUpdate event);

    void publish(CredentialUpdate event);

    /** A client certificate registered or removed (fingerprint only). Sinks that cannot carry it refuse it. */
    default void publish(CertificateEvent event) {
        throw new UnsupportedOperationException("this sink does not publish client certificates");
    }

    /** A sink that drops everything (single process, in-memory). */
    PartyEventSink NONE = new PartyEventSink() {
        @Override
        public void publish(PartyUpdate event) {
        }

        @Override
        public void publish(CredentialUpdate event) {
        }

        @Override
        public void publish(CertificateEvent event) {
        }
    };
}
