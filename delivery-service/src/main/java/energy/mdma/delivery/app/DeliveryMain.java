package energy.mdma.delivery.app;

import energy.mdma.party.tls.SelfSignedCertificate;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: before Quarkus starts, makes sure the HTTPS server has a certificate. Unless a certificate is
 * configured by system property or environment ({@code quarkus.http.ssl.certificate.*}, {@code quarkus.tls.*},
 * {@code quarkus.http.tls-configuration-name}) or {@code MDMA_TLS_SELF_SIGNED=false}, a self-signed one is
 * generated once into {@code $MDMA_HOME/tls} (default ./.mdma/tls; host name from MDMA_TLS_HOSTNAME) and used.
 */
@QuarkusMain
public class DeliveryMain {

    public static void main(String... args) throws Exception {
        SelfSignedCertificate.useUnlessConfigured("delivery");
        Quarkus.run(args);
    }
}
