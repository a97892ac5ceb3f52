package energy.mdma.delivery.api;

import energy.mdma.delivery.audit.StoredAuditLog;
import energy.mdma.service.problem.ProblemException;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEntry;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.AuditQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** The audit trail (operators). */
@Path("/api/v1/audit")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource extends ApiResource {

    /** One page, newest first; {@code nextCursor} (or null at the end) asks for the next one. */
    public record AuditList(List<AuditEntry> items, String nextCursor) {
    }

    /** Events per page when the request says nothing, and at most. */
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;

    @Inject
    AuditQuery audit;

    @GET
    @Operation(summary = "Audit events, newest first, filtered by party, actor, action and time range [from, to); "
            + "paginated: at most limit (1..1000, default 200) per page, nextCursor asks for the next page (a page may "
            + "hold fewer events than the limit, even none, and still have a next one: follow nextCursor until null)")
    public AuditList query(@QueryParam("party") String party, @QueryParam("actor") String actor,
                           @QueryParam("action") String action, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("limit") Integer limit,
                           @QueryParam("cursor") String cursor) {
        access.requireOperator(AuditAction.AUDIT_QUERY, null);
        AuditAction a = null;
        if (action != null && !action.isBlank()) {
            try {
                a = AuditAction.valueOf(action.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("action must be one of " + java.util.Arrays.toString(AuditAction.values()) + ".");
            }
        }
        Instant f = instant(from, "from");
        Instant t = instant(to, "to");
        int n = limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(limit, MAX_LIMIT));
        AuditQuery.Page page;
        try {
            page = audit.page(new AuditQuery.Filter(blankToNull(party), blankToNull(actor), a, f, t, n),
                    blankToNull(cursor));
        } catch (StoredAuditLog.InvalidAuditCursorException e) {
            throw ProblemException.badRequest("cursor is not one this server returned; ask again without it.");
        }
        auditor.record(AuditAction.AUDIT_QUERY, party, null, AuditOutcome.SUCCESS, "count=" + page.items().size());
        return new AuditList(page.items(), page.nextCursor());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Instant instant(String s, String name) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant such as 2026-03-01T00:00:00Z.");
        }
    }
}
