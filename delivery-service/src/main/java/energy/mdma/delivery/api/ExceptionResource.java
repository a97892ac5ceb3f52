package energy.mdma.delivery.api;

import energy.mdma.delivery.app.DeliveryConfig;
import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.exceptions.ExceptionFeed;
import energy.mdma.delivery.exceptions.ExceptionIds;
import energy.mdma.delivery.exceptions.ExceptionView;
import energy.mdma.delivery.exceptions.LateDataExceptions;
import energy.mdma.delivery.exceptions.OpsException;
import energy.mdma.delivery.kafka.EventLog;
import energy.mdma.events.DataType;
import energy.mdma.events.VeeException;
import energy.mdma.party.model.Party;
import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.ProblemException;
import energy.mdma.service.text.SafeText;
import energy.mdma.timeliness.Deadline;
import energy.mdma.timeliness.TimelinessService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exceptions: what needs a person (operations.md section 1). Operators only. Listed newest raised first with cursor
 * pagination like the mailboxes; one with its history; resolved by hand with a reason (written to
 * mdma.vee.exceptions, audited).
 */
@Path("/api/v1/exceptions")
@Tag(name = "operations")
public class ExceptionResource extends ApiResource {

    static final int MIN_REASON = 10;
    static final int MAX_REASON = 1000;

    @Inject
    ExceptionFeed feed;
    @Inject
    TimelinessService timeliness;
    @Inject
    DeliveryConfig config;
    @Inject
    Clock clock;

    /** A deadline of the timeliness rules the exception's data count for. */
    public record DeadlineAtStake(int k, Instant at, boolean passed) {
    }

    public record MissingRange(Instant from, Instant to, String what) {
    }

    /** One exception as the API shows it; {@code history} only in GET /exceptions/{id}. */
    public record ExceptionItem(String id, String type, String status, String udc, String esp,
                                String serviceAccount, String meterId, Integer channel, LocalDate periodStart,
                                LocalDate periodEnd, Map<String, Integer> failurePoints, List<MissingRange> missing,
                                List<DeadlineAtStake> deadlines, String message, Instant raisedAt,
                                Instant resolvedAt, String resolvedBy, String resolution,
                                List<OpsException.HistoryEntry> history) {
    }

    public record ExceptionListing(List<ExceptionItem> items, String nextCursor) {
    }

