package energy.mdma.delivery.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Quarkus serves the {@code META-INF/resources} of dependency jars as static files, before any REST endpoint and
 * without authentication: it would hand out module timeliness' {@code dashboard/index.html} at /dashboard/ to
 * anyone. Every path under /dashboard/ is therefore routed to {@link DashboardResource} (GET /dashboard), which
 * sits behind the authentication filter and lets operators only.
 */
@Singleton
public class DashboardRoute {

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.normalizedPath();
            if (path != null && path.startsWith("/dashboard/")) {
                rc.reroute("/dashboard");
            } else {
                rc.next();
            }
        }, 100);
    }
}
