package energy.mdma.delivery.exceptions;

import energy.mdma.events.DataType;
import energy.mdma.events.TimeRange;
import energy.mdma.events.VeeException;
import energy.mdma.timeliness.Cohort;
import energy.mdma.timeliness.Deadline;
import energy.mdma.timeliness.TimelinessService;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The third kind of exception (operations.md section 1): a meter whose usage of read period P(R) is still not
 * posted when deadline 1 of the timeliness rules has passed (timeliness.md) - its data are missing and a re-read is
 * needed. Raised by delivery, which follows the obligations and their deadlines (module timeliness), on every
 * timeliness tick: once per meter and read date (an exception already in the view, open or resolved, is not raised
 * again), for the read dates of the active window only. Resolved by itself on a later tick once the obligation is
 * met (the 867 of the period was posted, i.e. the data arrived and were evaluated).
 *
 * <p>The obligation is per meter (timeliness counts meters, not channels): the exception names the meter and
 * leaves the channel empty.
 */
public final class LateDataExceptions {

    private static final Logger LOG = Logger.getLogger(LateDataExceptions.class);

    public static final String TYPE = "DATA_MISSING_PAST_DEADLINE";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.US);

    /**
     * Writes exception events (to mdma.vee.exceptions, key meterId), all handed to the log before waiting for any
     * (a round can raise thousands: a backfill of history past its deadlines); returns those the log took, in
     * order. What it did not take is not applied to the view, so the next round tries it again.
     */
    @FunctionalInterface
    public interface Publisher {
        List<VeeException> publish(List<VeeException> events);
    }

    /** What one round did. */
    public record Round(int raised, int resolved) {
    }

    private final TimelinessService timeliness;
    private final ExceptionView view;
    private final Publisher publisher;
    private final BooleanSupplier viewReady;

    public LateDataExceptions(TimelinessService timeliness, ExceptionView view, Publisher publisher,
                              BooleanSupplier viewReady) {
        this.timeliness = timeliness;
        this.view = view;
        this.publisher = publisher;
        this.viewReady = viewReady;
    }

    /** One round as of {@code now}: raises the new ones, resolves the met ones. Nothing while the view replays. */
    public synchronized Round run(Instant now) {
        if (!viewReady.getAsBoolean()) {
            return new Round(0, 0); // the exceptions already raised are not known yet: raising now could repeat them
        }
        ZoneId zone = timeliness.config().zone();
        LocalDate today = now.atZone(zone).toLocalDate();
        List<VeeException> raising = new ArrayList<>();
        Set<String> raisingIds = new HashSet<>();
        for (Cohort c : timeliness.cohortFigures(null, today.minusDays(timeliness.config().activeDays()), today, now)) {
            Deadline d1 = c.deadlines().get(1);
            if (c.key().esp() != null || d1 == null || !d1.passed(now) || c.late().isEmpty()) {
                continue; // the UDC-wide cohort names every late meter once
            }
            LocalDate r = c.key().readDate();
            for (Cohort.Late late : c.late()) {
                String id = ExceptionIds.of(TYPE, late.meterId(), null, late.serviceAccount(), r);
                if (view.get(id).isPresent() || !raisingIds.add(id)) {
                    continue;
                }
                raising.add(raise(c, late, d1, now, zone));
            }
        }
        int raised = publishAndApply(raising);
        List<VeeException> resolving = new ArrayList<>();
        for (OpsException x : view.open(TYPE)) {
            if (x.meterId() == null || x.periodEnd() == null) {
                continue;
            }
            Optional<Instant> met = timeliness.metAt(x.meterId(), x.periodEnd());
            if (met.isPresent() && !met.get().isAfter(now)) {
                resolving.add(resolve(x, met.get(), now, zone));
            }
        }
        int resolved = publishAndApply(resolving);
        if (raised + resolved > 0) {
            LOG.infof("data missing past deadline 1: %d exception(s) raised, %d resolved", raised, resolved);
        }
        return new Round(raised, resolved);
    }

    /** Writes the events and applies those the log took to the view; returns how many. */
    private int publishAndApply(List<VeeException> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<VeeException> taken = publisher.publish(events);
        for (VeeException e : taken) {
            view.apply(e);
        }
        if (taken.size() < events.size()) {
            LOG.warnf("%d of %d %s exception event(s) could not be written to the log; the next round tries them again",
                    events.size() - taken.size(), events.size(), TYPE);
        }
        return taken.size();
    }

    private VeeException raise(Cohort c, Cohort.Late late, Deadline d1, Instant now, ZoneId zone) {
        LocalDate r = c.key().readDate();
        LocalDate start = timeliness.periodStart(late.meterId(), r).orElse(null);
        boolean interval = c.key().dataType() == DataType.INTERVAL;
        TimeRange missing = interval
                ? new TimeRange((start == null ? r.minusDays(1) : start).atStartOfDay(zone).toInstant(),
                r.atStartOfDay(zone).toInstant(), "INTERVALS")
                : new TimeRange(r.atStartOfDay(zone).toInstant(), r.plusDays(1).atStartOfDay(zone).toInstant(), "READING");
        String what = interval ? "interval data of read period " + (start == null ? "" : start + "..") + r.minusDays(1)
                : "register reading of " + r;
        return VeeException.newBuilder().setCode(TYPE).setMeterId(late.meterId()).setChannel(null)
                .setServiceAccount(late.serviceAccount()).setUdcId(c.key().udc()).setEspId(late.esp())
                .setPeriodStart(start).setPeriodEnd(r)
                .setMissing(List.of(missing))
                .setMessage("The usage of meter " + late.meterId() + " (account " + late.serviceAccount()
                        + ") for read date " + r + " was not posted by deadline 1 (" + LOCAL.format(d1.at().atZone(zone))
                        + "): the " + what + " are missing. Have the meter read again (or its head-end resend the "
                        + "data); the exception resolves when the 867 of the period is posted.")
                .setRaisedAt(now).build();
    }

    private static VeeException resolve(OpsException x, Instant metAt, Instant now, ZoneId zone) {
        return VeeException.newBuilder().setCode(TYPE).setMeterId(x.meterId()).setChannel(null)
                .setServiceAccount(x.serviceAccount()).setUdcId(x.udc()).setEspId(x.esp())
                .setPeriodStart(x.periodStart()).setPeriodEnd(x.periodEnd())
                .setMessage(x.message()).setRaisedAt(x.raisedAt()).setResolved(true).setResolvedAt(now)
                .setResolvedBy("timeliness")
                .setResolution("the data arrived: the 867 of the period was posted at " + LOCAL.format(metAt.atZone(zone)))
                .build();
    }
}
