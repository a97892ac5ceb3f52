package energy.mdma.delivery.ntp;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import energy.mdma.delivery.app.DeliveryConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Readiness: the clock must be within {@code mdma.ntp.max-offset} (60 s) of the configured NTP server. The
 * offset is measured in the background every {@code mdma.ntp.interval}, so a probe never waits on the network.
 * An offset over the limit makes the service not ready. An unreachable server is reported (status "unknown",
 * with the error) but, unless {@code mdma.ntp.unreachable-is-down=true}, keeps the service ready: the clock
 * cannot be judged then, and refusing all service for that would be worse than a possibly drifting clock.
 */
@Readiness
@Singleton
public class ClockCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ClockCheck.class);

    enum Status { PENDING, OK, OFFSET_TOO_LARGE, UNKNOWN, DISABLED }

    record Result(Status status, Long offsetMillis, Long delayMillis, Instant measuredAt, String error) {
    }

    volatile boolean enabled = true;
    volatile String server = "pool.ntp.org";
    volatile int port = 123;
    volatile Duration timeout = Duration.ofSeconds(3);
    volatile Duration interval = Duration.ofMinutes(5);
    volatile Duration maxOffset = Duration.ofSeconds(60);
    volatile boolean unreachableIsDown;

    private final NtpProbe probe = new NtpProbe();
    private volatile Result last = new Result(Status.PENDING, null, null, null, null);
    private ScheduledExecutorService executor;

    void start(@Observes StartupEvent e, DeliveryConfig config) {
        DeliveryConfig.Ntp c = config.ntp();
        enabled = c.enabled();
        server = c.server();
        port = c.port();
        timeout = c.timeout();
        interval = c.interval();
        maxOffset = c.maxOffset();
        unreachableIsDown = c.unreachableIsDown();
        if (!enabled) {
            last = new Result(Status.DISABLED, null, null, null, null);
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ntp-clock-check");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::measureNow, 0, Math.max(1, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent e) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Takes one measurement now (also used by tests). */
    public void measureNow() {
        Result r;
        try {
            NtpProbe.Measurement m = probe.measure(server, port, timeout);
            boolean ok = Math.abs(m.offsetMillis()) <= maxOffset.toMillis();
            r = new Result(ok ? Status.OK : Status.OFFSET_TOO_LARGE, m.offsetMillis(), m.delayMillis(), Instant.now(), null);
            if (!ok) {
                LOG.errorf("Clock offset against %s is %d ms, over the limit of %d ms: the service reports not ready",
                        server, m.offsetMillis(), maxOffset.toMillis());
            }
        } catch (Exception ex) {
            r = new Result(Status.UNKNOWN, null, null, Instant.now(), ex.getClass().getSimpleName() + ": " + ex.getMessage());
            if (last.status() != Status.UNKNOWN) {
                LOG.warnf("NTP server %s:%d could not be reached (%s): clock offset unknown", server, port, r.error());
            }
        }
        last = r;
    }

    Result last() {
        return last;
    }

    @Override
    public HealthCheckResponse call() {
        Result r = last;
        boolean up = switch (r.status()) {
            case OFFSET_TOO_LARGE -> false;
            case UNKNOWN -> !unreachableIsDown;
            default -> true;
        };
        HealthCheckResponseBuilder b = HealthCheckResponse.named("clock").status(up)
                .withData("ntpServer", server + ":" + port)
                .withData("status", r.status().name().toLowerCase())
                .withData("maxOffsetMillis", maxOffset.toMillis());
        if (r.offsetMillis() != null) {
            b.withData("offsetMillis", r.offsetMillis());
        }
        if (r.delayMillis() != null) {
            b.withData("roundTripMillis", r.delayMillis());
        }
        if (r.measuredAt() != null) {
            b.withData("measuredAt", r.measuredAt().toString());
        }
        if (r.error() != null) {
            b.withData("error", r.error());
        }
        return b.build();
    }
}
