package energy.mdma.delivery.api;

import energy.mdma.events.Sha256;
import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.ProblemException;

import energy.mdma.delivery.app.DeliveryConfig;
import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.delivery.mailbox.MailboxPage;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.delivery.mailbox.StatusFilter;
import energy.mdma.delivery.mailbox.SummaryFilter;
import energy.mdma.delivery.mailbox.SummaryProvider;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The mailbox API: list, download, acknowledge, summary. */
@Path("/api/v1/mailboxes/{party}")
@Tag(name = "mailbox")
public class MailboxResource extends ApiResource {

    @Inject
    MailboxStore store;
    @Inject
    FileContentStore content;
    @Inject
    SummaryProvider summaries;
    @Inject
    DeliveryConfig config;

    @GET
    @Path("files")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List the files of a mailbox, oldest first, with cursor pagination")
    public FileListing list(@PathParam("party") String party,
                            @Parameter(description = "new (default), retrieved or all") @QueryParam("status") String status,
                            @Parameter(description = "only files posted at or after this instant (ISO-8601) or date (UTC)") @QueryParam("since") String since,
                            @Parameter(description = "page size, 1..max (default 100)") @QueryParam("limit") String limit,
                            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        access.requireMailbox(party, AuditAction.LIST, null);
        StatusFilter filter;
        try {
            filter = StatusFilter.parse(status);
        } catch (IllegalArgumentException e) {
            auditor.record(AuditAction.LIST, party, null, AuditOutcome.INVALID, "status");
            throw ProblemException.badRequest("status must be new, retrieved or all (got '" + status + "').");
        }
        Instant from = parseSince(since, party);
        int n = pageLimit(limit, config.mailbox(), AuditAction.LIST, party, null);
        MailboxPage page = store.list(party, filter, from, n, cursor == null || cursor.isBlank() ? null : cursor);
        auditor.record(AuditAction.LIST, party, null, AuditOutcome.SUCCESS,
                "status=" + filter.name().toLowerCase() + " count=" + page.items().size());
        List<FileItem> items = page.items().stream().map(FileItem::of).toList();
        return new FileListing(items, page.nextCursor());
    }

