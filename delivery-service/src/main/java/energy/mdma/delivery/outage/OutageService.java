package energy.mdma.delivery.outage;

import energy.mdma.delivery.notice.NoticeStore;
import energy.mdma.delivery.notice.PostedNotice;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Outage notices (operations.md section 3).
 *
 * <p><b>Scheduled</b>: an operator posts {@code SCHEDULED_OUTAGE} with from/to; {@link OutageRules} decide; the notice
 * (to every party, so mailed to every party's contacts) is posted at once and a reminder 1 hour before it starts.
 * Scheduled outages are the notices titled {@value #SCHEDULED}; reminders repeat the title after {@value #REMINDER},
 * so both survive a restart (the notices are rebuilt from mdma.notices).
 *
 * <p><b>Unscheduled</b>: delivery learns that a service is down by asking the readiness endpoint of each watched
 * service ({@code mdma.outage.watch}) on every tick; a service that does not answer 200 is down from the first such
 * answer. Once one has been down for {@code notice-after} (10 minutes; outside a scheduled outage's window), the MDMA
 * posts the unscheduled-outage notice to every party - unless an operator posted one already
 * ({@code UNSCHEDULED_OUTAGE}). When every watched service is back, the operator may post the closing notice
 * ({@code OUTAGE_ENDED}); {@code close-after} (30 minutes) after the return the MDMA posts it itself, with the time
 * range. The alerting of the operators (down or not ready within 5 minutes) is the deployment's: Prometheus rules and
 * the Alertmanager route in deploy/cluster/monitoring. Delivery cannot tell of its own outage while it is down: that
 * one is covered by the alerts and the operator's notice. The state of an open outage is kept in memory.
 */
public class OutageService {

    private static final Logger LOG = Logger.getLogger(OutageService.class);

    public static final String SCHEDULED = "Scheduled outage";
    public static final String REMINDER = "Reminder (1 hour): ";
    public static final String UNSCHEDULED = "Unscheduled outage";
    public static final String ENDED = "Service restored";

    /** What an operator may post. */
    public enum Type { SCHEDULED_OUTAGE, UNSCHEDULED_OUTAGE, OUTAGE_ENDED }

    /** A refused outage notice: 400 (a field missing) or 422 (a rule). */
    public static class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final NoticeStore notices;
    private final Clock clock;
    private final OutageRules rules;
    private final Duration reminderBefore;
    private final Duration noticeAfter;
    private final Duration closeAfter;
    private final Map<String, String> watched;
    private final Predicate<String> probe;

    private final Map<String, Instant> downSince = new LinkedHashMap<>();
    private Instant openFrom;
    private String openServices;
    private Instant restoredAt;

    /** @param watched service name to readiness URL; @param probe true when the URL answers 200 */
    public OutageService(NoticeStore notices, Clock clock, OutageRules rules, Duration reminderBefore,
                         Duration noticeAfter, Duration closeAfter, Map<String, String> watched, Predicate<String> probe) {
        this.notices = notices;
        this.clock = clock;
        this.rules = rules;
        this.reminderBefore = reminderBefore;
        this.noticeAfter = noticeAfter;
        this.closeAfter = closeAfter;
        this.watched = Map.copyOf(watched);
        this.probe = probe;
    }

    /** An operator's outage notice. */
    public synchronized PostedNotice post(Type type, Instant from, Instant to, String text, String by) {
        Instant now = clock.instant();
        String extra = text == null || text.isBlank() ? "" : "\n\n" + text.strip();
        switch (type) {
            case SCHEDULED_OUTAGE -> {
                if (from == null || to == null) {
                    throw new Refused(400, "A SCHEDULED_OUTAGE needs 'from' and 'to' (instants with an offset, e.g. "
                            + "2026-12-10T02:00:00-08:00).");
                }
                OutageRules.Window w = new OutageRules.Window(from, to);
                Optional<String> refusal = rules.refusal(w, now, scheduled());
                if (refusal.isPresent()) {
                    throw new Refused(422, refusal.get());
                }
                return notices.post(PostedNotice.Kind.OUTAGE,
                        SCHEDULED + " " + rules.local(from) + " to " + rules.local(to),
                        "The MDMA server will be unavailable from " + rules.local(from) + " to " + rules.local(to)
                                + " (scheduled maintenance). Files posted meanwhile wait in the mailboxes." + extra,
                        from, to, by, null);
            }
            case UNSCHEDULED_OUTAGE -> {
                Instant start = from == null ? now : from;
                if (start.isAfter(now)) {
                    throw new Refused(422, "An unscheduled outage has started already: 'from' (" + rules.local(start)
                            + ") is in the future; post a SCHEDULED_OUTAGE for planned work.");
                }
                openFrom = openFrom == null ? start : openFrom;
                openServices = openServices == null ? "the MDMA server" : openServices;
                restoredAt = null;
                return postUnscheduled(start, by, extra);
            }
            case OUTAGE_ENDED -> {
                Instant start = from != null ? from : openFrom;
                Instant end = to != null ? to : (restoredAt != null ? restoredAt : now);
                if (start == null) {
                    throw new Refused(422, "No unscheduled outage is open: send 'from' (and 'to', default now) to "
                            + "post the closing notice of an earlier one.");
                }
                if (!end.isAfter(start)) {
                    throw new Refused(422, "'to' (" + rules.local(end) + ") must be after 'from' (" + rules.local(start) + ").");
                }
                openFrom = null;
                openServices = null;
                restoredAt = null;
                return postEnded(start, end, by, extra);
            }
            default -> throw new IllegalStateException();
        }
    }

    /** The scheduled outages announced so far. */
    public List<OutageRules.Window> scheduled() {
        List<OutageRules.Window> out = new ArrayList<>();
        for (PostedNotice n : notices.list(Integer.MAX_VALUE)) {
            if (isScheduled(n)) {
                out.add(new OutageRules.Window(n.from(), n.to()));
            }
        }
        return out;
    }

    private static boolean isScheduled(PostedNotice n) {
        return n.kind() == PostedNotice.Kind.OUTAGE && n.party() == null && n.title().startsWith(SCHEDULED)
                && n.from() != null && n.to() != null;
    }

    /** Reminders due, then the watched services. */
    public synchronized void tick() {
        Instant now = clock.instant();
        List<PostedNotice> all = notices.list(Integer.MAX_VALUE);
        for (PostedNotice n : all) {
            if (isScheduled(n) && !now.isBefore(n.from().minus(reminderBefore)) && now.isBefore(n.from())
                    && all.stream().noneMatch(r -> r.title().equals(REMINDER + n.title()))) {
                notices.post(PostedNotice.Kind.OUTAGE, REMINDER + n.title(), "Reminder: " + n.text() + "\n\n(notice " + n.id() + ")",
                        n.from(), n.to(), "mdma", null);
            }
        }
        watch(now, all);
    }

    private void watch(Instant now, List<PostedNotice> all) {
        if (watched.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> s : watched.entrySet()) {
            boolean up;
            try {
                up = probe.test(s.getValue());
            } catch (RuntimeException e) {
                up = false;
            }
            if (up) {
                if (downSince.remove(s.getKey()) != null) {
                    LOG.infof("%s is ready again", s.getKey());
                }
            } else if (!downSince.containsKey(s.getKey())) {
                downSince.put(s.getKey(), now);
                LOG.warnf("%s is down or not ready (%s)", s.getKey(), s.getValue());
            }
        }
        if (!downSince.isEmpty()) {
            restoredAt = null;
            Instant first = downSince.values().stream().min(Instant::compareTo).orElseThrow();
            boolean inScheduledWindow = all.stream().anyMatch(n -> isScheduled(n) && !now.isBefore(n.from()) && now.isBefore(n.to()));
            if (openFrom == null && !inScheduledWindow && !now.isBefore(first.plus(noticeAfter))) {
                openFrom = first;
                openServices = String.join(", ", downSince.keySet());
                postUnscheduled(first, "mdma", "");
            }
        } else if (openFrom != null) {
            if (restoredAt == null) {
                restoredAt = now;
            } else if (!now.isBefore(restoredAt.plus(closeAfter))) {
                Instant start = openFrom;
                Instant end = restoredAt;
                openFrom = null;
                openServices = null;
                restoredAt = null;
                postEnded(start, end, "mdma", "");
            }
        }
    }

    private PostedNotice postUnscheduled(Instant start, String by, String extra) {
        return notices.post(PostedNotice.Kind.OUTAGE, UNSCHEDULED + " since " + rules.local(start),
                "The MDMA server is not fully available since " + rules.local(start) + " (" + openServices
                        + "). Files are posted to the mailboxes once service returns; a closing notice follows." + extra,
                start, null, by, null);
    }

    private PostedNotice postEnded(Instant start, Instant end, String by, String extra) {
        return notices.post(PostedNotice.Kind.OUTAGE,
                ENDED + ": outage " + rules.local(start) + " to " + rules.local(end),
                "Service is back. The unscheduled outage lasted from " + rules.local(start) + " to " + rules.local(end)
                        + " (" + OutageRules.hours(Duration.between(start, end)) + ")." + extra,
                start, end, by, null);
    }

    /** For the status page and tests. */
    public synchronized Map<String, Instant> down() {
        return Map.copyOf(downSince);
    }
}