    public record ResolveRequest(String reason) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List exceptions, newest first, with cursor pagination (operators)")
    public ExceptionListing list(@Parameter(description = "open (default), resolved or all") @QueryParam("status") String status,
                                 @Parameter(description = "only those of this UDC") @QueryParam("udc") String udc,
                                 @Parameter(description = "only those of this service account") @QueryParam("account") String account,
                                 @Parameter(description = "only this type, e.g. ESTIMATION_FAILED") @QueryParam("type") String type,
                                 @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
                                 @Parameter(description = "page size, 1..max (default 100)") @QueryParam("limit") String limit) {
        access.requireOperator(AuditAction.EXCEPTION, "/exceptions");
        OpsException.Status st = parseStatus(status);
        if (udc != null && !udc.isBlank() && !Party.isValidId(udc)) {
            auditor.record(AuditAction.EXCEPTION, null, "/exceptions", AuditOutcome.INVALID, "udc");
            throw ProblemException.badRequest("udc must be a party id such as SCE (got an invalid value).");
        }
        if (type != null && !type.isBlank() && !type.matches("[A-Z0-9_]{1,64}")) {
            auditor.record(AuditAction.EXCEPTION, null, "/exceptions", AuditOutcome.INVALID, "type");
            throw ProblemException.badRequest("type must be an exception type in capitals, such as ESTIMATION_FAILED, "
                    + "EDI_REPORT_FAILED or " + LateDataExceptions.TYPE + ".");
        }
        if (account != null && account.length() > 64) {
            auditor.record(AuditAction.EXCEPTION, null, "/exceptions", AuditOutcome.INVALID, "account");
            throw ProblemException.badRequest("account must be a service account number (at most 64 characters).");
        }
        int n = pageLimit(limit, config.mailbox(), AuditAction.EXCEPTION, null, "/exceptions");
        ExceptionView.Page page = feed.view().list(new ExceptionView.Filter(st, blank(udc), blank(account), blank(type)),
                blank(cursor), n);
        auditor.record(AuditAction.EXCEPTION, blank(udc), "/exceptions", AuditOutcome.SUCCESS,
                "status=" + (st == null ? "all" : st.name().toLowerCase()) + " count=" + page.items().size());
        Instant now = clock.instant();
        return new ExceptionListing(page.items().stream().map(x -> item(x, now, false)).toList(), page.nextCursor());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One exception with its history (operators)")
    public ExceptionItem get(@PathParam("id") String id) {
        access.requireOperator(AuditAction.EXCEPTION, "/exceptions/{id}");
        OpsException x = find(id);
        auditor.record(AuditAction.EXCEPTION, x.udc(), x.id(), AuditOutcome.SUCCESS, "read");
        return item(x, clock.instant(), true);
    }

    @POST
    @Path("{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve an open exception by hand, with a reason of at least 10 characters (operators)")
    public ExceptionItem resolve(@PathParam("id") String id, ResolveRequest body) {
        access.requireOperator(AuditAction.EXCEPTION, "/exceptions/{id}/resolve");
        OpsException x = find(id);
        String reason = body == null || body.reason() == null ? "" : body.reason().strip();
        if (reason.length() < MIN_REASON || reason.length() > MAX_REASON) {
            auditor.record(AuditAction.EXCEPTION, x.udc(), x.id(), AuditOutcome.INVALID, "reason");
            throw ProblemException.badRequest("reason must say why the exception is resolved without an edit or new "
                    + "data, in " + MIN_REASON + " to " + MAX_REASON + " characters (got " + reason.length()
                    + "), e.g. {\"reason\":\"meter removed from service on 2026-03-02\"}.");
        }
        if (!x.isOpen()) {
            auditor.record(AuditAction.EXCEPTION, x.udc(), x.id(), AuditOutcome.INVALID, "already resolved");
            throw new ProblemException(new Problem("already-resolved", "Exception already resolved", 409,
                    "Exception " + x.id() + " is already resolved (at " + x.resolvedAt() + " by " + x.resolvedBy()
                            + "): nothing to do. GET /api/v1/exceptions/" + x.id() + " shows its history."));
        }
        Instant now = clock.instant();
        VeeException e = VeeException.newBuilder().setCode(x.type()).setMeterId(x.meterId()).setChannel(x.channel())
                .setServiceAccount(x.serviceAccount()).setUdcId(x.udc()).setEspId(x.esp())
                .setPeriodStart(x.periodStart()).setPeriodEnd(x.periodEnd()).setMessage(x.message())
                .setRaisedAt(x.raisedAt()).setResolved(true).setResolvedAt(now).setResolvedBy(caller.id())
                .setResolution(reason).build();
        // in the audit trail before it takes effect
        auditor.recordDurably(AuditAction.EXCEPTION, x.udc(), x.id(), AuditOutcome.SUCCESS,
                "resolved by hand: " + SafeText.cap(reason, 200));
        try {
            feed.publishAndApply(ExceptionFeed.key(x), e);
        } catch (EventLog.EventLogException ex) {
            auditor.record(AuditAction.EXCEPTION, x.udc(), x.id(), AuditOutcome.FAILURE, "not written to the log");
            throw new ProblemException(new Problem("log-unavailable", "Event log unavailable", 503,
                    "The resolution of " + x.id() + " could not be written to the event log; it is not resolved. "
                            + "Retry later; if it persists, tell the MDMA operators.")).header("Retry-After", "30");
        }
        return item(feed.view().get(x.id()).orElseThrow(), now, true);
    }

    private OpsException find(String id) {
        if (!ExceptionIds.isValid(id)) {
            auditor.record(AuditAction.EXCEPTION, null, "invalid:" + SafeText.cap(id, 16), AuditOutcome.NOT_FOUND,
                    "no such exception");
            throw notFound(id);
        }
        return feed.view().get(id).orElseThrow(() -> {
            auditor.record(AuditAction.EXCEPTION, null, id, AuditOutcome.NOT_FOUND, "no such exception");
            return notFound(id);
        });
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("There is no exception '" + SafeText.cap(id, 32) + "': take ids from "
                + "GET /api/v1/exceptions?status=all (exceptions resolved long ago may have been dropped from the view).");
    }

    ExceptionItem item(OpsException x, Instant now, boolean withHistory) {
        List<MissingRange> missing = x.missing().stream().map(m -> new MissingRange(m.from(), m.to(), m.what())).toList();
        return new ExceptionItem(x.id(), x.type(), x.status().name(), x.udc(), x.esp(), x.serviceAccount(), x.meterId(),
                x.channel(), x.periodStart(), x.periodEnd(), x.failurePoints(), missing, deadlines(x, now), x.message(),
                x.raisedAt(), x.resolvedAt(), x.resolvedBy(), x.resolution(), withHistory ? x.history() : null);
    }

    /**
     * The timeliness deadlines of the read date the exception holds up (its period end R): interval or non-interval
     * by what is missing; none when that is not known (an 867 that failed to render names no data type).
     */
    private List<DeadlineAtStake> deadlines(OpsException x, Instant now) {
        if (x.periodEnd() == null || x.missing().isEmpty()) {
            return List.of();
        }
        DataType type = "READING".equals(x.missing().get(0).what()) ? DataType.NON_INTERVAL : DataType.INTERVAL;
        List<DeadlineAtStake> out = new ArrayList<>();
        for (int k : timeliness.config().deadlines()) {
            Deadline d = timeliness.config().deadline(type, x.periodEnd(), k);
            out.add(new DeadlineAtStake(k, d.at(), d.passed(now)));
        }
        return out;
    }

    private OpsException.Status parseStatus(String status) {
        if (status == null || status.isBlank() || status.equals("open")) {
            return OpsException.Status.OPEN;
        }
        if (status.equals("resolved")) {
            return OpsException.Status.RESOLVED;
        }
        if (status.equals("all")) {
            return null;
        }
        auditor.record(AuditAction.EXCEPTION, null, "/exceptions", AuditOutcome.INVALID, "status");
        throw ProblemException.badRequest("status must be open, resolved or all (got '" + SafeText.cap(status, 16) + "').");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