    @GET
    @Path("files/{id}")
    @Operation(summary = "Download a file (bytes, with its name, ETag and SHA-256)")
    public Response download(@PathParam("party") String party, @PathParam("id") String id,
                             @HeaderParam("If-None-Match") String ifNoneMatch) {
        access.requireMailbox(party, AuditAction.DOWNLOAD, id);
        MailboxFile f = find(party, id, AuditAction.DOWNLOAD);
        String etag = "\"" + f.sha256() + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            auditor.record(AuditAction.DOWNLOAD, party, id, AuditOutcome.SUCCESS, "not modified");
            return Response.notModified().header("ETag", etag).build();
        }
        if (!content.contains(f.sha256())) {
            auditor.record(AuditAction.DOWNLOAD, party, id, AuditOutcome.FAILURE, "content missing");
            throw new ProblemException(new Problem("content-unavailable", "File content unavailable", 503,
                    "The bytes of file " + id + " are not available on this server right now. Retry later; if it persists, tell the MDMA operators."))
                    .header("Retry-After", "60");
        }
        // the bytes leave only once their download is in the audit trail
        auditor.recordDurably(AuditAction.DOWNLOAD, party, id, AuditOutcome.SUCCESS, f.name());
        // streamed from the store: an 867 is kept as the Zstandard frames it was posted as and decompressed here
        jakarta.ws.rs.core.StreamingOutput body = out -> {
            try (java.io.InputStream in = content.open(f.sha256())
                    .orElseThrow(() -> new java.io.IOException("the bytes of " + f.name() + " disappeared"))) {
                in.transferTo(out);
            }
        };
        return fileResponse(f.name(), f.kind().mediaType(), f.sha256(), body)
                .header("Content-Length", f.size()).build();
    }

    @POST
    @Path("files/{id}/ack")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark a file retrieved (idempotent)")
    public AckResult ack(@PathParam("party") String party, @PathParam("id") String id) {
        access.requireMailbox(party, AuditAction.ACK, id);
        MailboxFile before = find(party, id, AuditAction.ACK);
        MailboxFile after = store.ack(party, id, caller.id()).orElse(before);
        boolean already = before.isRetrieved();
        auditor.record(AuditAction.ACK, party, id, AuditOutcome.SUCCESS, already ? "already retrieved" : "retrieved");
        return new AckResult(after.id(), after.retrievedAt(), after.retrievedBy(), already);
    }

    @GET
    @Path("summary")
    @Produces("text/csv")
    @Operation(summary = "The current summary report (CSV): the newest one posted (the union of its parts), or the rows of the periods asked for")
    public Response summary(@PathParam("party") String party,
                            @Parameter(description = "only channel-periods that end on or after this date (YYYY-MM-DD)") @QueryParam("periodFrom") String periodFrom,
                            @Parameter(description = "only channel-periods that start on or before this date (YYYY-MM-DD)") @QueryParam("periodTo") String periodTo,
                            @Parameter(description = "only rows changed since this instant (not served yet)") @QueryParam("changedSince") String changedSince) {
        access.requireMailbox(party, AuditAction.SUMMARY, null);
        LocalDate from = parseDate("periodFrom", periodFrom, party);
        LocalDate to = parseDate("periodTo", periodTo, party);
        if (from != null && to != null && from.isAfter(to)) {
            auditor.record(AuditAction.SUMMARY, party, null, AuditOutcome.INVALID, "periodFrom after periodTo");
            throw ProblemException.badRequest("periodFrom (" + from + ") is after periodTo (" + to + "): give the earlier date as periodFrom.");
        }
        if (changedSince != null && !changedSince.isBlank()) {
            auditor.record(AuditAction.SUMMARY, party, null, AuditOutcome.INVALID, "changedSince");
            throw new ProblemException(new Problem("not-implemented", "changedSince is not served yet", 501,
                    "This server does not serve the summary's changedSince filter yet. Ask for the newest summary (no "
                            + "parameters) or for a range of periods with periodFrom and periodTo."));
        }
        Optional<SummaryProvider.Posted> s = summaries.newest(party);
        if (s.isEmpty()) {
            auditor.record(AuditAction.SUMMARY, party, null, AuditOutcome.NOT_FOUND, "no summary yet");
            throw ProblemException.notFound("There is no summary report for " + party
                    + " yet: it is produced with the first usage data posted to the mailbox. Retry later.");
        }
        SummaryProvider.Posted sum = s.get();
        for (MailboxFile part : sum.parts()) {
            if (!content.contains(part.sha256())) {
                auditor.record(AuditAction.SUMMARY, party, null, AuditOutcome.FAILURE, "content missing");
                throw new ProblemException(new Problem("content-unavailable", "Summary content unavailable", 503,
                        "The bytes of the summary " + sum.name() + " are not available on this server right now. Retry later; if it persists, tell the MDMA operators."))
                        .header("Retry-After", "60");
            }
        }
        SummaryFilter filter = new SummaryFilter(from, to);
        String sha;
        if (sum.parts().size() == 1 && filter.isNone()) {
            sha = sum.parts().get(0).sha256();
        } else {
            // the digest of what is streamed: a first pass over the files (bounded memory)
            java.security.MessageDigest digest = Sha256.newDigest();
            try (java.security.DigestOutputStream d = new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), digest)) {
                summaries.write(sum, filter, d);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            sha = Sha256.hex(digest);
        }
        auditor.recordDurably(AuditAction.SUMMARY, party, null, AuditOutcome.SUCCESS,
                sum.name() + (filter.isNone() ? "" : " periodFrom=" + from + " periodTo=" + to));
        jakarta.ws.rs.core.StreamingOutput body = out -> summaries.write(sum, filter, out);
        return fileResponse(sum.name(), "text/csv; charset=utf-8", sha, body)
                .header("Last-Modified", java.util.Date.from(sum.generatedAt()))
                .build();
    }

    private LocalDate parseDate(String name, String value, String party) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            auditor.record(AuditAction.SUMMARY, party, null, AuditOutcome.INVALID, name);
            throw ProblemException.badRequest(name + " must be a date such as 2026-03-01 (got '" + value + "').");
        }
    }

    static Response.ResponseBuilder fileResponse(String name, String mediaType, String sha256Hex, Object entity) {
        String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
        String safeName = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(entity, mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + safeName + "\"")
                .header("ETag", "\"" + sha256Hex + "\"")
                .header("X-Checksum-SHA256", sha256Hex)
                .header("Digest", "sha-256=" + b64)
                .header("Repr-Digest", "sha-256=:" + b64 + ":");
    }

    private MailboxFile find(String party, String id, AuditAction action) {
        return store.get(party, id).orElseThrow(() -> {
            auditor.record(action, party, id, AuditOutcome.NOT_FOUND, "no such file");
            return ProblemException.notFound("There is no file '" + id + "' in the mailbox of " + party
                    + ": take file ids from GET /api/v1/mailboxes/" + party + "/files?status=all.");
        });
    }

    private Instant parseSince(String since, String party) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            if (since.length() == 10) {
                return LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            auditor.record(AuditAction.LIST, party, null, AuditOutcome.INVALID, "since");
            throw ProblemException.badRequest("since must be an ISO-8601 instant such as 2026-03-01T00:00:00Z, or a date such as 2026-03-01 (UTC).");
        }
    }
}
