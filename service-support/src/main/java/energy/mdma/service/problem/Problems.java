package energy.mdma.service.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;

/**
 * Builds problem responses whose body is written here (so the media type is exactly application/problem+json,
 * whatever the request accepts); extensions must be plain values (strings, numbers, lists, maps).
 */
public final class Problems {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {
    }

    /** The response; {@code path} becomes the instance unless one is set. */
    public static Response response(Problem problem, String path, Map<String, String> headers) {
        if (problem.getInstance() == null && path != null) {
            problem.instance(path);
        }
        String body;
        try {
            body = MAPPER.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"title\":\"Internal error\",\"status\":" + problem.getStatus() + "}";
        }
        Response.ResponseBuilder rb = Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(body);
        if (headers != null) {
            headers.forEach(rb::header);
        }
        return rb.build();
    }

    /** The request path as a problem's instance: {@code /api/v1/...} (null without a request). */
    public static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }
}
