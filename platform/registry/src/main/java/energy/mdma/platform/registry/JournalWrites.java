package energy.mdma.platform.registry;

import java.util.Set;

import javax.inject.Inject;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.ext.Provider;

/**
 * After every write the registry answered with success (any method but GET, HEAD, OPTIONS; status below 400), records
 * the registry in the Kafka journal ({@link KafkaJournal#recordWrite}) before the answer leaves: a client told "created"
 * can count on its schema surviving the registry's process. If Kafka cannot take it, the answer is 503 instead.
 */
@Provider
public class JournalWrites implements ContainerResponseFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    KafkaJournal journal;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READS.contains(request.getMethod()) || response.getStatus() >= 400) {
            return;
        }
        try {
            journal.recordWrite();
        } catch (RuntimeException e) {
            response.setStatus(503);
            response.getHeaders().putSingle("Retry-After", "5");
            response.setEntity("{\"error_code\":503,\"message\":\"the change could not be recorded in Kafka (the registry's"
                    + " journal): " + JournalGate.json(String.valueOf(e.getMessage())) + ". The registry keeps trying; retry"
                    + " the request when GET /health/ready answers 200.\"}", null, MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
