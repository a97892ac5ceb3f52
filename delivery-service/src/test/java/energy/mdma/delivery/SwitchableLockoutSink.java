package energy.mdma.delivery;

import energy.mdma.party.model.LockoutEvent;
import energy.mdma.party.model.LockoutSink;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import energy.mdma.party.model.PartyEventSink;

/**
 * Where failed logins are recorded (the service's own sink, mdma.credentials), with a switch that makes the record fail
 * (the log unreachable).
 */
@Alternative
@Singleton
public class SwitchableLockoutSink implements LockoutSink {

    @Inject
    PartyEventSink parties;
    public volatile boolean down;

    @Override
    public void publish(LockoutEvent event) {
        if (down) {
            throw new IllegalStateException("the event log is unreachable (test)");
        }
        if (parties instanceof LockoutSink log) {
            log.publish(event);
        }
    }
}
