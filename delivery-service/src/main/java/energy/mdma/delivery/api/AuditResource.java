package energy.mdma.delivery.api;

import energy.mdma.service.problem.ProblemException;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEvent;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.AuditQuery;
import energy.mdma.delivery.audit.Auditor;
import energy.mdma.delivery.security.Access;
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
public class AuditResource {

    public record AuditList(List<AuditEvent> items) {
    }

    @Inject
    AuditQuery audit;
    @Inject
    Access access;
    @Inject
    Auditor auditor;

    @GET
    @Operation(summary = "Audit events, newest first, filtered by party, actor, action and time range [from, to)")
    public AuditList query(@QueryParam("party") String party, @QueryParam("actor") String actor,
                           @QueryParam("action") String action, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("limit") Integer limit) {
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
        int n = limit == null ? 1000 : Math.max(1, Math.min(limit, 10_000));
        List<AuditEvent> items = audit.query(new AuditQuery.Filter(blankToNull(party), blankToNull(actor), a, f, t, n));
        auditor.record(AuditAction.AUDIT_QUERY, party, null, AuditOutcome.SUCCESS, "count=" + items.size());
        return new AuditList(items);
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
