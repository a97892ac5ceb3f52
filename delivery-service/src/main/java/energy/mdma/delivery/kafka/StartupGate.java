package energy.mdma.delivery.kafka;

import energy.mdma.service.problem.Problem;
import energy.mdma.service.problem.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Map;

/** Until the views are rebuilt from the log, /api answers 503 with Retry-After (a partial view would mislead). */
public class StartupGate {

    @Inject
    EventViews views;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public Response gate(ContainerRequestContext ctx) {
        String path = "/" + ctx.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith("/api/") || views.ready()) {
            return null;
        }
        return Problems.response(new Problem("starting", "Starting up", 503,
                "The server is reading its data back from the event log after a start. Retry in a few seconds."),
                path, Map.of("Retry-After", "5"));
    }
}
