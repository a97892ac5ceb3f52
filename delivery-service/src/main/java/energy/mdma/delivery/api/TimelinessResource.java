package energy.mdma.delivery.api;

import energy.mdma.service.problem.ProblemException;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.timeliness.CohortView;
import energy.mdma.timeliness.TimelinessService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The timeliness figures of a UDC's cohorts (timeliness.md), for the UDC itself and the operators. */
@Path("/api/v1/timeliness")
@Tag(name = "timeliness")
@Produces(MediaType.APPLICATION_JSON)
public class TimelinessResource extends ApiResource {

    /** Read dates shown when {@code from} is not given: the last 30 up to {@code to}. */
    static final int DEFAULT_DAYS = 30;

    @Inject
    TimelinessService timeliness;

    @GET
    @Operation(summary = "The UDC's timeliness cohorts (per data type and read date, UDC-wide and per ESP) with read "
            + "dates from..to (YYYY-MM-DD, inclusive; default: the 30 read dates up to today): obligations, met, "
            + "percent, target and status per deadline k (1, 2, 5), and the late meters. The UDC itself and operators.")
    public List<CohortView> cohorts(@QueryParam("udc") String udc, @QueryParam("from") String from,
                                    @QueryParam("to") String to) {
        if (udc == null || udc.isBlank()) {
            throw ProblemException.badRequest("Give the UDC as ?udc=, e.g. ?udc=SCE&from=2026-03-01&to=2026-03-31.");
        }
        String resource = "/api/v1/timeliness?udc=" + udc;
        access.requireUdcOrOperator(udc, AuditAction.TIMELINESS, resource);
        LocalDate t = to == null ? LocalDate.now(timeliness.clock().withZone(timeliness.config().zone()))
                : date("to", to);
        LocalDate f = from == null ? t.minusDays(DEFAULT_DAYS - 1L) : date("from", from);
        if (f.isAfter(t)) {
            throw ProblemException.badRequest("from (" + f + ") is after to (" + t + ").");
        }
        List<CohortView> cohorts = timeliness.cohorts(udc, f, t);
        auditor.record(AuditAction.TIMELINESS, udc, resource, AuditOutcome.SUCCESS, "cohorts=" + cohorts.size());
        return cohorts;
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be a date as YYYY-MM-DD, e.g. 2026-03-01.");
        }
    }
}
