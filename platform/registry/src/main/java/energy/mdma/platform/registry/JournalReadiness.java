package energy.mdma.platform.registry;

import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready} is DOWN until the journal is loaded and while a change is not yet recorded in it. */
@Readiness
@ApplicationScoped
public class JournalReadiness implements HealthCheck {

    @Inject
    KafkaJournal journal;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("mdma-kafka-journal");
        if (!journal.enabled()) {
            return b.up().withData("journal", "none (MDMA_KAFKA not set): schemas in memory only").build();
        }
        if (journal.ready()) {
            return b.up().withData("topic", journal.topic()).build();
        }
        return b.down().withData("topic", journal.topic()).withData("problem", String.valueOf(journal.problem())).build();
    }
}
