package energy.mdma.vee.rules;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Manual edits of intervals (operations.md section 2, vee-rules.md section 7 EDITED). An edited interval:
 * <ul>
 * <li>takes the edited usage, carried as estimated (KA) with method EDIT, in place of what was received or estimated
 * (readings that arrive later for it are kept but do not replace it);</li>
 * <li>keeps the invalid reason and outage flag of what was received (or MISSING) for the record, as an estimate
 * does;</li>
 * <li>is never part of a gap; it is a usable endpoint for linear interpolation; its value counts in the day and
 * period totals, the high/low/zero checks and the sum check like a received value;</li>
 * <li>makes its day not clean (a reference day holds only actual valid values), and takes no part in the spike check
 * of the received values;</li>
 * <li>counts as EDITED once per edited interval in its period's failure points.</li>
 * </ul>
 */
public final class IntervalEdits {
    private IntervalEdits() {
    }

    /**
     * Applies the edits to the channel's arrays over the indexes [lo, hi] whose ends are {@code firstEnd + (i+1-...)}:
     * interval index {@code idx} ends at {@code baseEpoch + (idx + 1) * step} (epoch seconds).
     *
     * @param edits  interval end (epoch seconds) -&gt; usage * 10^4
     * @param usage  the usages, overwritten at the edited indexes
     * @param edited set true at the edited indexes
     * @param due    set true at the edited indexes (an edited interval has its value, whatever its deadline)
     * @return how many intervals were edited
     */
    public static int apply(NavigableMap<Long, Long> edits, long baseEpoch, long step, int lo, int hi, long[] usage,
            boolean[] edited, boolean[] due) {
        if (edits.isEmpty() || hi < lo) {
            return 0;
        }
        int n = 0;
        long from = baseEpoch + (lo + 1L) * step;
        long to = baseEpoch + (hi + 1L) * step;
        for (Map.Entry<Long, Long> e : edits.subMap(from, true, to, true).entrySet()) {
            long offset = e.getKey() - baseEpoch;
            if (offset % step != 0) {
                continue; // not on the channel's grid (the API refuses such an edit)
            }
            int idx = (int) (offset / step) - 1;
            usage[idx] = e.getValue();
            edited[idx] = true;
            due[idx] = true;
            n++;
        }
        return n;
    }

    /** A gap is a run of due invalid intervals that no edit covers. */
    public static boolean inGap(boolean due, byte reason, boolean edited) {
        return due && reason != 0 && !edited;
    }

    /** A usable endpoint (vee-rules.md section 3), where an edited interval is usable. */
    public static boolean usableEndpoint(boolean received, byte reason, boolean outage, boolean edited) {
        return edited || (received && reason == 0 && !outage);
    }

    /** Has a value before estimation: received and valid, or edited. */
    public static boolean hasValue(boolean received, byte reason, boolean edited) {
        return edited || (received && reason == 0);
    }

    /** Clean for the reference days: received, valid, not outage-flagged and not edited. */
    public static boolean clean(boolean received, byte reason, boolean outage, boolean edited) {
        return received && reason == 0 && !outage && !edited;
    }
}
