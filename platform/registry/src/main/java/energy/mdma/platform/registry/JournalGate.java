package energy.mdma.platform.registry;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.Observes;
import javax.inject.Inject;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Fail closed: until the registry has loaded its schemas from the Kafka journal ({@link KafkaJournal}), its APIs
 * ({@code /apis/...}) answer 503 with the reason, never an empty registry's "not found" (a reader would take a schema
 * for missing; a writer would be handed ids already in use). Health and other paths pass.
 */
@ApplicationScoped
public class JournalGate {

    @Inject
    KafkaJournal journal;

    void install(@Observes Router router) {
        router.route("/apis/*").order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    void check(RoutingContext context) {
        if (journal.loaded()) {
            context.next();
            return;
        }
        String body = "{\"error_code\":503,\"message\":\"the schema registry is not ready: " + json(String.valueOf(journal.problem()))
                + ". Retry when GET /health/ready answers 200.\"}";
        context.response().setStatusCode(503).putHeader("Content-Type", "application/json").putHeader("Retry-After", "2")
                .end(body);
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
