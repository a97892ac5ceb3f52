package energy.mdma.party.model;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps every event published to it, in order (what the owner would have written to the log). */
public class RecordingPartyEventSink implements PartyEventSink {

    public final List<Object> published = new ArrayList<>();

    @Override
    public void publish(PartyUpdate event) { published.add(event); }

    @Override
    public void publish(CredentialUpdate event) { published.add(event); }

    @Override
    public void publish(CertificateEvent event) { published.add(event); }

    /** The events of one kind published so far, in order. */
    public <T> List<T> published(Class<T> kind) {
        return published.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
