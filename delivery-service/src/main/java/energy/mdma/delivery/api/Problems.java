package energy.mdma.delivery.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** Builds problem responses (serialized here so the media type is exactly application/problem+json). */
public final class Problems {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {
    }

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
}
