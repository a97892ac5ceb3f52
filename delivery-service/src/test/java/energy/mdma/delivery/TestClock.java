package energy.mdma.delivery;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves (lockout windows, rate limit refills, mail retries, mailbox days): selected with
 * {@code quarkus.arc.selected-alternatives} by the profiles that need it, otherwise not a bean; plain tests and
 * benchmarks construct one at the instant they need.
 */
@Alternative
@Singleton
public class TestClock extends Clock {

    private volatile Instant now;

    public TestClock() {
        this(Instant.now());
    }

    public TestClock(Instant now) {
        this.now = now;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
