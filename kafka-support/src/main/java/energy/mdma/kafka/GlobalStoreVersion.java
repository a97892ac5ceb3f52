package energy.mdma.kafka;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many records the global stores of one topology (so of one instance) have taken in since it started: counted by
 * their update processors ({@link GlobalTableUpdate}) on the global stream thread, read by the tasks' checks that go
 * over their state against the global data ({@link PassesOnChange}), which then run only when the count moved. Not
 * stored: an instance that starts counts from zero, so its checks go over everything once (what arrived while it was
 * down included).
 */
public final class GlobalStoreVersion {
    private final AtomicLong version = new AtomicLong();

    public long current() {
        return version.get();
    }

    public void changed() {
        version.incrementAndGet();
    }
}
