package energy.mdma.delivery.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import energy.mdma.service.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is larger than {@code quarkus.http.limits.max-body-size} with an
 * RFC 9457 problem (413) that says what the limit is, before the body is read. Without it the client gets
 * an empty 413 and a closed connection (HTTP/1.1), or a reset stream (HTTP/2). The API takes small JSON
 * bodies only; the files of the mailboxes travel the other way.
 */
@ApplicationScoped
public class RequestSizeLimit {
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        long max = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1; // left to the HTTP layer
            }
            if (length <= max) {
                ctx.next();
                return;
            }
            Problem p = new Problem("payload-too-large", "Payload Too Large", 413,
                    "The request body has " + length + " bytes; this API takes at most " + max
                            + " bytes per request (small JSON bodies). Send a smaller body.")
                    .instance(ctx.request().path());
            String body;
            try {
                body = json.writeValueAsString(p);
            } catch (JsonProcessingException e) {
                body = "{\"status\":413}";
            }
            ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
        });
    }
}
