package energy.mdma.delivery.timeliness;

import energy.mdma.timeliness.GaugeSample;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timeliness gauges ({@link GaugeSample} names, used by deploy/grafana/mdma-timeliness.json): one Micrometer
 * {@link MultiGauge} per name, whose rows are replaced on every tick (a scrape reads the last tick's values and
 * computes nothing; series of cohorts gone out of the window disappear).
 */
public final class TimelinessMetrics {

    static final List<String> NAMES = List.of(GaugeSample.OBLIGATIONS, GaugeSample.LATE, GaugeSample.MET,
            GaugeSample.PERCENT, GaugeSample.TARGET, GaugeSample.DEADLINE, GaugeSample.STATUS);

    private final Map<String, MultiGauge> gauges = new LinkedHashMap<>();

    public TimelinessMetrics(MeterRegistry registry) {
        for (String name : NAMES) {
            gauges.put(name, MultiGauge.builder(name).description(describe(name)).register(registry));
        }
    }

    /** Replaces every gauge's rows by {@code samples} (names not listed in {@link GaugeSample} are ignored). */
    public synchronized void refresh(List<GaugeSample> samples) {
        Map<String, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
        NAMES.forEach(n -> rows.put(n, new ArrayList<>()));
        for (GaugeSample s : samples) {
            List<MultiGauge.Row<?>> r = rows.get(s.name());
            if (r != null) {
                Tags tags = Tags.empty();
                for (Map.Entry<String, String> l : s.labels().entrySet()) {
                    tags = tags.and(l.getKey(), l.getValue());
                }
                r.add(MultiGauge.Row.of(tags, s.value()));
            }
        }
        rows.forEach((name, r) -> gauges.get(name).register(r, true));
    }

    private static String describe(String name) {
        return switch (name) {
            case GaugeSample.OBLIGATIONS -> "Obligations of a timeliness cohort";
            case GaugeSample.LATE -> "Obligations of a cohort not met yet";
            case GaugeSample.MET -> "Obligations met by deadline k";
            case GaugeSample.PERCENT -> "Percent of obligations met by deadline k (rounded down)";
            case GaugeSample.TARGET -> "Target percent of deadline k";
            case GaugeSample.DEADLINE -> "Deadline k as Unix seconds";
            default -> "1 for the cohort's current status for deadline k, else 0";
        };
    }
}
