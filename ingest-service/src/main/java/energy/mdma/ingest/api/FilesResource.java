package energy.mdma.ingest.api;

import energy.mdma.events.AuditEvent;
import energy.mdma.service.auth.Caller;
import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.ProblemException;
import energy.mdma.service.text.SafeText;

import energy.mdma.ingest.files.FileReport;
import energy.mdma.ingest.files.FileStore;
import energy.mdma.ingest.files.IngestService;
import energy.mdma.ingest.kafka.IngestLog;
import energy.mdma.ingest.parse.FileLayout;
import energy.mdma.party.auth.PartyPrincipal;
import energy.mdma.party.model.Role;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

/**
 * The ingest API (input-formats.md section 4). Operators may post every kind; head-end parties intervals, registers
 * and cmep. The body is streamed to disk, never held in memory.
 */
@Path("/api/v1/files")
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {
    private static final Set<FileLayout> HEADEND_KINDS = Set.of(FileLayout.INTERVALS, FileLayout.REGISTERS, FileLayout.CMEP);

    @Inject
    IngestService service;
    @Inject
    Caller caller;
    @Inject
    MeterRegistry metrics;
    @Inject
    IngestLog log;

    private void audit(String action, String target, String outcome, String detail) {
        log.audit(event(action, target, outcome, detail));
    }

    private AuditEvent event(String action, String target, String outcome, String detail) {
        return log.event(caller.id(), caller.role(), action, null, target, caller.source(), outcome, detail);
    }

    @POST
    @Path("/{kind}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send one file", description = "kind: parties, meters, channels, schedule, intervals,"
            + " registers or cmep. Answers the ingest report; a file rejected whole gets 400 (problem detail);"
            + " the same bytes again get the earlier report with duplicate true.")
    public Response post(@PathParam("kind") String kindName, @QueryParam("name") String name,
            @RequestBody(description = "the file as it is") InputStream body) throws IOException, InterruptedException {
        FileLayout kind = kind(kindName);
        PartyPrincipal me = caller.principal();
        boolean allowed = me.role() == Role.OPERATOR || (me.role() == Role.HEADEND && HEADEND_KINDS.contains(kind));
        if (!allowed) {
            audit("UPLOAD", null, "DENIED", "kind=" + kind.apiName() + " not allowed for " + me.role());
            throw ProblemException.forbidden("You are authenticated as " + me.getName() + " (" + me.role()
                    + "), which may not send " + kind.apiName() + " files: operators send every kind, head-end"
                    + " systems intervals, registers and cmep.");
        }
        if (name == null || name.isBlank() || name.length() > 255 || name.chars().anyMatch(Character::isISOControl)) {
            audit("UPLOAD", null, "INVALID", "kind=" + kind.apiName() + " no valid ?name=");
            throw ProblemException.badRequest("Give the file's name as ?name= (1 to 255 characters, no control"
                    + " characters), e.g. POST /api/v1/files/" + kind.apiName() + "?name=" + kind.apiName()
                    + (kind.isCsv() ? ".csv" : ".txt"));
        }
        FileReport report = service.ingest(kind, name, me.getName(), body);
        audit("UPLOAD", report.fileId(), report.rejectedWhole() ? "INVALID" : "SUCCESS", "kind=" + kind.apiName()
                + " name=" + name + " status=" + report.status() + (report.duplicate() ? " duplicate" : "")
                + " rowsAccepted=" + report.rowsAccepted() + " rowsRejected=" + report.rowsRejected());
        metrics.counter("mdma.ingest.files", "kind", kind.apiName(), "status", report.status(), "duplicate",
                Boolean.toString(report.duplicate())).increment();
        if (!report.duplicate()) {
            metrics.counter("mdma.ingest.rows", "kind", kind.apiName(), "outcome", "accepted")
                    .increment(report.rowsAccepted());
            metrics.counter("mdma.ingest.rows", "kind", kind.apiName(), "outcome", "rejected")
                    .increment(report.rowsRejected());
        }
        if (report.rejectedWhole()) {
            throw new ProblemException(rejected(report));
        }
        return Response.ok(report).header("Location", "/api/v1/files/" + report.fileId())
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The report of a file", description = "While a large file runs: status PROCESSING and the"
            + " rows read so far. The file id is f + the first 24 hex digits of the file's SHA-256.")
    public Response get(@PathParam("id") String id) throws IOException {
        FileReport report = visible(id);
        return Response.ok(report).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The file's bytes as they arrived (operators)")
    public Response content(@PathParam("id") String id) throws IOException {
        String target = FileStore.isFileId(id) ? id : "invalid:" + SafeText.cap(id, 16);
        if (caller.principal().role() != Role.OPERATOR) {
            audit("DOWNLOAD", target, "DENIED", "raw file: operators only");
            throw ProblemException.forbidden("Only MDMA operators may fetch the content of received files.");
        }
        FileReport report = visible(id);
        java.nio.file.Path raw = service.content(id).orElseThrow(() -> ProblemException.notFound(
                "The bytes of file " + id + " are not kept here."));
        // the bytes leave only once their download is in the audit trail
        log.auditDurably(event("DOWNLOAD", target, "SUCCESS", "raw file " + report.name()));
        String safeName = report.name().replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(raw.toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + safeName + "\"")
                .header("X-Checksum-SHA256", report.sha256()).header("Cache-Control", "no-store").build();
    }

    /** The report, if the caller may see it: operators every file, others their own. */
    private FileReport visible(String id) throws IOException {
        FileReport report = FileStore.isFileId(id) ? service.report(id).orElse(null) : null;
        PartyPrincipal me = caller.principal();
        if (report == null || (me.role() != Role.OPERATOR && !me.getName().equals(report.submittedBy()))) {
            throw ProblemException.notFound("There is no file " + (FileStore.isFileId(id) ? id : "with that id")
                    + " that you may see.");
        }
        return report;
    }

    private static FileLayout kind(String name) {
        try {
            return FileLayout.fromName(name.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Unknown file kind '" + name.replaceAll("[^A-Za-z0-9_-]", "?")
                    + "': use parties, meters, channels, schedule, intervals, registers or cmep.");
        }
    }

    private static Problem rejected(FileReport r) {
        return new Problem("file-rejected", "File rejected", 400, r.problem())
                .with("fileId", r.fileId()).with("name", r.name()).with("kind", r.kind()).with("sha256", r.sha256())
                .with("line", r.problemLine()).with("duplicate", r.duplicate()).with("report", r);
    }
}
