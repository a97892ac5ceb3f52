package energy.mdma.delivery;

import energy.mdma.delivery.audit.AuditEntry;
import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.delivery.app.DeliveryBeans;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** The service's audit trail, with a switch that makes the durable writes fail (the log unreachable). */
@Alternative
@Singleton
public class SwitchableAuditSink implements AuditSink {

    @Inject
    DeliveryBeans.AuditTrail trail;
    public volatile boolean durableDown;

    @Override
    public void record(AuditEntry event) {
        trail.sink().record(event);
    }

    @Override
    public void recordDurably(AuditEntry event) {
        if (durableDown) {
            throw new AuditUnavailableException("the event log is unreachable (test)", null);
        }
        trail.sink().recordDurably(event);
    }
}
