package energy.mdma.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * CPU time (user + system) used so far by the processes of the local stack, from {@code /proc/<pid>/stat} of the
 * pids that ./mdma keeps in {@code $MDMA_HOME/run/<name>.pid}. Linux only; a component that is not running or
 * cannot be read is left out.
 */
final class CpuTimes {
    static final List<String> COMPONENTS = List.of("broker", "registry", "ingest", "vee", "edi", "delivery");

    private final Path runDir;
    private final long ticksPerSecond;

    CpuTimes(Path runDir, long ticksPerSecond) {
        this.runDir = runDir;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** CPU seconds of each running component (in {@link #COMPONENTS} order) and of this JVM ("bench"). */
    Map<String, Double> sample() {
        Map<String, Double> out = perComponent(CpuTimes::ticks);
        ProcessHandle.current().info().totalCpuDuration().ifPresent(d -> out.put("bench", d.toNanos() / 1e9));
        return out;
    }

    /**
     * CPU seconds of each running component's (and this JVM's) garbage collection so far: the threads the JVM
     * collects in ({@link #isCollectorThread}). With the serial collector the services run, a collection runs in the
     * VM thread, which also does the JVM's other (brief) safepoint work, so this is garbage collection and a little
     * more; it tells an SRE (and a change measured with the bench) what the heaps cost, which the run-to-run spread
     * of the totals hides.
     */
    Map<String, Double> collectorSample() {
        return threadSample(CpuTimes::isCollectorThread);
    }

    /**
     * CPU seconds of each running component's (and this JVM's) just-in-time compilation so far: the C1 and C2
     * compiler threads ({@link #isCompilerThread}). A JVM compiles its hot code during its first minutes of load; on
     * a machine of few cores, with every service started at once, that competes with the load itself.
     */
    Map<String, Double> compilerSample() {
        return threadSample(CpuTimes::isCompilerThread);
    }

    private Map<String, Double> threadSample(Predicate<String> ofKind) {
        Map<String, Double> out = perComponent(pid -> threadTicks(pid, ofKind));
        threadTicks(ProcessHandle.current().pid(), ofKind)
                .ifPresent(t -> out.put("bench", t / (double) ticksPerSecond));
        return out;
    }

    /** Seconds of {@code ticksOfPid} for each running component that can be read, in {@link #COMPONENTS} order. */
    private Map<String, Double> perComponent(LongFunction<OptionalLong> ticksOfPid) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (runDir != null) {
            for (String name : COMPONENTS) {
                pid(name).ifPresent(pid -> ticksOfPid.apply(pid).ifPresent(t -> out.put(name, t / (double) ticksPerSecond)));
            }
        }
        return out;
    }

    /** A HotSpot thread that collects garbage, by its name as Linux keeps it (15 characters at most). */
    static boolean isCollectorThread(String comm) {
        return comm.equals("VM Thread") || comm.startsWith("GC Thread#") || comm.startsWith("G1 ")
                || comm.startsWith("ZDriver") || comm.startsWith("ZWorker") || comm.startsWith("Shenandoah");
    }

    /** A HotSpot just-in-time compiler thread ("C1 CompilerThread0", kept as "C1 CompilerThre"). */
    static boolean isCompilerThread(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    /** CPU ticks so far of the threads of {@code pid} whose name is {@code ofKind}. */
    private static OptionalLong threadTicks(long pid, Predicate<String> ofKind) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var threads = Files.list(tasks)) {
            long sum = 0;
            for (Path t : (Iterable<Path>) threads::iterator) {
                try {
                    if (ofKind.test(Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).strip())) {
                        sum += ticksOf(Files.readString(t.resolve("stat"), StandardCharsets.US_ASCII));
                    }
                } catch (IOException | IllegalArgumentException e) {
                    // a thread that ended meanwhile
                }
            }
            return OptionalLong.of(sum);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * CPU seconds per component (and "bench"): all of each JVM's, and the shares of its garbage collection and of its
     * just-in-time compilation, sampled together.
     */
    record Usage(Map<String, Double> total, Map<String, Double> collector, Map<String, Double> compiler) {
        /** What was used from {@code before} to this sample. */
        Usage since(Usage before) {
            return new Usage(used(before.total, total), used(before.collector, collector),
                    used(before.compiler, compiler));
        }
    }

    /** The three samples of {@link Usage}. */
    Usage usage() {
        return new Usage(sample(), collectorSample(), compilerSample());
    }

    /** The difference of two samples, per component present in both. */
    static Map<String, Double> used(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            Double b = before.get(k);
            if (b != null) {
                out.put(k, v - b);
            }
        });
        return out;
    }

    private OptionalLong pid(String name) {
        try {
            String s = Files.readString(runDir.resolve(name + ".pid"), StandardCharsets.US_ASCII).trim();
            return s.matches("\\d+") ? OptionalLong.of(Long.parseLong(s)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong ticks(long pid) {
        try {
            return OptionalLong.of(ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat"),
                    StandardCharsets.US_ASCII)));
        } catch (IOException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * utime + stime (fields 14 and 15, in clock ticks) of a {@code /proc/<pid>/stat} line. The command name
     * (field 2) is in parentheses and may hold spaces and parentheses itself: fields are counted after the last ')'.
     */
    static long ticksOf(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: no ')' after the command name");
        }
        String[] f = stat.substring(close + 1).trim().split(" +");
        // f[0] is field 3 (state); utime is field 14, stime field 15
        if (f.length < 13) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + f.length + " fields after the name");
        }
        try {
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: utime/stime '" + f[11] + "', '" + f[12] + "'");
        }
    }

    /** "N cores, load average L" of this machine (other processes compete with the stack), or "" off Linux. */
    static String machine() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split(" ");
            return cores + " cores, load average " + f[0] + " over the last minute";
        } catch (IOException | RuntimeException e) {
            return cores + " cores";
        }
    }

    /** The kernel's clock ticks per second (USER_HZ) from {@code getconf CLK_TCK}; 100 when that cannot be run. */
    static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (p.waitFor() == 0 && out.matches("\\d+") && Long.parseLong(out) > 0) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
