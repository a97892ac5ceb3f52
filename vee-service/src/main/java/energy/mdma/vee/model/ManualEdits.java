package energy.mdma.vee.model;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The manual edits in force for one channel (operations.md section 2), as the engine takes them: for each edited
 * interval its usage, and for each edited register reading its date and reading. Where several edits in force
 * cover the same interval or date, the caller has already kept the latest one.
 *
 * @param intervals interval end (epoch seconds) -&gt; usage * 10^4 (not negative)
 * @param readings  local date -&gt; register reading (dial units, no multiplier)
 */
public record ManualEdits(NavigableMap<Long, Long> intervals, Map<LocalDate, Long> readings) {
    public static final ManualEdits NONE = new ManualEdits(Collections.emptyNavigableMap(), Map.of());

    public ManualEdits {
        Objects.requireNonNull(intervals, "intervals");
        Objects.requireNonNull(readings, "readings");
    }

    public static ManualEdits of(Map<Long, Long> intervals, Map<LocalDate, Long> readings) {
        return new ManualEdits(new TreeMap<>(intervals), Map.copyOf(readings));
    }

    public boolean isEmpty() {
        return intervals.isEmpty() && readings.isEmpty();
    }
}
