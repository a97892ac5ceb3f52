package energy.mdma.testsupport;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * For benchmarks, never for tests: some work timed by the running thread's CPU time, round after round, and the best
 * round kept (the least disturbed by the machine: other processes, the JIT's first compilations).
 */
public final class BestRound {
    private BestRound() {
    }

    /** One round's work; what it returns is kept, so that the work cannot be optimised away. */
    @FunctionalInterface
    public interface Work {
        long run() throws Exception;
    }

    /**
     * The CPU nanoseconds of the best of {@code rounds} rounds of {@code work}, after {@code warmup} rounds not
     * counted, divided by {@code per} (the units a round does: records, values).
     */
    public static double nanos(int warmup, int rounds, double per, Work work) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < warmup + rounds; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            sink += work.run();
            double ns = (threads.getCurrentThreadCpuTime() - c0) / per;
            if (round >= warmup) {
                best = Math.min(best, ns);
            }
        }
        if (sink == 42) {
            System.out.println(sink);
        }
        return best;
    }
}
