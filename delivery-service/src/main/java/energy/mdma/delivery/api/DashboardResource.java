package energy.mdma.delivery.api;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.party.model.Role;
import energy.mdma.timeliness.TimelinessService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The SLA dashboard page of module timeliness ({@code META-INF/resources/dashboard/index.html}), for operators
 * (HTTP Basic like the API; it then calls GET /api/v1/timeliness with the browser's credentials). Served here,
 * behind the authentication filter, so that the page is never handed out as an unprotected static resource.
 */
@Path("/dashboard")
@Tag(name = "timeliness")
public class DashboardResource extends ApiResource {

    static final String PAGE = "META-INF/resources/dashboard/index.html";

    static final String UDC_META = "<meta name=\"mdma-udc\" content=\"\">";
    static final String ZONE_META = "<meta name=\"mdma-zone\" content=\"\">";

    @Inject
    PartyDirectory directory;

    @Inject
    TimelinessService timeliness;

    @GET
    @Produces("text/html;charset=UTF-8")
    @Operation(summary = "The SLA dashboard (operators), e.g. /dashboard/?udc=SCE (with or without the slash)")
    public Response page() {
        return serve();
    }

    @GET
    @Path("/index.html")
    @Produces("text/html;charset=UTF-8")
    public Response index() {
        return serve();
    }

    private Response serve() {
        access.requireOperatorPage(AuditAction.TIMELINESS, "/dashboard");
        byte[] html;
        try (InputStream in = DashboardResource.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard page is missing from the class path: " + PAGE);
            }
            html = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dashboard page", e);
        }
        html = filledIn(html);
        auditor.record(AuditAction.TIMELINESS, null, "/dashboard", AuditOutcome.SUCCESS, "page");
        return Response.ok(html).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                        + "script-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /**
     * The page as served: the server names in its meta tags the zone of the timeliness figures (the utility's
     * prevailing time: local days, deadlines) and the UDC it opens on when none is asked for (and none was typed
     * before): the first UDC party of the directory.
     */
    byte[] filledIn(byte[] html) {
        String page = new String(html, StandardCharsets.UTF_8)
                .replace(ZONE_META, "<meta name=\"mdma-zone\" content=\"" + timeliness.config().zone().getId() + "\">");
        String udc = directory.parties().stream()
                .filter(p -> p.role() == Role.UDC)
                .map(Party::id)
                .filter(Party::isValidId)
                .findFirst().orElse(null);
        if (udc != null) {
            page = page.replace(UDC_META, "<meta name=\"mdma-udc\" content=\"" + udc + "\">");
        }
        return page.getBytes(StandardCharsets.UTF_8);
    }
}
