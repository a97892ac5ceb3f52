package energy.mdma.delivery.outage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a scheduled outage (operations.md section 3): posted at least 24 hours ahead, inside the local
 * window 02:00-05:00 (America/Los_Angeles) of one day, and the month's scheduled downtime (with this one) under 8
 * hours. Pure: the caller passes the time and the outages already scheduled.
 */
public record OutageRules(ZoneId zone, LocalTime windowStart, LocalTime windowEnd, Duration minLead,
                          Duration monthLimit) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    /** A scheduled outage: [from, to). */
    public record Window(Instant from, Instant to) {
        public Duration length() {
            return Duration.between(from, to);
        }
    }

    public static OutageRules of(OutageConfig c) {
        return new OutageRules(ZoneId.of(c.zone()), LocalTime.parse(c.windowStart()), LocalTime.parse(c.windowEnd()),
                c.minLead(), c.monthLimit());
    }

    /** Why the outage is refused (a sentence a person can act on), or empty when it is accepted. */
    public Optional<String> refusal(Window w, Instant now, List<Window> scheduled) {
        if (!w.to().isAfter(w.from())) {
            return Optional.of("'to' (" + local(w.to()) + ") must be after 'from' (" + local(w.from()) + ").");
        }
        if (w.from().isBefore(now.plus(minLead))) {
            return Optional.of("A scheduled outage is announced at least " + hours(minLead) + " ahead: it starts at "
                    + local(w.from()) + ", only " + hours(Duration.between(now, w.from()).isNegative() ? Duration.ZERO
                    : Duration.between(now, w.from())) + " from now. Choose a start after " + local(now.plus(minLead)) + ".");
        }
        LocalDate day = w.from().atZone(zone).toLocalDate();
        Instant windowFrom = ZonedDateTime.of(day, windowStart, zone).toInstant();
        Instant windowTo = ZonedDateTime.of(day, windowEnd, zone).toInstant();
        if (w.from().isBefore(windowFrom) || w.to().isAfter(windowTo)) {
            return Optional.of("A scheduled outage must lie within " + windowStart + "-" + windowEnd + " local time ("
                    + zone + ") of one day: " + local(w.from()) + " to " + local(w.to()) + " is outside the window of "
                    + day + " (" + local(windowFrom) + " to " + local(windowTo) + ").");
        }
        YearMonth month = YearMonth.from(w.from().atZone(zone));
        Duration total = w.length();
        for (Window s : scheduled) {
            if (YearMonth.from(s.from().atZone(zone)).equals(month)) {
                total = total.plus(s.length());
            }
        }
        if (total.compareTo(monthLimit) >= 0) {
            return Optional.of("The scheduled downtime of " + month + " would be " + hours(total) + " with this outage ("
                    + hours(w.length()) + "); it must stay under " + hours(monthLimit) + ". Shorten it or move it to another month.");
        }
        return Optional.empty();
    }

    public String local(Instant t) {
        return LOCAL.format(t.atZone(zone));
    }

    static String hours(Duration d) {
        long m = d.toMinutes();
        return m % 60 == 0 ? (m / 60) + " h" : (m / 60) + " h " + (m % 60) + " min";
    }
}
