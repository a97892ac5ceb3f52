package energy.mdma.delivery;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * test-support's clock the test moves (lockout windows, rate limit refills, mail retries, mailbox days) as a bean:
 * selected with {@code quarkus.arc.selected-alternatives} by the profiles that need it, otherwise not a bean; plain
 * tests and benchmarks construct one at the instant they need.
 */
@Alternative
@Singleton
public class TestClock extends energy.mdma.testsupport.TestClock {

    public TestClock() {
        super();
    }

    public TestClock(Instant now) {
        super(now);
    }
}
