package energy.mdma.ingest.api;

import energy.mdma.ingest.kafka.EventPublisher;
import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.ProblemException;

import energy.mdma.ingest.files.IngestService;
import energy.mdma.ingest.kafka.IngestLog;
import energy.mdma.service.text.SafeText;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;
import java.util.UUID;

/** Every error leaves as a problem detail; unexpected ones with an incident id (details only in the log). */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return e.problem().instance(path(uri)).response(e.headers());
    }

    @ServerExceptionMapper
    public Response notReady(IngestService.NotReadyException e, UriInfo uri) {
        return new Problem("not-ready", "Not ready", 503, e.getMessage()).instance(path(uri))
                .response(Map.of("Retry-After", "5"));
    }

    /** No Kafka producer can be made (broker away, credentials refused): nothing was published. */
    @ServerExceptionMapper
    public Response publishUnavailable(EventPublisher.UnavailableException e, UriInfo uri) {
        return new Problem("kafka-unavailable", "Cannot publish now", 503, e.getMessage() + ". Nothing of the file "
                + "was published.").instance(path(uri)).response(Map.of("Retry-After", "30"));
    }

    /** An action that depends on its audit could not write it: nothing was released. */
    @ServerExceptionMapper
    public Response auditUnavailable(IngestLog.AuditUnavailableException e, UriInfo uri) {
        LOG.errorf("audit trail unavailable on %s: %s", SafeText.cap(path(uri), 256), e.getMessage());
        return new Problem("audit-unavailable", "Audit trail unavailable", 503, "This request is answered only once "
                + "it is in the audit trail, which cannot be written right now. Nothing was released. Retry later.")
                .instance(path(uri)).response(Map.of("Retry-After", "30"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return new Problem("not-found", "Not found", 404, "There is nothing at " + path(uri)
                + "; the ingest API is POST /api/v1/files/{kind}?name= and GET /api/v1/files/{id}.")
                .instance(path(uri)).response(null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        return new Problem("method-not-allowed", "Method not allowed", 405, "This method is not allowed on "
                + path(uri) + ".").instance(path(uri)).response(null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        return new Problem("http-" + status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), status, "The request was refused ("
                + status + ").").instance(path(uri)).response(null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "incident %s on %s", incident, SafeText.cap(path(uri), 256));
        return new Problem("internal", "Internal error", 500, "The file could not be processed (incident "
                + incident + "); nothing of it was published. Send it again later, or tell the MDMA operators the"
                + " incident id.").with("incident", incident).instance(path(uri)).response(null);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : SafeText.cap("/" + uri.getPath().replaceFirst("^/", ""), 256);
    }
}
