package energy.mdma.delivery.api;

import energy.mdma.events.PrevailingTime;

import energy.mdma.delivery.archive.ArchiveIndex;
import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.export.ContingencyExport;
import energy.mdma.delivery.export.PostedCatalog;
import energy.mdma.delivery.mailbox.ArchiveProvider;
import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.events.Sha256;
import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The contingency export (operations.md section 4), for operators: a party's files from the archive as a zip with
 * MANIFEST.csv and its checksum. {@code ./mdma export --party P --from D --to D OUT} calls it and unpacks the zip.
 */
@Path("/api/v1/export/{party}")
@Tag(name = "archive")
public class ExportResource extends ApiResource {

    private static final Logger LOG = Logger.getLogger(ExportResource.class);
    /** Dates of the export are local dates of the utility. */
    static final ZoneId ZONE = PrevailingTime.ZONE;
    static final long MAX_DAYS = 1200;

    @Inject
    PostedCatalog catalog;
    @Inject
    ArchiveIndex index;
    @Inject
    ArchiveProvider archive;
    @Inject
    FileContentStore content;
    @Inject
    Clock clock;

    @GET
    @Produces({"application/zip", "application/problem+json"})
    @Operation(summary = "Contingency export (operators): every file posted to the party between two local dates "
            + "(from and to inclusive, by=posted, the default), or the archive's current data of each of its accounts "
            + "for a range of read dates (by=read-date), as a zip with MANIFEST.csv (name, kind, size, sha256, postedAt) "
            + "and MANIFEST.csv.sha256. Read from the archive, never the live mailboxes.")
    public Response export(@PathParam("party") String party, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("by") String by) {
        String resource = "from=" + from + " to=" + to + " by=" + by;
        access.requireOperator(AuditAction.EXPORT, resource);
        access.requireMailbox(party, AuditAction.EXPORT, resource);
        LocalDate f;
        LocalDate t;
        try {
            f = LocalDate.parse(from == null ? "" : from);
            t = LocalDate.parse(to == null ? "" : to);
        } catch (DateTimeParseException e) {
            auditor.record(AuditAction.EXPORT, party, resource, AuditOutcome.INVALID, "dates");
            throw ProblemException.badRequest("Give from and to as dates YYYY-MM-DD (local dates, both included), e.g. "
                    + "?from=2026-11-01&to=2026-11-30.");
        }
        if (t.isBefore(f) || f.plusDays(MAX_DAYS).isBefore(t)) {
            auditor.record(AuditAction.EXPORT, party, resource, AuditOutcome.INVALID, "range");
            throw ProblemException.badRequest("to (" + t + ") must be on or after from (" + f + ") and at most "
                    + MAX_DAYS + " days later.");
        }
        String mode = by == null ? "posted" : by.strip().toLowerCase(Locale.ROOT);
        List<ContingencyExport.File> files;
        try {
            files = switch (mode) {
                case "posted" -> ContingencyExport.files(catalog.posted(party, f.atStartOfDay(ZONE).toInstant(),
                        t.plusDays(1).atStartOfDay(ZONE).toInstant()), content);
                case "read-date" -> currentData(party, f, t);
                default -> {
                    auditor.record(AuditAction.EXPORT, party, resource, AuditOutcome.INVALID, "by");
                    throw ProblemException.badRequest("by must be posted (files posted in the date range) or read-date "
                            + "(the archive's current data of every account for that range of read dates).");
                }
            };
        } catch (ContingencyExport.Unavailable | ArchiveProvider.ArchiveUnavailableException e) {
            auditor.record(AuditAction.EXPORT, party, resource, AuditOutcome.FAILURE, "bytes unavailable");
            throw new ProblemException(new Problem("export-unavailable", "Export not possible", 503, e.getMessage()));
        }
        auditor.recordDurably(AuditAction.EXPORT, party, resource, AuditOutcome.SUCCESS, files.size() + " file(s)");
        String name = "MDMA_EXPORT_" + party + "_" + f + "_" + t + ".zip";
        StreamingOutput body = out -> {
            ContingencyExport.Written w = ContingencyExport.write(files, out);
            LOG.infof("export of %s (%s to %s, by %s): %d file(s), %d bytes, manifest sha256 %s", party, f, t, mode,
                    w.files(), w.bytes(), w.manifestSha256());
        };
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-MDMA-Export-Files", files.size())
                .build();
    }

    /** The archive's current data of each account of the party for the read dates (one 867 per account). */
    private List<ContingencyExport.File> currentData(String party, LocalDate from, LocalDate to) {
        List<ContingencyExport.File> out = new ArrayList<>();
        Instant now = clock.instant();
        for (String account : index.accounts(party)) {
            Optional<ArchiveProvider.ArchiveDocument> doc = archive.usage(party, account, from, to);
            if (doc.isPresent()) {
                byte[] x12 = doc.get().x12();
                out.add(new ContingencyExport.File(doc.get().name(), "EDI_867", x12.length, Sha256.hex(x12), now, () -> x12));
            }
        }
        return out;
    }
}
