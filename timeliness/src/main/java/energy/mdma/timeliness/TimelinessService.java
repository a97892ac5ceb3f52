package energy.mdma.timeliness;

import energy.mdma.events.CohortFigures;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.Notice;
import energy.mdma.events.ObligationMet;
import energy.mdma.events.ScheduledReadDate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Thread-safe facade over {@link TimelinessState} for delivery-service: the consumer thread applies
 * events, a scheduler calls {@link #tick()}, HTTP threads read {@link #cohorts} and the metrics
 * registry reads {@link #gauges()}.
 */
public final class TimelinessService {

    private final TimelinessState state;
    private final Clock clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public TimelinessService(TimelinessConfig config, Clock clock) {
        this(config, clock, ExpectedByPolicy.NEXT_DEADLINE);
    }

    public TimelinessService(TimelinessConfig config, Clock clock, ExpectedByPolicy expectedBy) {
        this.state = new TimelinessState(config, expectedBy);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TimelinessConfig config() {
        return state.config();
    }

    public Clock clock() {
        return clock;
    }

    // ------------------------------------------------------------------ feeding

    public List<ObligationMet> apply(MeterEvent e) {
        return write(() -> state.apply(e));
    }

    public void removeMeter(String meterId) {
        update(() -> state.removeMeter(meterId));
    }

    public List<ObligationMet> apply(ScheduledReadDate s) {
        return write(() -> state.apply(s));
    }

    public void removeReadDate(String readCycle, LocalDate readDate) {
        update(() -> state.removeReadDate(readCycle, readDate));
    }

    public List<ObligationMet> apply(DocumentPosted d) {
        return write(() -> state.apply(d));
    }

    public void apply(ObligationMet o) {
        update(() -> state.apply(o));
    }

    public void apply(CohortFigures f) {
        update(() -> state.apply(f));
    }

    public void apply(Notice n) {
        update(() -> state.apply(n));
    }

    public void prune(LocalDate keepFrom) {
        update(() -> state.prune(keepFrom));
    }

    // ------------------------------------------------------------------ evaluation

    /** {@link TimelinessState#evaluate(Instant)} at the clock's instant. */
    public Evaluation tick() {
        return tick(clock.instant());
    }

    public Evaluation tick(Instant now) {
        return write(() -> state.evaluate(now));
    }

    // ------------------------------------------------------------------ reading

    /**
     * {@code GET /api/v1/timeliness?udc=&from=&to=}: the cohorts of the UDC with read dates from
     * {@code from} to {@code to} inclusive, as of {@code now}, in the JSON shape of the API.
     *
     * @throws IllegalArgumentException when from is after to (a 400 for the API)
     */
    public List<CohortView> cohorts(String udc, LocalDate from, LocalDate to, Instant now) {
        Objects.requireNonNull(udc, "udc");
        return read(() -> state.cohorts(udc, from, to, now)).stream()
                .map(c -> CohortView.of(c, state.config().zone()))
                .toList();
    }

    public List<CohortView> cohorts(String udc, LocalDate from, LocalDate to) {
        return cohorts(udc, from, to, clock.instant());
    }

    /** The cohorts with their deadlines and late meters, for Java callers. */
    public List<Cohort> cohortFigures(String udc, LocalDate from, LocalDate to, Instant now) {
        return read(() -> state.cohorts(udc, from, to, now));
    }

    /** The gauges to export (see {@link GaugeSample} for the names), as of {@code now}. */
    public List<GaugeSample> gauges(Instant now) {
        return read(() -> state.gauges(now));
    }

    public List<GaugeSample> gauges() {
        return gauges(clock.instant());
    }

    public java.util.Optional<Instant> metAt(String meterId, LocalDate readDate) {
        return read(() -> state.metAt(meterId, readDate));
    }

    /** {@link TimelinessState#periodStart(String, LocalDate)}. */
    public java.util.Optional<LocalDate> periodStart(String meterId, LocalDate readDate) {
        return read(() -> state.periodStart(meterId, readDate));
    }

    private <T> T read(Supplier<T> s) {
        lock.readLock().lock();
        try {
            return s.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void update(Runnable r) {
        write(() -> {
            r.run();
            return null;
        });
    }

    private <T> T write(Supplier<T> s) {
        lock.writeLock().lock();
        try {
            return s.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
