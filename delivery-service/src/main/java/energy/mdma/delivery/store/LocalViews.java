package energy.mdma.delivery.store;

import energy.mdma.delivery.app.DeliveryConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** The service's {@link ViewStore}, opened on first use ({@code mdma.views.store-dir}) and closed at shutdown. */
@Singleton
public class LocalViews {

    @Inject
    DeliveryConfig config;

    private ViewStore store;

    public synchronized ViewStore store() {
        if (store == null) {
            store = ViewStore.open(Path.of(config.views().storeDir()));
        }
        return store;
    }

    @PreDestroy
    synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
