package energy.mdma.vee.acceptance;

import energy.mdma.testsupport.ExamplePackage;
import energy.mdma.vee.engine.Fixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import energy.mdma.vee.engine.ChannelEvaluator;
import energy.mdma.vee.model.EvaluatedPeriod;
import energy.mdma.vee.model.ReceivedIntervals;
import energy.mdma.vee.model.VeeParameterCatalog;
import energy.mdma.vee.model.VeeParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Windowed evaluation ({@link ChannelEvaluator#evaluateChanged}) against complete evaluation on the
 * acceptance package: the channel-days arrive in random chunks; after each chunk only the periods the
 * chunk can affect are evaluated, on the days the window loads, and the latest result of every period
 * published so far must equal the complete evaluation of the data received so far.
 */
class WindowedEvaluationTest {
    static SamplePackage pkg;
    static final VeeParameters P = VeeParameterCatalog.defaultsOnly().forMeterClass(null);

    @BeforeAll
    static void load() throws IOException {
        pkg = SamplePackage.load(ExamplePackage.dir());
    }

    @Test
    void windowedEvaluationEqualsCompleteEvaluationWhateverTheArrivalOrder() {
        int checkedPeriods = 0;
        int skippedDays = 0;
        for (long seed = 1; seed <= 2; seed++) {
            // now: after the data (everything due) for odd seeds, in the middle of the last period for even ones
            Instant now = seed % 2 == 1 ? Instant.parse("2026-02-01T00:00:00Z") : Instant.parse("2025-12-21T12:00:00Z");
            for (SamplePackage.Channel c : pkg.channels.values()) {
                if (!c.config().isInterval()) {
                    continue;
                }
                List<LocalDate> dates = pkg.schedule.get(c.meter().cycle());
                TreeMap<LocalDate, ReceivedIntervals.DayBlock> all = new TreeMap<>(pkg.data(c).days());
                List<LocalDate> order = new ArrayList<>(all.keySet());
                Collections.shuffle(order, new Random(seed * 31 + c.config().channel()));
                TreeMap<LocalDate, ReceivedIntervals.DayBlock> received = new TreeMap<>();
                Map<LocalDate, String> published = new HashMap<>();
                Random chunks = new Random(seed);
                int i = 0;
                while (i < order.size()) {
                    int n = 1 + chunks.nextInt(seed % 2 == 1 ? 8 : 3);
                    List<LocalDate> chunk = order.subList(i, Math.min(order.size(), i + n));
                    i += n;
                    LocalDate from = Collections.min(chunk);
                    LocalDate to = Collections.max(chunk);
                    chunk.forEach(d -> received.put(d, all.get(d)));
                    ReceivedIntervals data = ReceivedIntervals.wrap(c.config().intervalMinutes(), new TreeMap<>(received));
                    List<LocalDate> read = new ArrayList<>();
                    ChannelEvaluator.Windowed w = ChannelEvaluator.evaluateChanged(c.config(), dates, d -> {
                        read.add(d);
                        return received.get(d);
                    }, data.firstReceived(), data.lastReceived(), c.registers(), P, now, from, to);
                    w.results().forEach(r -> published.put(r.periodEnd(), Fixtures.digest(r)));
                    for (LocalDate d : received.keySet()) {
                        if (w.from() == null || d.isBefore(w.from()) || d.isAfter(w.to())) {
                            skippedDays++;
                        }
                    }
                    assertTrue(read.stream().distinct().count() == read.size(), "each day is read once");
                    for (EvaluatedPeriod r : ChannelEvaluator.evaluate(c.config(), dates, data, c.registers(), P, now)) {
                        String p = published.get(r.periodEnd());
                        if (p != null) {
                            assertEquals(Fixtures.digest(r), p, c.config().meterId() + ":" + c.config().channel() + " "
                                    + r.periodEnd() + " after days " + chunk + " (seed " + seed + ")");
                            checkedPeriods++;
                        }
                    }
                }
                assertEquals(dates.size() - 1, published.size(), "every period was evaluated at least once");
            }
        }
        assertTrue(checkedPeriods > 200, "periods compared: " + checkedPeriods);
        assertTrue(skippedDays > 50, "the windows left days out: " + skippedDays);
    }
}
