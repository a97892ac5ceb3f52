package energy.mdma.delivery;

import energy.mdma.party.model.LockoutEvent;
import energy.mdma.party.model.LockoutSink;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** Where failed logins are recorded, with a switch that makes the record fail (the log unreachable). */
@Alternative
@Singleton
public class SwitchableLockoutSink implements LockoutSink {

    public volatile boolean down;

    @Override
    public void publish(LockoutEvent event) {
        if (down) {
            throw new IllegalStateException("the event log is unreachable (test)");
        }
    }
}
