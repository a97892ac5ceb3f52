package energy.mdma.vee.engine;

import static energy.mdma.vee.engine.Fixtures.CH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.events.IntervalStatus;
import energy.mdma.vee.model.DialReading;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.LocalGrid;
import energy.mdma.vee.model.ReceivedIntervals;
import energy.mdma.vee.model.VeeParameters;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Windowed evaluation equals complete evaluation on synthetic channels with what the sample package lacks:
 * history before the first read date, long gaps (days) across read dates, gaps at the start of the data,
 * trailing data beyond the last period, outages, spikes and both DST changes.
 */
class EvaluationWindowTest {
    static final VeeParameters P = VeeParameters.defaults();

    @Test
    void windowedEqualsCompleteOnRandomChannels() {
        List<LocalDate> dates = List.of(LocalDate.of(2025, 2, 20), LocalDate.of(2025, 3, 21),
                LocalDate.of(2025, 4, 22), LocalDate.of(2025, 10, 20), LocalDate.of(2025, 11, 20),
                LocalDate.of(2025, 12, 22));
        int compared = 0;
        for (int seed = 1; seed <= 6; seed++) {
            Random rnd = new Random(seed);
            LocalDate from = LocalDate.of(2025, 1, 5).plusDays(rnd.nextInt(40)); // history or a late start
            Fixtures.Data data = new Fixtures.Data(from, LocalDate.of(2025, 12, 28));
            List<Instant> ends = new ArrayList<>(new TreeMap<>(data.values).keySet());
            for (int g = 0; g < 60; g++) {
                Instant e = ends.get(rnd.nextInt(ends.size()));
                int kind = rnd.nextInt(6);
                int len = kind == 0 ? 96 * (1 + rnd.nextInt(3)) + rnd.nextInt(96) : 1 + rnd.nextInt(20);
                for (int k = 0; k < len; k++) {
                    Instant x = e.plusSeconds(900L * k);
                    if (!data.values.containsKey(x)) {
                        continue;
                    }
                    switch (kind) {
                        case 0, 1 -> data.values.remove(x);
                        case 2 -> data.set(x.toString(), "0.02", IntervalStatus.PO);
                        case 3 -> data.set(x.toString(), k == 0 ? "1.7" : "0.05");
                        case 4 -> data.set(x.toString(), "-0.1");
                        default -> data.set(x.toString(), "0.07", IntervalStatus.CS);
                    }
                }
            }
            // a gap at the very start of the data
            data.values.remove(ends.get(0));
            data.values.remove(ends.get(1));
            ReceivedIntervals cd = data.build();
            List<DialReading> regs = new ArrayList<>();
            for (LocalDate d : dates) {
                regs.add(new DialReading(d.atTime(11, 7).atZone(LocalGrid.ZONE).toInstant(), rnd.nextInt(99999)));
            }
            Instant now = seed % 2 == 0 ? Instant.parse("2030-01-01T00:00:00Z") : Instant.parse("2025-12-23T09:00:00Z");
            Map<LocalDate, String> complete = new TreeMap<>();
            for (EvaluatedPeriod r : ChannelEvaluator.evaluate(CH, dates, cd, regs, P, now)) {
                complete.put(r.periodEnd(), Fixtures.digest(r));
            }
            for (int c = 0; c < 25; c++) {
                LocalDate x = from.plusDays(rnd.nextInt(340));
                LocalDate y = x.plusDays(rnd.nextInt(4));
                ChannelEvaluator.Windowed w = ChannelEvaluator.evaluateChanged(CH, dates, d -> cd.days().get(d),
                        cd.firstReceived(), cd.lastReceived(), regs, P, now, x, y);
                for (EvaluatedPeriod r : w.results()) {
                    assertEquals(complete.get(r.periodEnd()), Fixtures.digest(r),
                            "seed " + seed + ", changed " + x + ".." + y + ", period " + r.periodEnd());
                    compared++;
                }
            }
        }
        assertTrue(compared > 50, "periods compared: " + compared);
    }
}
