package energy.mdma.vee.rules;

import energy.mdma.vee.model.FailureCode;
import energy.mdma.vee.model.InvalidReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Failure point counter per channel-period (vee-rules.md section 7): interval codes count intervals,
 * day codes count days, period codes count once.
 */
public final class FailurePoints {
    private final EnumMap<FailureCode, Integer> counts = new EnumMap<>(FailureCode.class);

    public FailurePoints add(FailureCode code, int n) {
        if (n > 0) {
            counts.merge(code, n, Integer::sum);
        }
        return this;
    }

    public FailurePoints add(FailureCode code) {
        return add(code, 1);
    }

    /** Counts a once-per-period code (no matter how often it is raised). */
    public FailurePoints once(FailureCode code) {
        counts.put(code, 1);
        return this;
    }

    public FailurePoints add(InvalidReason reason) {
        return add(FailureCode.of(reason), 1);
    }

    public int count(FailureCode code) {
        return counts.getOrDefault(code, 0);
    }

    /** @return code name -&gt; count, sorted by code name. */
    public SortedMap<String, Integer> toSortedMap() {
        TreeMap<String, Integer> m = new TreeMap<>();
        for (Map.Entry<FailureCode, Integer> e : counts.entrySet()) {
            m.put(e.getKey().name(), e.getValue());
        }
        return m;
    }
}
