package energy.mdma.vee.topology;

import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import energy.mdma.vee.engine.ChannelEvaluator;
import energy.mdma.vee.model.ChannelConfig;
import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.ReceivedIntervals;
import energy.mdma.vee.model.VeeParameterCatalog;
import energy.mdma.vee.model.VeeParameters;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which periods reach beyond the data received so far, on the engine's results for a small channel. */
class ArrivalEdgeTest {
    static final VeeParameters P = VeeParameterCatalog.defaultsOnly().forMeterClass(null);
    static final List<LocalDate> READ_DATES = List.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31),
            LocalDate.of(2025, 11, 30));
    static final ChannelConfig INTERVAL = new ChannelConfig("A1", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0,
            BigDecimal.ONE, 15, 5);
    static final ChannelConfig REGISTER = new ChannelConfig("A2", 1, Uom.KWH, RawUnit.UNIT, BigDecimal.ONE, 0,
            BigDecimal.ONE, 0, 5);
    static final Instant LATER = Instant.parse("2026-02-01T00:00:00Z");

    static Instant local(LocalDate d, int hour, int minute) {
        return LocalDateTime.of(d, LocalTime.of(hour, minute)).atZone(LocalGrid.ZONE).toInstant();
    }

    /** 0.25 in every interval from the first read date up to {@code lastEnd} (an interval end). */
    static ReceivedIntervals dataUpTo(Instant lastEnd) {
        List<ReceivedIntervals.DayBlock> blocks = new ArrayList<>();
        for (LocalDate d = READ_DATES.get(0); !LocalGrid.startOfDay(d).isAfter(lastEnd); d = d.plusDays(1)) {
            ReceivedIntervals.DayBlock b = ReceivedIntervals.DayBlock.empty(d, LocalGrid.intervalsPerDay(d, 15));
            for (int k = 0; k < b.values().length && !LocalGrid.endOf(d, k, 15).isAfter(lastEnd); k++) {
                b.values()[k] = 250_000;
                b.present()[k] = true;
            }
            if (!b.isEmpty()) {
                blocks.add(b);
            }
        }
        return ReceivedIntervals.ofBlocks(15, blocks);
    }

    static List<Boolean> beyond(ChannelConfig c, ReceivedIntervals data, List<DialReading> readings, Instant now) {
        LocalDate lastReading = readings.stream().map(DialReading::readTime).max(Instant::compareTo)
                .map(LocalGrid::localDate).orElse(null);
        List<EvaluatedPeriod> results = ChannelEvaluator.evaluate(c, READ_DATES, data, readings, P, now);
        assertEquals(2, results.size());
        return results.stream().map(r -> ArrivalEdge.beyond(r, data.lastReceived(), lastReading)).toList();
    }

    @Test
    void trailingDaysPastTheirDeadlineWithoutDataAreBeyondTheEdge() {
        ReceivedIntervals data = dataUpTo(local(LocalDate.of(2025, 11, 11), 0, 0));
        assertEquals(List.of(false, true), beyond(INTERVAL, data, List.of(), LATER),
                "P(10-31) is behind the last received interval; P(11-30)'s days after 11-10 would be estimated");
        ReceivedIntervals all = dataUpTo(local(LocalDate.of(2025, 11, 30), 0, 0));
        assertEquals(List.of(false, false), beyond(INTERVAL, all, List.of(), LATER));
        assertEquals(List.of(true, true), beyond(INTERVAL, ReceivedIntervals.empty(15), List.of(), LATER),
                "nothing received: every due interval is beyond the edge");
    }

    @Test
    void trailingIntervalsNotDueYetAreNotBeyondTheEdge() {
        // the live case: today's data arriving, the period PENDING: still published while the input arrives
        ReceivedIntervals data = dataUpTo(local(LocalDate.of(2025, 11, 10), 21, 0));
        Instant beforeDeadline = local(LocalDate.of(2025, 11, 11), 1, 0);
        assertEquals(List.of(false, false), beyond(INTERVAL, data, List.of(), beforeDeadline));
        Instant afterDeadline = local(LocalDate.of(2025, 11, 11), 2, 0);
        assertEquals(List.of(false, true), beyond(INTERVAL, data, List.of(), afterDeadline));
    }

    @Test
    void theSumCheckAndTheClosingReadingAreBeyondTheEdgeUntilTheirDataArrived() {
        List<DialReading> both = List.of(new DialReading(local(LocalDate.of(2025, 10, 1), 8, 0), 1000),
                new DialReading(local(LocalDate.of(2025, 10, 31), 8, 0), 1700));
        // intervals up to 06:00 on 10-31: the sum check of P(10-31) reaches 08:00
        ReceivedIntervals toSix = dataUpTo(local(LocalDate.of(2025, 10, 31), 6, 0));
        assertTrue(beyond(INTERVAL, toSix, both, LATER).get(0));
        ReceivedIntervals toNine = dataUpTo(local(LocalDate.of(2025, 10, 31), 9, 0));
        assertFalse(beyond(INTERVAL, toNine, both, LATER).get(0));
        // the channel has readings, but the one for 10-31 has not come yet
        ReceivedIntervals all = dataUpTo(local(LocalDate.of(2025, 11, 30), 0, 0));
        assertEquals(List.of(true, true), beyond(INTERVAL, all, both.subList(0, 1), LATER));
        // a channel without any reading is not waiting for one
        assertEquals(List.of(false, false), beyond(INTERVAL, all, List.of(), LATER));
    }

    @Test
    void aRegisterPeriodWithoutItsClosingReadingIsBeyondTheEdgeUntilALaterReadingCame() {
        List<DialReading> two = List.of(new DialReading(local(LocalDate.of(2025, 10, 1), 8, 0), 1000),
                new DialReading(local(LocalDate.of(2025, 10, 31), 8, 0), 1700));
        ReceivedIntervals none = ReceivedIntervals.empty(0);
        assertEquals(List.of(false, true), beyond(REGISTER, none, two, LATER));
        // a reading after the read date: the one for 11-30 is not coming (really missing)
        List<DialReading> later = new ArrayList<>(two);
        later.add(new DialReading(local(LocalDate.of(2025, 12, 3), 8, 0), 2500));
        assertEquals(List.of(false, false), beyond(REGISTER, none, later, LATER));
        // not due yet: not beyond (the period is PENDING)
        assertEquals(List.of(false, false), beyond(REGISTER, none, two, local(LocalDate.of(2025, 11, 30), 12, 0)));
    }
}
