package energy.mdma.delivery.api;

import energy.mdma.delivery.outage.OutageService;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.ProblemException;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.notice.NoticeStore;
import energy.mdma.delivery.notice.PostedNotice;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Outage and timeliness notices: every party reads them, operators post them. */
@Path("/api/v1/notices")
@Tag(name = "notices")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeResource extends ApiResource {

    /**
     * @param party the party it is addressed to; absent: every party
     * @param type  an outage notice with its rules (operations.md section 3): SCHEDULED_OUTAGE, UNSCHEDULED_OUTAGE or
     *              OUTAGE_ENDED; then only from, to and text are read
     */
    public record NewNotice(String kind, String title, String text, Instant from, Instant to, String party, String type) {
    }

    public record NoticeList(List<PostedNotice> items) {
    }

    @Inject
    NoticeStore notices;
    @Inject
    PartyDirectory directory;
    @Inject
    OutageService outages;

    @GET
    @Operation(summary = "Notices, newest first: those to every party and those to the caller (operators: all)")
    public NoticeList list(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        List<PostedNotice> items = caller.isOperator() ? notices.list(n) : notices.listFor(caller.id(), n);
        auditor.record(AuditAction.NOTICE_LIST, null, null, AuditOutcome.SUCCESS, "count=" + items.size());
        return new NoticeList(items);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a notice (operators only). JSON {\"kind\": \"OUTAGE|TIMELINESS|INFO\", \"title\", \"text\", \"from\", \"to\", \"party\" (optional: one party)}, "
            + "or an outage notice {\"type\": \"SCHEDULED_OUTAGE|UNSCHEDULED_OUTAGE|OUTAGE_ENDED\", \"from\", \"to\", \"text\"} "
            + "(scheduled: at least 24 h ahead, within 02:00-05:00 America/Los_Angeles, the month's scheduled downtime under 8 h, else 422). "
            + "Every notice is mailed to the contacts of the parties it is addressed to.")
    public Response post(NewNotice body) {
        access.requireOperator(AuditAction.NOTICE_POST, null);
        if (body != null && body.type() != null) {
            return postOutage(body);
        }
        if (body == null || body.title() == null || body.title().isBlank() || body.text() == null) {
            auditor.record(AuditAction.NOTICE_POST, null, null, AuditOutcome.INVALID, "missing title/text");
            throw ProblemException.badRequest("Send JSON with kind (OUTAGE, TIMELINESS or INFO), title and text; from and to are optional instants.");
        }
        PostedNotice.Kind kind;
        try {
            kind = body.kind() == null ? PostedNotice.Kind.INFO
                    : PostedNotice.Kind.valueOf(body.kind().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            auditor.record(AuditAction.NOTICE_POST, null, null, AuditOutcome.INVALID, "kind");
            throw ProblemException.badRequest("kind must be OUTAGE, TIMELINESS or INFO.");
        }
        if (body.title().length() > 200 || body.text().length() > 10_000) {
            throw ProblemException.badRequest("title is limited to 200 characters and text to 10000.");
        }
        String party = body.party() == null || body.party().isBlank() ? null : body.party().trim();
        if (party != null && directory.party(party).isEmpty()) {
            auditor.record(AuditAction.NOTICE_POST, party, null, AuditOutcome.INVALID, "unknown party");
            throw ProblemException.badRequest("party '" + party + "' is not known; leave party out to address every party.");
        }
        PostedNotice n = notices.post(kind, body.title(), body.text(), body.from(), body.to(), caller.id(), party);
        auditor.record(AuditAction.NOTICE_POST, null, n.id(), AuditOutcome.SUCCESS, kind.name());
        return Response.status(201).entity(n).type(MediaType.APPLICATION_JSON).build();
    }

    /** SCHEDULED_OUTAGE (window rules: 422 saying why), UNSCHEDULED_OUTAGE, OUTAGE_ENDED; mailed to every party. */
    private Response postOutage(NewNotice body) {
        OutageService.Type type;
        try {
            type = OutageService.Type.valueOf(body.type().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            auditor.record(AuditAction.NOTICE_POST, null, null, AuditOutcome.INVALID, "type");
            throw ProblemException.badRequest("type must be SCHEDULED_OUTAGE, UNSCHEDULED_OUTAGE or OUTAGE_ENDED "
                    + "(or leave it out and send kind, title and text for another notice).");
        }
        if (body.text() != null && body.text().length() > 10_000) {
            throw ProblemException.badRequest("text is limited to 10000 characters.");
        }
        PostedNotice n;
        try {
            n = outages.post(type, body.from(), body.to(), body.text(), caller.id());
        } catch (OutageService.Refused e) {
            auditor.record(AuditAction.NOTICE_POST, null, null, AuditOutcome.INVALID, type + " refused");
            if (e.status() == 400) {
                throw ProblemException.badRequest(e.getMessage());
            }
            throw new ProblemException(new Problem("outage-refused",
                    "Outage notice refused", 422, e.getMessage() + " Nothing was posted."));
        }
        auditor.record(AuditAction.NOTICE_POST, null, n.id(), AuditOutcome.SUCCESS, type.name());
        return Response.status(201).entity(n).type(MediaType.APPLICATION_JSON).build();
    }
}
