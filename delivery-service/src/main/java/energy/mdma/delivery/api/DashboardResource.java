package energy.mdma.delivery.api;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.Auditor;
import energy.mdma.delivery.security.Access;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;

/**
 * The SLA dashboard page of module timeliness ({@code META-INF/resources/dashboard/index.html}), for operators
 * (HTTP Basic like the API; it then calls GET /api/v1/timeliness with the browser's credentials). Served here,
 * behind the authentication filter, so that the page is never handed out as an unprotected static resource.
 */
@Path("/dashboard")
@Tag(name = "timeliness")
public class DashboardResource {

    static final String PAGE = "META-INF/resources/dashboard/index.html";

    @Inject
    Access access;
    @Inject
    Auditor auditor;

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
        auditor.record(AuditAction.TIMELINESS, null, "/dashboard", AuditOutcome.SUCCESS, "page");
        return Response.ok(html).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                        + "script-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
