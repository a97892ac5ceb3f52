package energy.mdma.delivery.audit;

import java.time.Instant;
import java.util.List;

/** Reads the audit trail (GET /api/v1/audit). */
public interface AuditQuery {

    /**
     * @param filter every non-null field must match
     * @return newest first, at most {@code filter.limit()}
     */
    List<AuditEntry> query(Filter filter);

    /**
     * One page of the trail, newest first: at most {@code filter.limit()} events from {@code cursor} (the previous
     * page's {@link Page#nextCursor()}, or null for the first page).
     */
    default Page page(Filter filter, String cursor) {
        return new Page(query(filter), null);
    }

    /** @param nextCursor where the next page starts, or null when there is none */
    record Page(List<AuditEntry> items, String nextCursor) {
    }

    record Filter(String party, String actor, AuditAction action, Instant from, Instant to, int limit) {
    }
}
