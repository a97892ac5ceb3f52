package energy.mdma.vee.rules;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import energy.mdma.vee.model.DayType;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.VeeParameters;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GridAndCalendarTest {

    @Test
    void dstDaysHave92And100Intervals() {
        assertEquals(96, LocalGrid.intervalsPerDay(LocalDate.of(2025, 11, 3), 15));
        assertEquals(92, LocalGrid.intervalsPerDay(LocalDate.of(2025, 3, 9), 15));
        assertEquals(100, LocalGrid.intervalsPerDay(LocalDate.of(2025, 11, 2), 15));
        assertEquals(23, LocalGrid.intervalsPerDay(LocalDate.of(2025, 3, 9), 60));
        assertEquals(300, LocalGrid.intervalsPerDay(LocalDate.of(2025, 11, 2), 5));
    }

    @Test
    void intervalEndingAtMidnightBelongsToDayBefore() {
        var end = OffsetDateTime.parse("2025-12-05T00:00-08:00").toInstant();
        assertEquals(LocalDate.of(2025, 12, 4), LocalGrid.dayOf(end));
        assertEquals(95, LocalGrid.positionOf(end, 15));
        var first = OffsetDateTime.parse("2025-12-05T00:15-08:00").toInstant();
        assertEquals(LocalDate.of(2025, 12, 5), LocalGrid.dayOf(first));
        assertEquals(0, LocalGrid.positionOf(first, 15));
    }

    /**
     * dayOf and localDate read the table of day starts: the same day as the zone rules give for every 5-minute end from
     * 2019 to 2027 (DST days, leap days, midnights), for every second of the two minutes around each midnight and some
     * up to three hours after it (DST changes) of 13 years, at the table's edges (1900, 2299) and beyond them.
     */
    @Test
    void dayOfIsTheZoneRulesDay() {
        long from = OffsetDateTime.parse("2019-01-01T00:00Z").toEpochSecond();
        long to = OffsetDateTime.parse("2027-12-31T00:00Z").toEpochSecond();
        int checked = 0;
        for (long s = from; s < to; s += 300) {
            assertTheRulesDay(Instant.ofEpochSecond(s));
            checked++;
        }
        for (int year : new int[] {1900, 1901, 1918, 1969, 1970, 2007, 2025, 2026, 2298, 2299, 2300, 2301, 1899}) {
            for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
                long start = d.atStartOfDay(LocalGrid.ZONE).toEpochSecond();
                for (long s = start - 60; s <= start + 60; s++) {
                    assertTheRulesDay(Instant.ofEpochSecond(s));
                    checked++;
                }
                for (long s = start - 7201; s <= start + 10801; s += 599) {
                    assertTheRulesDay(Instant.ofEpochSecond(s));
                    checked++;
                }
            }
        }
        var withNanos = OffsetDateTime.parse("2025-12-05T00:00:00.5-08:00").toInstant();
        assertEquals(LocalDate.of(2025, 12, 5), LocalGrid.dayOf(withNanos));
        assertEquals(LocalDate.of(2025, 12, 5), LocalGrid.localDate(withNanos));
        assertEquals(LocalDate.of(2025, 12, 4), LocalGrid.localDate(withNanos.minusSeconds(1)));
        assertEquals(true, checked > 1_000_000, "checked " + checked);
    }

    /** dayOf and localDate of {@code t} as the zone rules give them (an end at local midnight: the day before). */
    private static void assertTheRulesDay(Instant t) {
        ZonedDateTime z = t.atZone(LocalGrid.ZONE);
        LocalDate endsIn = z.toLocalTime().equals(LocalTime.MIDNIGHT) ? z.toLocalDate().minusDays(1) : z.toLocalDate();
        assertEquals(endsIn, LocalGrid.dayOf(t), t::toString);
        assertEquals(z.toLocalDate(), LocalGrid.localDate(t), t::toString);
    }

    @Test
    void fallBackDayPositionsCountInstants() {
        var pdt = OffsetDateTime.parse("2025-11-02T01:15-07:00").toInstant();
        var pst = OffsetDateTime.parse("2025-11-02T01:15-08:00").toInstant();
        assertEquals(4, LocalGrid.positionOf(pdt, 15));
        assertEquals(8, LocalGrid.positionOf(pst, 15));
        assertEquals(LocalGrid.wallMinuteOfDay(pdt), LocalGrid.wallMinuteOfDay(pst));
        assertEquals(pst, LocalGrid.endOf(LocalDate.of(2025, 11, 2), 8, 15));
        assertEquals(99, LocalGrid.positionOf(OffsetDateTime.parse("2025-11-03T00:00-08:00").toInstant(), 15));
    }

    @Test
    void springForwardDaySkipsTheMissingHour() {
        var threeAm = OffsetDateTime.parse("2025-03-09T03:00-07:00").toInstant();
        assertEquals(7, LocalGrid.positionOf(threeAm, 15)); // 00:15..01:45, then 03:00
        assertEquals(91, LocalGrid.positionOf(OffsetDateTime.parse("2025-03-10T00:00-07:00").toInstant(), 15));
    }

    @Test
    void offGridEndIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> LocalGrid.positionOf(OffsetDateTime.parse("2025-12-05T00:10-08:00").toInstant(), 15));
    }

    @Test
    void dayTypes() {
        assertEquals(DayType.WEEKDAY, LikeDays.dayType(LocalDate.of(2025, 11, 28)));
        assertEquals(DayType.SUNDAY_HOLIDAY, LikeDays.dayType(LocalDate.of(2025, 11, 27)));
        assertEquals(DayType.SATURDAY, LikeDays.dayType(LocalDate.of(2025, 11, 29)));
        assertEquals(DayType.SUNDAY_HOLIDAY, LikeDays.dayType(LocalDate.of(2025, 11, 30)));
        assertEquals(DayType.SUNDAY_HOLIDAY, LikeDays.dayType(LocalDate.of(2022, 12, 26))); // observed Monday
        assertEquals(DayType.SUNDAY_HOLIDAY, LikeDays.dayType(LocalDate.of(2021, 12, 25))); // Saturday holiday
    }

    @Test
    void referenceDaysAreMostRecentCleanLikeDaysWithinLookback() {
        VeeParameters p = VeeParameters.defaults();
        LocalDate d = LocalDate.of(2025, 11, 28); // Friday after Thanksgiving
        Set<LocalDate> dirty = Set.of(LocalDate.of(2025, 11, 25));
        List<LocalDate> refs = LikeDays.referenceDays(d, x -> !dirty.contains(x), p);
        assertEquals(List.of(LocalDate.of(2025, 11, 26), LocalDate.of(2025, 11, 24), LocalDate.of(2025, 11, 21)),
                refs);
        List<LocalDate> holidayRefs = LikeDays.referenceDays(LocalDate.of(2025, 11, 27), x -> true, p);
        assertEquals(List.of(LocalDate.of(2025, 11, 23), LocalDate.of(2025, 11, 16), LocalDate.of(2025, 11, 9)),
                holidayRefs);
        // only days D-28..D-1 qualify: for Saturday 2025-11-29, D-28 is Saturday 2025-11-01
        LocalDate sat = LocalDate.of(2025, 11, 29);
        assertEquals(List.of(LocalDate.of(2025, 11, 8)), LikeDays.referenceDays(sat,
                x -> x.isBefore(LocalDate.of(2025, 11, 1)) || x.equals(LocalDate.of(2025, 11, 8)), p));
        assertEquals(List.of(LocalDate.of(2025, 11, 1)), LikeDays.referenceDays(sat,
                x -> !x.isAfter(LocalDate.of(2025, 11, 1)), p));
        assertEquals(List.of(), LikeDays.referenceDays(sat, x -> x.isBefore(LocalDate.of(2025, 11, 1)), p));
        // like_day_count limits the number
        assertEquals(2, LikeDays.referenceDays(sat, x -> true, p.withLikeDayCount(2)).size());
    }
}
