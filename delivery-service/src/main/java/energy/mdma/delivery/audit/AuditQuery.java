package energy.mdma.delivery.audit;

import java.time.Instant;
import java.util.List;

/** Reads the audit trail (GET /api/v1/audit). */
public interface AuditQuery {

    /**
     * @param filter every non-null field must match
     * @return newest first, at most {@code filter.limit()}
     */
    List<AuditEvent> query(Filter filter);

    record Filter(String party, String actor, AuditAction action, Instant from, Instant to, int limit) {
    }
}
