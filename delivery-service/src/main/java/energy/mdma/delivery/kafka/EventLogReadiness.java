package energy.mdma.delivery.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the views have been rebuilt from the log (parties, credentials, mailboxes, audit, notices). */
@Readiness
@ApplicationScoped
public class EventLogReadiness implements HealthCheck {

    @Inject
    EventViews views;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("event-log").status(views.ready());
        views.status().forEach((k, v) -> b.withData(k, String.valueOf(v)));
        return b.build();
    }
}
