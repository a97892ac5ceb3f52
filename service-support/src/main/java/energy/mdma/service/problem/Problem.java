package energy.mdma.service.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem details, served as application/problem+json. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:mdma:problem:";

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private String instance;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    /** @param slug the end of the type URI, {@code urn:mdma:problem:SLUG} */
    public Problem(String slug, String title, int status, String detail) {
        this.type = TYPE_PREFIX + slug;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    /** Adds an extension member (ignored when null). */
    public Problem with(String key, Object value) {
        if (value != null) {
            extensions.put(key, value);
        }
        return this;
    }

    public Problem instance(String instance) {
        this.instance = instance;
        return this;
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    /**
     * The response with this problem as its entity, written by the application's ObjectMapper (extensions may be
     * any JSON-able value, e.g. records with instants), and {@code Cache-Control: no-store}. See also
     * {@link Problems#response}, which writes the body itself.
     */
    public Response response(Map<String, String> headers) {
        Response.ResponseBuilder b = Response.status(status).type(MEDIA_TYPE).entity(this)
                .header("Cache-Control", "no-store");
        if (headers != null) {
            headers.forEach(b::header);
        }
        return b.build();
    }
}
