package energy.mdma.bench;

import java.util.Arrays;
import java.util.Optional;

/**
 * The steady-state rate of a run: the interval reads of the account-periods that became final between the
 * {@code from} and {@code to} marks (e.g. 20% and 80% of all), over the time between those two marks. The start
 * (services warming up, the first rounds) and the tail (the last stragglers) stay out of it.
 */
final class SteadyState {
    private SteadyState() {
    }

    /**
     * @param window from and to marks (seconds since the run's start) and the reads in between
     */
    record Window(double fromSeconds, double toSeconds, long reads, int accountPeriods) {
        double readsPerSecond() {
            return reads / (toSeconds - fromSeconds);
        }
    }

    /**
     * @param doneMillis     when each account-period became final (any order)
     * @param readsEach      interval reads of each account-period (same order as doneMillis)
     * @param startMillis    the run's start
     * @param from           lower mark, a fraction of the account-periods (e.g. 0.2)
     * @param to             upper mark (e.g. 0.8)
     * @return empty when there are too few account-periods or they all became final at the same instant
     */
    static Optional<Window> compute(long[] doneMillis, long[] readsEach, long startMillis, double from, double to) {
        if (doneMillis.length != readsEach.length) {
            throw new IllegalArgumentException("one read count per account-period");
        }
        if (!(0 <= from && from < to && to <= 1)) {
            throw new IllegalArgumentException("marks must satisfy 0 <= from < to <= 1");
        }
        int n = doneMillis.length;
        if (n < 2) {
            return Optional.empty();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(doneMillis[a], doneMillis[b]));
        // the account-period at which the mark is reached (1-based rank ceil(mark * n))
        int i = Math.max(0, (int) Math.ceil(from * n) - 1);
        int j = Math.max(0, (int) Math.ceil(to * n) - 1);
        if (j <= i) {
            return Optional.empty();
        }
        long t0 = doneMillis[order[i]];
        long t1 = doneMillis[order[j]];
        if (t1 <= t0) {
            return Optional.empty();
        }
        long reads = 0;
        for (int k = i + 1; k <= j; k++) {
            reads += readsEach[order[k]];
        }
        return Optional.of(new Window((t0 - startMillis) / 1000.0, (t1 - startMillis) / 1000.0, reads, j - i));
    }
}
