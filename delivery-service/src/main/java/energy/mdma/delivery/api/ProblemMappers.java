package energy.mdma.delivery.api;

import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.ProblemException;
import energy.mdma.service.problem.Problems;
import energy.mdma.service.text.SafeText;

import com.fasterxml.jackson.core.JsonProcessingException;
import energy.mdma.delivery.mailbox.InvalidCursorException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;
import java.util.UUID;

/** Every error leaves as a problem detail with a message a person can act on. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return Problems.response(e.problem(), path(uri), e.headers());
    }

    /** An action that depends on its audit could not write it: nothing was released. */
    @ServerExceptionMapper
    public Response auditUnavailable(AuditSink.AuditUnavailableException e, UriInfo uri) {
        LOG.errorf("audit trail unavailable on %s: %s", SafeText.cap(path(uri), 256), e.getMessage());
        return Problems.response(new Problem("audit-unavailable", "Audit trail unavailable", 503,
                "This request is answered only once it is in the audit trail, which cannot be written right now. "
                        + "Nothing was released. Retry later; if it persists, tell the MDMA operators."),
                path(uri), Map.of("Retry-After", "30"));
    }

    @ServerExceptionMapper
    public Response cursor(InvalidCursorException e, UriInfo uri) {
        return Problems.response(new Problem("invalid-cursor", "Invalid cursor", 400, e.getMessage()), path(uri), null);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return Problems.response(new Problem("invalid-json", "Invalid JSON body", 400,
                "The request body is not the JSON expected here; see the OpenAPI document for its shape."), path(uri), null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return Problems.response(new Problem("not-found", "Not found", 404,
                "No such resource: " + path(uri) + ". The API lives under /api/v1 (e.g. GET /api/v1/mailboxes/{party}/files); "
                        + "the OpenAPI document lists every endpoint."), path(uri), null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        String allow = String.join(", ", e.getResponse().getAllowedMethods());
        return Problems.response(new Problem("method-not-allowed", "Method not allowed", 405,
                allow.isEmpty() ? "This resource does not accept that method; the OpenAPI document lists the methods of each path."
                        : "This resource does not accept that method; it accepts: " + allow + "."),
                path(uri), allow.isEmpty() ? null : Map.of("Allow", allow));
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e, UriInfo uri) {
        return Problems.response(new Problem("unsupported-media-type", "Unsupported media type", 415,
                "Send the body as application/json."), path(uri), null);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return Problems.response(new Problem("not-acceptable", "Not acceptable", 406,
                "This resource cannot answer in the media type your Accept header asks for; accept application/json (listings) or */* (files)."),
                path(uri), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        String reason = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = status == 413 ? "The request body is too large." : "The request could not be processed (" + reason + "): check the path, parameters and body against the OpenAPI document.";
        return Problems.response(new Problem("http-" + status, reason, status, detail), path(uri), null);
    }

    @ServerExceptionMapper
    public Response illegalArgument(IllegalArgumentException e, UriInfo uri) {
        return Problems.response(new Problem("bad-request", "Bad request", 400, e.getMessage()), path(uri), null);
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        String ref = UUID.randomUUID().toString();
        LOG.errorf(e, "Internal error %s on %s", ref, SafeText.cap(path(uri), 256));
        return Problems.response(new Problem("internal-error", "Internal error", 500,
                "The server failed to handle the request. Retry later; if it persists, report reference " + ref + " to the MDMA operators.")
                .with("reference", ref), path(uri), null);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
