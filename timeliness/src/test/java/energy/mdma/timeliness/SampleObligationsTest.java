package energy.mdma.timeliness;

import static energy.mdma.timeliness.Fx.meter;
import static energy.mdma.timeliness.Fx.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import energy.mdma.testsupport.ExamplePackage;
import energy.mdma.testsupport.TestCsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The example package: obligations per read date are the meters scheduled on it, less each cycle's first date. */
class SampleObligationsTest {

    @Test
    void obligationsPerReadDateAreTheMetersScheduledOnIt() throws IOException {
        List<Map<String, String>> meters = TestCsv.read(ExamplePackage.file("meters.csv"));
        List<Map<String, String>> schedule = TestCsv.read(ExamplePackage.file("schedule.csv"));

        TimelinessState state = new TimelinessState(TimelinessConfig.defaults());
        for (Map<String, String> m : meters) {
            state.apply(meter(m.get("meter_id"), m.get("service_account"), m.get("udc_id"), m.get("esp_id"),
                    m.get("read_cycle"), Integer.parseInt(m.get("interval_minutes"))));
        }
        Map<String, TreeSet<LocalDate>> datesByCycle = new TreeMap<>();
        for (Map<String, String> s : schedule) {
            state.apply(read(s.get("read_cycle"), s.get("scheduled_read_date")));
            datesByCycle.computeIfAbsent(s.get("read_cycle"), c -> new TreeSet<>())
                    .add(LocalDate.parse(s.get("scheduled_read_date")));
        }

        // expected, straight from the files: (udc, read date, data type) -> meters of the cycles read that day
        Map<String, Integer> expected = new TreeMap<>();
        int expectedTotal = 0;
        for (Map<String, String> m : meters) {
            TreeSet<LocalDate> dates = datesByCycle.getOrDefault(m.get("read_cycle"), new TreeSet<>());
            for (LocalDate r : dates) {
                if (r.equals(dates.first())) {
                    continue;
                }
                String type = Integer.parseInt(m.get("interval_minutes")) > 0 ? "INTERVAL" : "NON_INTERVAL";
                expected.merge(m.get("udc_id") + " " + r + " " + type, 1, Integer::sum);
                expected.merge(m.get("udc_id") + " " + r + " " + type + " " + m.get("esp_id"), 1, Integer::sum);
                expectedTotal++;
            }
        }
        assertFalse(expected.isEmpty());

        Map<String, Integer> actual = new TreeMap<>();
        int actualTotal = 0;
        TreeSet<String> udcs = new TreeSet<>();
        meters.forEach(m -> udcs.add(m.get("udc_id")));
        for (String udc : udcs) {
            for (Cohort c : state.cohorts(udc, LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1), Instant.EPOCH)) {
                String key = udc + " " + c.key().readDate() + " " + c.key().dataType()
                        + (c.key().esp() == null ? "" : " " + c.key().esp());
                actual.put(key, c.obligations());
                if (c.key().esp() == null) {
                    actualTotal += c.obligations();
                }
            }
        }
        assertEquals(expected, actual);
        assertEquals(expectedTotal, actualTotal);

        // every cycle's first read date creates none
        for (TreeSet<LocalDate> dates : datesByCycle.values()) {
            LocalDate first = dates.first();
            for (String udc : udcs) {
                assertEquals(List.of(), state.cohorts(udc, first, first, Instant.EPOCH).stream()
                        .filter(c -> c.key().readDate().equals(first)).toList(), "first read date " + first);
            }
        }
        // and the obligations per read date (all data types) equal the meters of the cycles scheduled that day
        for (Map.Entry<String, TreeSet<LocalDate>> e : datesByCycle.entrySet()) {
            long metersOfCycle = meters.stream().filter(m -> m.get("read_cycle").equals(e.getKey())).count();
            for (LocalDate r : e.getValue().tailSet(e.getValue().first(), false)) {
                int total = 0;
                for (String udc : udcs) {
                    total += state.cohorts(udc, r, r, Instant.EPOCH).stream()
                            .filter(c -> c.key().esp() == null && c.key().readDate().equals(r))
                            .mapToInt(Cohort::obligations).sum();
                }
                assertEquals(metersOfCycle, total, "read date " + r);
            }
        }
        // nothing is met in the sample at the epoch
        assertEquals(0, state.cohorts("SCE", LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1), Instant.EPOCH)
                .stream().mapToInt(c -> c.met().get(5)).sum());
    }
}
