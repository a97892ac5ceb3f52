package energy.mdma.delivery.audit;

import energy.mdma.delivery.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.UUID;

/** Records audit events for the current caller. */
@ApplicationScoped
public class Auditor {

    @Inject
    AuditSink sink;
    @Inject
    Caller caller;
    @Inject
    Clock clock;

    public void record(AuditAction action, String party, String resource, AuditOutcome outcome, String detail) {
        sink.record(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), caller.id(), caller.role(), action,
                party, resource, caller.source(), outcome, detail));
    }

    /** For events before a caller is known (login attempts). */
    public void recordLogin(String user, String role, String source, AuditOutcome outcome, String detail, String path) {
        sink.record(new AuditEvent(UUID.randomUUID().toString(), clock.instant(), user, role, AuditAction.LOGIN,
                null, path, source, outcome, detail));
    }
}
