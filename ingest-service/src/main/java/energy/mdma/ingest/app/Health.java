package energy.mdma.ingest.app;

import energy.mdma.ingest.kafka.EventPublisher;
import energy.mdma.ingest.kafka.HeadEndStreams;
import energy.mdma.ingest.kafka.MasterDataStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the master data is loaded; alive while its consumer and the head-end processor run. */
public class Health {

    @Readiness
    @ApplicationScoped
    public static class MasterDataReady implements HealthCheck {
        @Inject
        MasterDataStore masterData;

        @Override
        public HealthCheckResponse call() {
            var b = HealthCheckResponse.named("master-data").status(masterData.ready())
                    .withData("meters", masterData.meterCount());
            String unreadable = masterData.unreadable();
            if (unreadable != null) {
                b.withData("unreadable", unreadable);
            }
            return b.build();
        }
    }

    /** DOWN while a producer of the pool cannot be (re-)created: uploads would be refused. */
    @Readiness
    @ApplicationScoped
    public static class ProducersReady implements HealthCheck {
        @Inject
        EventPublisher publisher;

        @Override
        public HealthCheckResponse call() {
            var b = HealthCheckResponse.named("kafka-producers").status(publisher.healthy())
                    .withData("size", publisher.size());
            publisher.unavailable().forEach((i, why) -> b.withData("producer-" + i, why));
            return b.build();
        }
    }

    @Liveness
    @ApplicationScoped
    public static class KafkaThreadsAlive implements HealthCheck {
        @Inject
        MasterDataStore masterData;
        @Inject
        HeadEndStreams headEnd;

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("kafka-consumers").status(masterData.alive()
                            && (headEnd.alive() || headEnd.failure().isEmpty()))
                    .withData("headEndForwarded", headEnd.forwarded())
                    .withData("headEndRejected", headEnd.rejected()).build();
        }
    }
}
