package energy.mdma.vee.rules;

import energy.mdma.events.IntervalStatus;
import energy.mdma.events.NercHolidays;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;

import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.DayType;
import energy.mdma.vee.model.LocalGrid;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tables behind the day starts, day lengths and day types, and the validation's fast path, against their definitions. */
class CachedCalendarTest {

    @Test
    void dayStartsLengthsAndTypesEqualTheirDefinitionsEveryDay() {
        // also across the ends of the tables (1900, 2300) and their chunks
        for (LocalDate d = LocalDate.of(1899, 12, 1); d.isBefore(LocalDate.of(1901, 1, 1)); d = d.plusDays(1)) {
            check(d);
        }
        for (LocalDate d = LocalDate.of(2000, 1, 1); d.isBefore(LocalDate.of(2041, 1, 1)); d = d.plusDays(1)) {
            check(d);
        }
        for (LocalDate d = LocalDate.of(2299, 12, 1); d.isBefore(LocalDate.of(2300, 2, 1)); d = d.plusDays(1)) {
            check(d);
        }
    }

    private static void check(LocalDate d) {
        assertEquals(d.atStartOfDay(LocalGrid.ZONE).toInstant(), LocalGrid.startOfDay(d), d.toString());
        long minutes = Duration.between(d.atStartOfDay(LocalGrid.ZONE), d.plusDays(1).atStartOfDay(LocalGrid.ZONE))
                .toMinutes();
        for (int im : new int[] {5, 15, 30, 60}) {
            assertEquals((int) (minutes / im), LocalGrid.intervalsPerDay(d, im), d + " " + im);
        }
        DayType type = d.getDayOfWeek() == DayOfWeek.SUNDAY || NercHolidays.isHoliday(d) ? DayType.SUNDAY_HOLIDAY
                : d.getDayOfWeek() == DayOfWeek.SATURDAY ? DayType.SATURDAY : DayType.WEEKDAY;
        assertEquals(type, LikeDays.dayType(d), d.toString());
    }

    @Test
    void theValidationsFastPathAgreesWithTheChecks() {
        ChannelConfig[] configs = {
            new ChannelConfig("M", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0, BigDecimal.ONE, 15, 5),
            new ChannelConfig("M", 1, Uom.KWH, RawUnit.PULSE, BigDecimal.ONE, 0, BigDecimal.ONE, 15, 5),
            new ChannelConfig("M", 1, Uom.KWH, RawUnit.PULSE, BigDecimal.ONE, 10, BigDecimal.ONE, 15, 5),
        };
        long[] raws = {Long.MIN_VALUE, -1, 0, 1, 9_999_999, 10_000_000, 10_000_001, Long.MAX_VALUE};
        for (ChannelConfig c : configs) {
            for (boolean received : new boolean[] {true, false}) {
                for (long raw : raws) {
                    for (int bits = 0; bits < 16; bits++) {
                        byte expected = 0;
                        for (IntervalCheck check : IntervalValidation.checks()) {
                            if (check.applies(received, raw, bits, c)) {
                                expected = check.reason().code();
                                break;
                            }
                        }
                        assertEquals(expected, IntervalValidation.validate(received, raw, bits, c),
                                c.rawUnit() + " " + received + " " + raw + " " + IntervalStatus.values().length + " " + bits);
                    }
                }
            }
        }
    }
}
