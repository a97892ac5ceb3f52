package energy.mdma.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuTimesTest {

    @Test
    void utimePlusStimeCountedAfterTheCommandName() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime ...
        String stat = "14611 (java) S 1 14600 14600 0 -1 4194560 120358 0 12 0 3123 537 0 0 20 0 61 0 4523 "
                + "3912036352 112034 18446744073709551615 1 1 0 0 0 0 0 2 16800975 0 0 0 17 1 0 0 0 0 0";
        assertEquals(3123 + 537, CpuTimes.ticksOf(stat));
        // a command name with spaces and parentheses
        String odd = "42 (my (odd) name) R 1 42 42 0 -1 0 0 0 0 0 7 5 0 0 20 0 1 0 1 1 1";
        assertEquals(12, CpuTimes.ticksOf(odd));
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.ticksOf("42 java S 1"));
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.ticksOf("42 (java) S 1 2 3"));
    }

    @Test
    void usedIsTheDifferenceOfComponentsInBoth() {
        Map<String, Double> used = CpuTimes.used(Map.of("vee", 10.0, "edi", 5.0), Map.of("vee", 12.5, "ingest", 1.0));
        assertEquals(Map.of("vee", 2.5), used);
    }

    @Test
    void readsThePidFilesOfTheRunDirectory(@TempDir Path run) throws Exception {
        long self = ProcessHandle.current().pid();
        Files.writeString(run.resolve("vee.pid"), self + "\n");
        Files.writeString(run.resolve("edi.pid"), "not a pid\n");
        Map<String, Double> s = new CpuTimes(run, CpuTimes.clockTicks()).sample();
        assertTrue(s.containsKey("bench"));
        if (Files.exists(Path.of("/proc/self/stat"))) {
            assertTrue(s.get("vee") > 0, "this JVM has used CPU: " + s);
        }
        assertFalse(s.containsKey("edi"));
        assertFalse(s.containsKey("broker"));
    }

    @Test
    void namesTheJvmsCollectorThreads() {
        for (String collector : new String[] { "VM Thread", "GC Thread#0", "GC Thread#12", "G1 Main Marker", "G1 Conc#0",
                "G1 Refine#0", "ZWorkerYoung#0" }) {
            assertTrue(CpuTimes.isCollectorThread(collector), collector);
        }
        for (String other : new String[] { "main", "java", "VM Periodic Tas", "C2 CompilerThre", "kafka-producer-",
                "Signal Dispatch", "vert.x-eventloo" }) {
            assertFalse(CpuTimes.isCollectorThread(other), other);
        }
    }

    @Test
    void countsTheCollectorThreadsOfEachProcess(@TempDir Path run) throws Exception {
        assertTrue(Files.isDirectory(Path.of("/proc/self/task")), "the bench reads threads' CPU from Linux's /proc");
        long self = ProcessHandle.current().pid();
        Files.writeString(run.resolve("vee.pid"), self + "\n");
        CpuTimes times = new CpuTimes(run, CpuTimes.clockTicks());
        Map<String, Double> before = times.collectorSample();
        Map<String, Double> cpu = times.sample();
        assertTrue(before.get("vee") <= cpu.get("vee"), "the collector's share of this JVM's CPU: " + before + " " + cpu);
        // collect until the collector threads show CPU (a tick is 10 ms): at most a few hundred collections
        double used = 0;
        for (int i = 0; i < 500 && used <= 0; i++) {
            byte[][] garbage = new byte[64][];
            for (int k = 0; k < garbage.length; k++) {
                garbage[k] = new byte[64 * 1024];
            }
            System.gc();
            used = CpuTimes.used(before, times.collectorSample()).get("vee");
        }
        assertTrue(used > 0, "collections of this JVM counted: " + used);
        assertEquals(before.keySet(), Set.of("vee", "bench"));
    }

    @Test
    void namesTheJvmsCompilerThreads() {
        for (String compiler : new String[] { "C1 CompilerThre", "C2 CompilerThre" }) {
            assertTrue(CpuTimes.isCompilerThread(compiler), compiler);
            assertFalse(CpuTimes.isCollectorThread(compiler), compiler);
        }
        for (String other : new String[] { "main", "VM Thread", "GC Thread#0", "Common-Cleaner", "kafka-producer-" }) {
            assertFalse(CpuTimes.isCompilerThread(other), other);
        }
    }

    @Test
    void countsTheCompilerThreadsOfEachProcess(@TempDir Path run) throws Exception {
        assertTrue(Files.isDirectory(Path.of("/proc/self/task")), "the bench reads threads' CPU from Linux's /proc");
        Files.writeString(run.resolve("edi.pid"), ProcessHandle.current().pid() + "\n");
        CpuTimes times = new CpuTimes(run, CpuTimes.clockTicks());
        Map<String, Double> compiled = times.compilerSample();
        // this JVM compiled the code of JUnit and of the tests before it came here: well over a tick (10 ms)
        assertTrue(compiled.get("edi") > 0, "the compiler threads' CPU of this JVM: " + compiled);
        assertTrue(compiled.get("edi") < times.sample().get("edi"), "a share of the JVM's CPU: " + compiled);
        assertEquals(compiled.keySet(), Set.of("edi", "bench"));
    }
}
