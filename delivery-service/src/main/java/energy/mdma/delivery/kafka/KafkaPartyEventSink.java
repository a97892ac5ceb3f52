package energy.mdma.delivery.kafka;

import energy.mdma.events.kafka.Topics;
import energy.mdma.party.kafka.PartyAvro;
import energy.mdma.party.model.CertificateEvent;
import energy.mdma.party.model.CredentialUpdate;
import energy.mdma.party.model.LockoutEvent;
import energy.mdma.party.model.LockoutSink;
import energy.mdma.party.model.PartyEventSink;
import energy.mdma.party.model.PartyUpdate;

/**
 * Party and credential changes made here go to mdma.parties / mdma.credentials before they are applied; so do the
 * lockout states of failed logins (key {principal}/lockout, waited for: a failure that cannot be written refuses the
 * party's logins until it is).
 */
public class KafkaPartyEventSink implements PartyEventSink, LockoutSink {

    private final EventLog log;

    public KafkaPartyEventSink(EventLog log) {
        this.log = log;
    }

    @Override
    public void publish(PartyUpdate event) {
        log.send(Topics.PARTIES, event.partyId(), PartyAvro.toAvro(event));
    }

    @Override
    public void publish(CredentialUpdate event) {
        log.send(Topics.CREDENTIALS, event.principal(), PartyAvro.toAvro(event));
    }

    @Override
    public void publish(LockoutEvent event) {
        log.send(Topics.CREDENTIALS, PartyAvro.lockoutKey(event.principal()), PartyAvro.toAvro(event));
    }

    /** Keyed {principal}/certificate/{fingerprint}: never compacts away the principal's password record. */
    @Override
    public void publish(CertificateEvent event) {
        log.send(Topics.CREDENTIALS, PartyAvro.certificateKey(event.principal(), event.fingerprint()),
                PartyAvro.toAvro(event));
    }
}
