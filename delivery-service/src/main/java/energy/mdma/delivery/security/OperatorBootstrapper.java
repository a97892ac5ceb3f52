package energy.mdma.delivery.security;

import energy.mdma.party.auth.OperatorBootstrap;
import energy.mdma.party.auth.PartyRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * At start, gives the first operator ("operator") a password when it has none: MDMA_OPERATOR_PASSWORD
 * (config mdma.operator.initial-password), or a generated one written to the log this once.
 */
@Singleton
public class OperatorBootstrapper {

    private static final Logger LOG = Logger.getLogger(OperatorBootstrapper.class);

    @jakarta.inject.Inject
    PartyRegistry registry;
    @jakarta.inject.Inject
    DeliveryConfig config;

    void onStart(@Observes StartupEvent event) {
        if (!config.kafka().enabled()) {
            run();
        }
        // with Kafka: run by EventViews once mdma.parties and mdma.credentials are replayed, so that an operator
        // credential already in the log is seen and no second password is generated
    }

    /** Gives the first operator a password when the directory holds none for it. */
    public void run() {
        OperatorBootstrap.Result r = OperatorBootstrap.ensureOperator(registry,
                config.operator().initialPassword().orElse(null),
                generated -> LOG.warnf("No operator password was configured: generated one for user '%s': %s  "
                                + "(shown only this once; change it with PUT /api/v1/parties/%s/password, or set %s before the first start)",
                        OperatorBootstrap.OPERATOR_ID, generated, OperatorBootstrap.OPERATOR_ID, OperatorBootstrap.ENV_PASSWORD));
        if (r == OperatorBootstrap.Result.FROM_ENVIRONMENT) {
            LOG.infof("Operator '%s' password taken from %s", OperatorBootstrap.OPERATOR_ID, OperatorBootstrap.ENV_PASSWORD);
        }
    }
}
