package energy.mdma.timeliness;

import energy.mdma.events.PrevailingTime;

import energy.mdma.events.DataType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The timeliness rules (timeliness.md) and how far the service looks.
 *
 * @param zone              local time zone of the deadlines ({@code America/Los_Angeles})
 * @param holidays          holidays that are no working days (non-interval deadlines)
 * @param intervalTargets   deadline k -> percent of obligations to meet by it, interval data
 * @param nonIntervalTargets deadline k -> percent, non-interval data
 * @param nonIntervalCutoff local time of day of the non-interval deadlines (06:00)
 * @param atRiskWindow      a cohort is at risk for k when deadline k is less than this far away and its
 *                          share met is below target (6 hours)
 * @param noticeWindow      a MISSED notice is sent only while its deadline passed less than this long
 *                          ago, so that replaying years of history does not notify old misses again
 * @param activeDays        read dates from today minus this many days to today are evaluated by
 *                          {@link TimelinessState#evaluate} (figures and notices)
 * @param metricsReadDates  how many of the most recent read dates of each UDC are exported as gauges
 * @param noticeAuthor      {@code postedBy} of the notices
 */
public record TimelinessConfig(ZoneId zone, HolidayCalendar holidays,
                               Map<Integer, BigDecimal> intervalTargets,
                               Map<Integer, BigDecimal> nonIntervalTargets,
                               LocalTime nonIntervalCutoff, Duration atRiskWindow, Duration noticeWindow,
                               int activeDays, int metricsReadDates, String noticeAuthor) {

    public static final ZoneId LOS_ANGELES = PrevailingTime.ZONE;

    public TimelinessConfig {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(holidays, "holidays");
        intervalTargets = Collections.unmodifiableMap(new TreeMap<>(intervalTargets));
        nonIntervalTargets = Collections.unmodifiableMap(new TreeMap<>(nonIntervalTargets));
        if (!intervalTargets.keySet().equals(nonIntervalTargets.keySet()) || intervalTargets.isEmpty()) {
            throw new IllegalArgumentException("interval and non-interval targets must name the same deadlines");
        }
        intervalTargets.keySet().forEach(k -> {
            if (k < 1) {
                throw new IllegalArgumentException("deadline k must be at least 1: " + k);
            }
        });
        Objects.requireNonNull(nonIntervalCutoff, "nonIntervalCutoff");
        Objects.requireNonNull(atRiskWindow, "atRiskWindow");
        Objects.requireNonNull(noticeWindow, "noticeWindow");
        Objects.requireNonNull(noticeAuthor, "noticeAuthor");
    }

    /** timeliness.md as written: America/Los_Angeles, NERC holidays, 1/2/5 with 80/90/99.99 and 85/95/99.99. */
    public static TimelinessConfig defaults() {
        return new TimelinessConfig(LOS_ANGELES, HolidayCalendar.nerc(),
                Map.of(1, new BigDecimal("80.00"), 2, new BigDecimal("90.00"), 5, new BigDecimal("99.99")),
                Map.of(1, new BigDecimal("85.00"), 2, new BigDecimal("95.00"), 5, new BigDecimal("99.99")),
                LocalTime.of(6, 0), Duration.ofHours(6), Duration.ofDays(7), 21, 30, "mdma-timeliness");
    }

    public TimelinessConfig withHolidays(HolidayCalendar h) {
        return new TimelinessConfig(zone, h, intervalTargets, nonIntervalTargets, nonIntervalCutoff, atRiskWindow,
                noticeWindow, activeDays, metricsReadDates, noticeAuthor);
    }

    public TimelinessConfig withZone(ZoneId z) {
        return new TimelinessConfig(z, holidays, intervalTargets, nonIntervalTargets, nonIntervalCutoff, atRiskWindow,
                noticeWindow, activeDays, metricsReadDates, noticeAuthor);
    }

    public TimelinessConfig withNoticeWindow(Duration w) {
        return new TimelinessConfig(zone, holidays, intervalTargets, nonIntervalTargets, nonIntervalCutoff, atRiskWindow,
                w, activeDays, metricsReadDates, noticeAuthor);
    }

    public TimelinessConfig withActiveDays(int days) {
        return new TimelinessConfig(zone, holidays, intervalTargets, nonIntervalTargets, nonIntervalCutoff, atRiskWindow,
                noticeWindow, days, metricsReadDates, noticeAuthor);
    }

    public TimelinessConfig withMetricsReadDates(int n) {
        return new TimelinessConfig(zone, holidays, intervalTargets, nonIntervalTargets, nonIntervalCutoff, atRiskWindow,
                noticeWindow, activeDays, n, noticeAuthor);
    }

    /** The deadlines k, ascending (1, 2, 5). */
    public List<Integer> deadlines() {
        return List.copyOf(intervalTargets.keySet());
    }

    public BigDecimal target(DataType type, int k) {
        BigDecimal t = (type == DataType.INTERVAL ? intervalTargets : nonIntervalTargets).get(k);
        if (t == null) {
            throw new IllegalArgumentException("no deadline " + k);
        }
        return t;
    }

    /**
     * Deadline k of read date R: interval data, end of local day R + k (the midnight that starts
     * R + k + 1, exclusive); non-interval data, {@link #nonIntervalCutoff} local on the k-th working day
     * after R (inclusive).
     */
    public Deadline deadline(DataType type, LocalDate readDate, int k) {
        if (type == DataType.INTERVAL) {
            return new Deadline(k, readDate.plusDays(k + 1L).atStartOfDay(zone).toInstant(), false);
        }
        LocalDate day = holidays.workingDayAfter(readDate, k);
        return new Deadline(k, day.atTime(nonIntervalCutoff).atZone(zone).toInstant(), true);
    }
}
