package energy.mdma.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cores the stack and the bench used between two progress lines of the end-to-end run, from the CPU seconds
 * {@link CpuTimes#sample()} reads at each line. The totals of a run say how much CPU it took; this says when: a run
 * that keeps the machine's cores busy to its end can only get faster by using less CPU, while intervals in which the
 * stack used far fewer cores than the machine has are time spent waiting (a settling time, a round that runs on one
 * thread, the last files), which less CPU would not shorten.
 */
final class CpuTimeline {
    /** Cores used in one interval: in all, and per component. */
    record Interval(double fromSeconds, double toSeconds, double cores, Map<String, Double> coresPer) {
    }

    private final int machineCores;
    private final List<Interval> intervals = new ArrayList<>();
    private double lastSeconds = Double.NaN;
    private Map<String, Double> lastSample;

    CpuTimeline(int machineCores) {
        this.machineCores = machineCores;
    }

    /**
     * Adds the CPU seconds so far of each component at {@code elapsedSeconds} since the start of the run; from the
     * second sample on, returns the interval since the previous one (null for the first, or when no time passed).
     */
    Interval add(double elapsedSeconds, Map<String, Double> cpuSecondsSoFar) {
        Interval added = null;
        if (lastSample != null && elapsedSeconds > lastSeconds) {
            double dt = elapsedSeconds - lastSeconds;
            Map<String, Double> per = new LinkedHashMap<>();
            double all = 0;
            for (Map.Entry<String, Double> used : CpuTimes.used(lastSample, cpuSecondsSoFar).entrySet()) {
                double cores = Math.max(0, used.getValue()) / dt;
                per.put(used.getKey(), cores);
                all += cores;
            }
            added = new Interval(lastSeconds, elapsedSeconds, all, per);
            intervals.add(added);
        }
        lastSeconds = elapsedSeconds;
        lastSample = cpuSecondsSoFar;
        return added;
    }

    List<Interval> intervals() {
        return intervals;
    }

    /** "1.92 cores (broker 0.40, ingest 0.31, ...)": what an interval used, for a progress line. */
    static String describe(Interval i) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.2f cores (", i.cores()));
        String sep = "";
        for (Map.Entry<String, Double> c : i.coresPer().entrySet()) {
            sb.append(sep).append(String.format(Locale.ROOT, "%s %.2f", c.getKey(), c.getValue()));
            sep = ", ";
        }
        return sb.append(')').toString();
    }

    /**
     * Seconds of the intervals up to {@code untilSeconds} in which the stack and the bench used less than
     * {@code share} of the machine's cores (an interval that ends later counts with its part before it).
     */
    double secondsBelow(double share, double untilSeconds) {
        double seconds = 0;
        for (Interval i : intervals) {
            if (i.fromSeconds() < untilSeconds && i.cores() < share * machineCores) {
                seconds += Math.min(i.toSeconds(), untilSeconds) - i.fromSeconds();
            }
        }
        return seconds;
    }

    /**
     * The cores used interval by interval up to {@code untilSeconds}, e.g. "1.9 1.9 2.0 1.4 0.6", and how long the
     * machine was less than 80% busy.
     */
    String summary(double untilSeconds) {
        StringBuilder sb = new StringBuilder();
        for (Interval i : intervals) {
            if (i.fromSeconds() < untilSeconds) {
                sb.append(String.format(Locale.ROOT, "%.1f ", i.cores()));
            }
        }
        return String.format(Locale.ROOT, "%s- under 80%% of the %d cores for %.0f s of %.0f s", sb, machineCores,
                secondsBelow(0.8, untilSeconds), untilSeconds);
    }
}
