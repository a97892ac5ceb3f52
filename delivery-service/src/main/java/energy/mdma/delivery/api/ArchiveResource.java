package energy.mdma.delivery.api;

import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.ProblemException;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.mailbox.ArchiveProvider;
import energy.mdma.events.Sha256;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The archive: current data of an account over a date range, as an 867. */
@Path("/api/v1/archive/{party}")
@Tag(name = "archive")
public class ArchiveResource extends ApiResource {

    @Inject
    ArchiveProvider archive;

    @GET
    @Path("usage")
    @Operation(summary = "The current data of one service account over a date range, as an X12 867")
    public Response usage(@PathParam("party") String party, @QueryParam("account") String account,
                          @QueryParam("from") String from, @QueryParam("to") String to) {
        String resource = "account=" + account + " from=" + from + " to=" + to;
        access.requireMailbox(party, AuditAction.ARCHIVE, resource);
        if (account == null || account.isBlank() || from == null || to == null) {
            auditor.record(AuditAction.ARCHIVE, party, resource, AuditOutcome.INVALID, "missing parameter");
            throw ProblemException.badRequest("Give account, from and to, e.g. ?account=1234567890&from=2026-01-01&to=2026-01-31.");
        }
        LocalDate f;
        LocalDate t;
        try {
            f = LocalDate.parse(from);
            t = LocalDate.parse(to);
        } catch (DateTimeParseException e) {
            auditor.record(AuditAction.ARCHIVE, party, resource, AuditOutcome.INVALID, "dates");
            throw ProblemException.badRequest("from and to must be dates as YYYY-MM-DD.");
        }
        if (t.isBefore(f)) {
            auditor.record(AuditAction.ARCHIVE, party, resource, AuditOutcome.INVALID, "range");
            throw ProblemException.badRequest("to (" + t + ") is before from (" + f + ").");
        }
        Optional<ArchiveProvider.ArchiveDocument> doc;
        try {
            doc = archive.usage(party, account, f, t);
        } catch (ArchiveProvider.ArchiveUnavailableException e) {
            auditor.record(AuditAction.ARCHIVE, party, resource, AuditOutcome.FAILURE, "unavailable");
            throw new ProblemException(new Problem("archive-unavailable", "Archive not available", 501,
                    e.getMessage() + " Meanwhile, the files posted to your mailbox remain listable with status=all."));
        }
        if (doc.isEmpty()) {
            auditor.record(AuditAction.ARCHIVE, party, resource, AuditOutcome.NOT_FOUND, "no data");
            throw ProblemException.notFound("The archive holds no data of account " + account + " for " + party
                    + " between " + f + " and " + t + ": check the account number and the dates.");
        }
        auditor.recordDurably(AuditAction.ARCHIVE, party, resource, AuditOutcome.SUCCESS, doc.get().name());
        return MailboxResource.fileResponse(doc.get().name(), "application/edi-x12", Sha256.hex(doc.get().x12()),
                doc.get().x12()).build();
    }
}
