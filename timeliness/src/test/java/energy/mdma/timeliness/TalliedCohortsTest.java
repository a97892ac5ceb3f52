package energy.mdma.timeliness;

import static energy.mdma.timeliness.Fx.doc;
import static energy.mdma.timeliness.Fx.meter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import energy.mdma.events.ObligationMet;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.ScheduledReadDate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cohorts a ticking state keeps up to date event by event (the active window and the gauges' read dates)
 * equal those counted from scratch over the same events: meters added, changed (UDC, ESP, cycle, data type) and
 * deleted, read dates added and deleted (also a cycle's first), 867s posted for whole accounts and for named
 * meters, earlier and later than the evaluation instant, met obligations replayed, and read dates pruned.
 */
class TalliedCohortsTest {

    private static final LocalDate TODAY = LocalDate.parse("2025-11-25");
    private static final String[] UDCS = {"SCE", "PGE"};
    private static final String[] ESPS = {"", "ESP01", "ESP02"}; // blank: no ESP
    private static final String[] CYCLES = {"01", "02", "03"};

    private final TimelinessConfig config = TimelinessConfig.defaults().withActiveDays(12).withMetricsReadDates(4);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void ticksCountWhatACountFromScratchCounts(long seed) {
        Random random = new Random(seed);
        Instant now = TODAY.atTime(12, 0).atZone(config.zone()).toInstant();
        TimelinessState ticking = new TimelinessState(config);
        List<Consumer<TimelinessState>> events = new ArrayList<>();
        Consumer<Consumer<TimelinessState>> both = e -> {
            events.add(e);
            e.accept(ticking);
        };
        java.util.Map<String, java.util.TreeSet<LocalDate>> schedule = new java.util.HashMap<>();
        for (String cycle : CYCLES) {
            for (int back = 10 + random.nextInt(8); back >= -5; back -= 7 + random.nextInt(8)) {
                LocalDate r = TODAY.minusDays(back);
                schedule.computeIfAbsent(cycle, c -> new java.util.TreeSet<>()).add(r);
                both.accept(s -> s.apply(read(cycle, r)));
            }
        }
        for (int i = 0; i < 40; i++) {
            both.accept(randomMeter(random, i));
        }
        ticking.evaluate(now); // from here on the ticking state tallies its window
        int checks = 0;
        for (int step = 0; step < 600; step++) {
            int what = random.nextInt(100);
            if (what < 15) {
                both.accept(randomMeter(random, random.nextInt(50)));
            } else if (what < 18) {
                String id = "M" + random.nextInt(50);
                both.accept(s -> s.removeMeter(id));
            } else if (what < 22) {
                // a read date anywhere, or before the cycle's first (which then closes a period)
                String cycle = CYCLES[random.nextInt(CYCLES.length)];
                java.util.TreeSet<LocalDate> dates = schedule.computeIfAbsent(cycle, c -> new java.util.TreeSet<>());
                LocalDate r = random.nextBoolean() || dates.isEmpty() ? TODAY.minusDays(random.nextInt(45) - 3)
                        : dates.first().minusDays(1 + random.nextInt(10));
                dates.add(r);
                both.accept(s -> s.apply(read(cycle, r)));
            } else if (what < 25) {
                // a read date deleted: any, or the cycle's first (the next one then closes no period)
                String cycle = CYCLES[random.nextInt(CYCLES.length)];
                java.util.TreeSet<LocalDate> dates = schedule.computeIfAbsent(cycle, c -> new java.util.TreeSet<>());
                LocalDate r = random.nextBoolean() || dates.isEmpty() ? TODAY.minusDays(random.nextInt(45) - 3)
                        : dates.first();
                dates.remove(r);
                both.accept(s -> s.removeReadDate(cycle, r));
            } else if (what < 85) {
                both.accept(randomPosting(random, step, now));
            } else if (what < 95) {
                ObligationMet o = ObligationMet.newBuilder()
                        .setMeterId("M" + random.nextInt(50)).setServiceAccount("A" + random.nextInt(20))
                        .setUdcId(UDCS[random.nextInt(UDCS.length)]).setEspId(null)
                        .setDataType(energy.mdma.events.DataType.INTERVAL)
                        .setReadDate(TODAY.minusDays(random.nextInt(40)))
                        .setMetAt(now.minus(Duration.ofHours(random.nextInt(24 * 30))))
                        .setFileId("O" + step).build();
                both.accept(s -> s.apply(o));
            } else if (what < 97) {
                LocalDate keepFrom = TODAY.minusDays(20 + random.nextInt(30));
                both.accept(s -> s.prune(keepFrom));
            } else {
                now = now.plus(Duration.ofHours(random.nextInt(30)));
                ticking.evaluate(now); // moves the window when the day changes
            }
            if (step % 20 == 19) {
                TimelinessState fromScratch = new TimelinessState(config);
                events.forEach(e -> e.accept(fromScratch));
                LocalDate today = now.atZone(config.zone()).toLocalDate();
                for (String udc : new String[] {null, "SCE", "PGE"}) {
                    for (Instant at : List.of(now, now.minus(Duration.ofDays(3)))) {
                        List<Cohort> expected = fromScratch.cohorts(udc, today.minusDays(config.activeDays()), today, at);
                        assertEquals(expected, ticking.cohorts(udc, today.minusDays(config.activeDays()), today, at),
                                "seed " + seed + ", step " + step + ", udc " + udc + ", at " + at);
                        checks += expected.size();
                    }
                }
                assertEquals(fromScratch.gauges(now), ticking.gauges(now), "seed " + seed + ", step " + step);
            }
        }
        assertFalse(checks == 0, "no cohort was compared");
    }

    private static ScheduledReadDate read(String cycle, LocalDate r) {
        return ScheduledReadDate.newBuilder().setReadCycle(cycle).setReadDate(r).build();
    }

    private static Consumer<TimelinessState> randomMeter(Random random, int i) {
        var e = meter("M" + i, "A" + random.nextInt(20), UDCS[random.nextInt(UDCS.length)],
                ESPS[random.nextInt(ESPS.length)], CYCLES[random.nextInt(CYCLES.length)], random.nextInt(4) == 0 ? 0 : 15);
        return s -> s.apply(e);
    }

    private static Consumer<TimelinessState> randomPosting(Random random, int step, Instant now) {
        List<ReportRef> reports = new ArrayList<>();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            LocalDate end = TODAY.minusDays(random.nextInt(45) - 3);
            List<String> named = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                for (int m = random.nextInt(3); m >= 0; m--) {
                    named.add("M" + random.nextInt(50));
                }
            }
            reports.add(ReportRef.newBuilder()
                    .setServiceAccount("A" + random.nextInt(20))
                    .setPeriodStart(end.minusDays(30)).setPeriodEnd(end)
                    .setReportId("R" + step + "-" + n)
                    .setPurpose(random.nextInt(10) == 0 ? ReportPurpose.CANCELLATION : ReportPurpose.ORIGINAL)
                    .setMeterIds(named)
                    .build());
        }
        // mostly before the evaluation instant, some after it (they do not count yet)
        Instant at = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 40) - 60 * 24 * 2));
        var d = doc("F" + step, UDCS[random.nextInt(UDCS.length)], at, reports.toArray(ReportRef[]::new));
        return s -> s.apply(d);
    }
}
