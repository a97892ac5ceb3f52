package energy.mdma.delivery.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.edits.EditRecord;
import energy.mdma.delivery.edits.EditRegistry;
import energy.mdma.delivery.edits.EditValidation;
import energy.mdma.delivery.edits.EditsFeed;
import energy.mdma.events.EditAction;
import energy.mdma.events.EditedInterval;
import energy.mdma.events.ManualEdit;
import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Manual edits (operations.md section 2), operators only: an edit of intervals or of a register reading, the list of
 * edits in force and withdrawn, and the withdrawal of an edit. Every call is audited; an edit and a withdrawal are
 * events on mdma.vee.edits that keep the earlier edited values, who, when, the reason code and comment; vee
 * evaluates the channel-period again at once and edi posts a changed result as cancellation and reissue.
 */
@Path("/api/v1/edits")
@Tag(name = "edits")
@Produces(MediaType.APPLICATION_JSON)
public class EditResource extends ApiResource {

    @Inject
    EditsFeed feed;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit intervals {\"meterId\",\"channel\",\"intervals\":[{\"end\":\"2026-03-08T03:00-07:00\","
            + "\"usage\":\"1.2345\"}],\"reasonCode\",\"comment\"} or a register reading {\"meterId\",\"channel\","
            + "\"readDate\",\"reading\",\"reasonCode\",\"comment\"} (operators only)")
    public Response create(String body) {
        access.requireOperator(AuditAction.EDIT, null);
        requireReady();
        EditValidation.Edit e;
        try {
            e = EditValidation.edit(parse(body), feed.master(), clock.instant());
        } catch (EditValidation.Refused r) {
            auditor.record(AuditAction.EDIT, null, null, r.status == 404 ? AuditOutcome.NOT_FOUND : AuditOutcome.INVALID,
                    "create refused: " + r.field);
            throw refused(r);
        }
        String id = UUID.randomUUID().toString();
        EditRecord made;
        synchronized (feed) {
            // the earlier edited values of these intervals (or of that reading), kept in the event
            List<EditedInterval> previous = new ArrayList<>();
            Long previousReading = null;
            if (e.readDate() == null) {
                Map<Long, Long> inForce = feed.edits().intervalsInForce(e.meterId(), e.channel());
                for (Instant end : e.intervals().keySet()) {
                    Long p = inForce.get(end.toEpochMilli());
                    if (p != null) {
                        previous.add(new EditedInterval(end, p));
                    }
                }
            } else {
                previousReading = feed.edits().readingInForce(e.meterId(), e.channel(), e.readDate());
            }
            List<EditedInterval> values = new ArrayList<>(e.intervals().size());
            e.intervals().forEach((end, usage) -> values.add(new EditedInterval(end, usage)));
            ManualEdit event = ManualEdit.newBuilder().setEditId(id).setMeterId(e.meterId()).setChannel(e.channel())
                    .setPeriodEnd(null).setIntervals(values).setReason(e.reasonCode() + ": " + e.comment())
                    .setEditedBy(caller.id()).setEditedAt(clock.instant()).setAction(EditAction.EDIT)
                    .setReasonCode(e.reasonCode()).setComment(e.comment()).setReadDate(e.readDate())
                    .setReading(e.reading()).setWithdrawsEditId(null).setPreviousIntervals(previous)
                    .setPreviousReading(previousReading).build();
            publish(event, "create");
            made = feed.edits().get(id).orElseThrow();
            auditor.record(AuditAction.EDIT, null, id, AuditOutcome.SUCCESS, "create " + e.meterId() + ":" + e.channel()
                    + " " + (e.readDate() == null ? values.size() + " interval(s) " + EditRegistry.formatEnd(
                    e.intervals().firstKey()) + ".." + EditRegistry.formatEnd(e.intervals().lastKey())
                    : "reading " + e.readDate() + "=" + e.reading()) + " " + e.reasonCode() + "; earlier edited: "
                    + earlier(previous, previousReading));
        }
        return Response.status(201).header("Location", "/api/v1/edits/" + id).entity(made)
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Operation(summary = "Edits in force and withdrawn, newest first, as {\"items\",\"nextCursor\"} (operators only); "
            + "from and to (local dates, inclusive) select the edits touching those days")
    public EditRegistry.Page list(@QueryParam("meterId") String meterId, @QueryParam("channel") Integer channel,
                                  @QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        access.requireOperator(AuditAction.EDIT, null);
        requireReady();
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (f != null && t != null && t.isBefore(f)) {
            auditor.record(AuditAction.EDIT, null, null, AuditOutcome.INVALID, "list: to before from");
            throw ProblemException.badRequest("to: " + t + " is before from " + f + ".");
        }
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        try {
            EditRegistry.Page page = feed.edits().list(blankToNull(meterId), channel, f, t, blankToNull(cursor), n);
            auditor.record(AuditAction.EDIT, null, null, AuditOutcome.SUCCESS, "list count=" + page.items().size());
            return page;
        } catch (EditRegistry.InvalidCursor e) {
            auditor.record(AuditAction.EDIT, null, null, AuditOutcome.INVALID, "list: cursor");
            throw ProblemException.badRequest("cursor: " + e.getMessage());
        }
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One edit (operators only)")
    public EditRecord get(@PathParam("id") String id) {
        access.requireOperator(AuditAction.EDIT, id);
        requireReady();
        EditRecord r = feed.edits().get(id).orElse(null);
        if (r == null) {
            auditor.record(AuditAction.EDIT, null, id, AuditOutcome.NOT_FOUND, "get");
            throw ProblemException.notFound("There is no edit '" + id + "': list them with GET /api/v1/edits.");
        }
        auditor.record(AuditAction.EDIT, null, id, AuditOutcome.SUCCESS, "get");
        return r;
    }

    @DELETE
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Withdraw an edit with {\"comment\"} (operators only): the data are evaluated again without it")
    public EditRecord withdraw(@PathParam("id") String id, String body) {
        access.requireOperator(AuditAction.EDIT, id);
        requireReady();
        String comment;
        try {
            comment = EditValidation.withdrawalComment(parse(body));
        } catch (EditValidation.Refused r) {
            auditor.record(AuditAction.EDIT, null, id, AuditOutcome.INVALID, "withdraw refused: " + r.field);
            throw refused(r);
        }
        synchronized (feed) {
            EditRecord r = feed.edits().get(id).orElse(null);
            if (r == null) {
                auditor.record(AuditAction.EDIT, null, id, AuditOutcome.NOT_FOUND, "withdraw");
                throw ProblemException.notFound("There is no edit '" + id + "': list them with GET /api/v1/edits.");
            }
            if (!r.inForce()) {
                auditor.record(AuditAction.EDIT, null, id, AuditOutcome.INVALID, "withdraw: already withdrawn");
                throw new ProblemException(new Problem("conflict", "Conflict", 409, "Edit " + id
                        + " was already withdrawn by " + r.withdrawnBy() + " at " + r.withdrawnAt() + "."));
            }
            List<EditedInterval> values = new ArrayList<>();
            for (EditRecord.Interval i : r.intervals()) {
                values.add(new EditedInterval(java.time.OffsetDateTime.parse(i.end()).toInstant(),
                        new java.math.BigDecimal(i.usage()).movePointRight(4).longValueExact()));
            }
            ManualEdit event = ManualEdit.newBuilder().setEditId(UUID.randomUUID().toString()).setMeterId(r.meterId())
                    .setChannel(r.channel()).setPeriodEnd(null).setIntervals(List.of())
                    .setReason("withdrawal of " + id + ": " + comment).setEditedBy(caller.id())
                    .setEditedAt(clock.instant()).setAction(EditAction.WITHDRAW).setReasonCode(r.reasonCode())
                    .setComment(comment).setReadDate(r.readDate()).setReading(null).setWithdrawsEditId(id)
                    .setPreviousIntervals(values)
                    .setPreviousReading(r.reading() == null ? null : Long.valueOf(r.reading())).build();
            publish(event, "withdraw");
            auditor.record(AuditAction.EDIT, null, id, AuditOutcome.SUCCESS, "withdraw " + r.meterId() + ":"
                    + r.channel() + "; earlier edited: " + earlier(values, event.getPreviousReading()));
            return feed.edits().get(id).orElseThrow();
        }
    }

    private void publish(ManualEdit event, String what) {
        try {
            feed.publish(event);
        } catch (RuntimeException ex) {
            auditor.record(AuditAction.EDIT, null, event.getEditId(), AuditOutcome.FAILURE, what + ": log unavailable");
            throw new ProblemException(new Problem("unavailable", "Service unavailable", 503,
                    "The edit could not be written to the event log, so nothing was applied: try again in a minute."))
                    .header("Retry-After", "60");
        }
    }

    private void requireReady() {
        if (!feed.ready() && !feed.sync(Duration.ofSeconds(5))) {
            throw new ProblemException(new Problem("unavailable", "Service unavailable", 503,
                    "The service is still reading meters, channels and edits from the event log: try again shortly."))
                    .header("Retry-After", "10");
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new EditValidationBody();
        }
    }

    /** A body that is not JSON: refused like any other wrong field. */
    private static final class EditValidationBody extends ProblemException {
        EditValidationBody() {
            super(new Problem("bad-request", "Bad request", 400, "body: not valid JSON").with("field", "body"));
        }
    }

    private static ProblemException refused(EditValidation.Refused r) {
        return r.status == 404
                ? new ProblemException(new Problem("not-found", "Not found", 404, r.getMessage()).with("field", r.field))
                : new ProblemException(new Problem("bad-request", "Bad request", 400, r.getMessage())
                        .with("field", r.field));
    }

    private static String earlier(List<EditedInterval> previous, Long reading) {
        if (reading != null) {
            return "reading " + reading;
        }
        if (previous.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < previous.size() && i < 5; i++) {
            EditedInterval p = previous.get(i);
            b.append(i == 0 ? "" : ", ").append(EditRegistry.formatEnd(p.getIntervalEnd())).append('=')
                    .append(EditRegistry.formatUsage(p.getUsage()));
        }
        return previous.size() > 5 ? b + " and " + (previous.size() - 5) + " more" : b.toString();
    }

    private LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            auditor.record(AuditAction.EDIT, null, null, AuditOutcome.INVALID, "list: " + field);
            throw ProblemException.badRequest(field + ": '" + value + "' is not a date: send YYYY-MM-DD.");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
