package energy.mdma.timeliness;

import static energy.mdma.timeliness.Fx.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.events.DataType;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final TimelinessConfig config = TimelinessConfig.defaults();

    private Deadline interval(String r, int k) {
        return config.deadline(DataType.INTERVAL, LocalDate.parse(r), k);
    }

    private Deadline nonInterval(String r, int k) {
        return config.deadline(DataType.NON_INTERVAL, LocalDate.parse(r), k);
    }

    @Test
    void intervalDeadlineIsTheEndOfLocalDayRPlusK() {
        Deadline d = interval("2025-11-20", 1);
        assertEquals(Instant.parse("2025-11-22T08:00:00Z"), d.at());
        assertTrue(d.meets(local("2025-11-21T23:59:59.999")));
        assertFalse(d.meets(local("2025-11-22T00:00")), "midnight belongs to the next day");
        assertEquals(Instant.parse("2025-11-23T08:00:00Z"), interval("2025-11-20", 2).at());
        assertEquals(Instant.parse("2025-11-26T08:00:00Z"), interval("2025-11-20", 5).at());
    }

    @Test
    void intervalDeadlinesAcrossFallBack() {
        // local day 2025-11-02 has 25 hours; its end is 00:00 PST (-08:00)
        assertEquals(Instant.parse("2025-11-03T08:00:00Z"), interval("2025-11-01", 1).at());
        // the day before ends at 00:00 PDT (-07:00)
        assertEquals(Instant.parse("2025-11-02T07:00:00Z"), interval("2025-10-31", 1).at());
        assertTrue(interval("2025-11-01", 1).meets(Instant.parse("2025-11-03T07:30:00Z")));
    }

    @Test
    void intervalDeadlinesAcrossSpringForward() {
        // local day 2026-03-08 has 23 hours; its end is 00:00 PDT (-07:00)
        assertEquals(Instant.parse("2026-03-09T07:00:00Z"), interval("2026-03-07", 1).at());
        assertEquals(Instant.parse("2026-03-08T08:00:00Z"), interval("2026-03-06", 1).at());
    }

    @Test
    void nonIntervalDeadlineIsSixOnTheKthWorkingDay() {
        // Friday 2025-11-28 (after Thanksgiving): Monday, Tuesday, Friday
        assertEquals(local("2025-12-01T06:00"), nonInterval("2025-11-28", 1).at());
        assertEquals(local("2025-12-02T06:00"), nonInterval("2025-11-28", 2).at());
        assertEquals(local("2025-12-05T06:00"), nonInterval("2025-11-28", 5).at());
        // Wednesday before Christmas, k=5 also crosses New Year
        assertEquals(local("2025-12-26T06:00"), nonInterval("2025-12-24", 1).at());
        assertEquals(local("2026-01-02T06:00"), nonInterval("2025-12-24", 5).at());
        Deadline d = nonInterval("2025-12-24", 1);
        assertTrue(d.meets(local("2025-12-26T06:00")), "06:00 itself is in time");
        assertFalse(d.meets(local("2025-12-26T06:00:00.001")));
        assertFalse(d.passed(local("2025-12-26T06:00")));
        assertTrue(d.passed(local("2025-12-26T06:00:01")));
    }

    @Test
    void nonIntervalDeadlineAcrossDst() {
        // Friday 2026-03-06; Monday 2026-03-09 06:00 is PDT (-07:00)
        assertEquals(Instant.parse("2026-03-09T13:00:00Z"), nonInterval("2026-03-06", 1).at());
        // Friday 2025-10-31; Monday 2025-11-03 06:00 is PST (-08:00)
        assertEquals(Instant.parse("2025-11-03T14:00:00Z"), nonInterval("2025-10-31", 1).at());
    }

    @Test
    void holidayCalendarOfTheConfigIsUsed() {
        TimelinessConfig noHolidays = config.withHolidays(HolidayCalendar.none());
        assertEquals(local("2025-12-25T06:00"),
                noHolidays.deadline(DataType.NON_INTERVAL, LocalDate.parse("2025-12-24"), 1).at());
    }
}
