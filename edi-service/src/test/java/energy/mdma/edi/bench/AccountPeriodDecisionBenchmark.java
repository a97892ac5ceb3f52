package energy.mdma.edi.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import energy.mdma.edi.decision.AccountPeriodDecision;
import energy.mdma.edi.decision.AccountPeriodDecision.ChannelInput;
import energy.mdma.edi.decision.AccountPeriodDecision.MeterInput;
import energy.mdma.edi.decision.AccountPeriodDecision.Send;
import energy.mdma.edi.decision.SentState;
import energy.mdma.edi.internal.PartyData;
import energy.mdma.events.ChannelEvent;
import energy.mdma.events.ChannelPeriodResult;
import energy.mdma.events.DecimalValue;
import energy.mdma.events.IntervalQuality;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.PeriodState;
import energy.mdma.events.RawUnit;
import energy.mdma.events.Uom;
import energy.mdma.kafka.BinaryAvroSerde;

/**
 * Not a test: the CPU of deciding the account-periods of {@code ./mdma bench} in a fresh JVM, as edi's stream thread
 * does in its posting rounds: {@code accounts} account-periods (default 25,000), each one meter with one channel of 25
 * days of 15-minute intervals (2,400), every channel-period COMPLETE and never sent, so each is an ORIGINAL to the UDC
 * and the ESP; each result decoded from its stored bytes (as {@code StoredResult}) and then decided
 * ({@link AccountPeriodDecision#decide}). A fresh JVM because much of what a method costs the service is its JIT
 * compilation (one C2 compilation of {@code decide} took over 3 s in a bench run): prints, for the first pass (what a
 * bench run pays) and a second one (the steady state), the process's CPU per account-period (this thread, the JIT's
 * compiler threads and GC), the CPU of the C2 compiler threads and the JIT's compilation time (elapsed, all
 * compilers). On a shared machine the first pass varies by +-20 % from run to run: compare several runs, alternating.
 *
 * <pre>
 * ./mdma benchmark AccountPeriodDecisionBenchmark [accounts=25000]
 * </pre>
 */
public final class AccountPeriodDecisionBenchmark {
    private static final int INTERVALS = 25 * 96;
    /** Distinct results stored (their bytes decoded again for each account-period, as the store's are). */
    private static final int DISTINCT = 200;

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 25_000;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        BinaryAvroSerde<ChannelPeriodResult> avro = new BinaryAvroSerde<>(ChannelPeriodResult.class);
        Map<String, PartyData> parties = new HashMap<>();
        parties.put("SCE", PartyData.newBuilder().setId("SCE").setName("Southern California Edison")
                .setDuns("375040116").build());
        parties.put("ESP01", PartyData.newBuilder().setId("ESP01").setName("Sunrise Energy Services")
                .setDuns("958214165").build());
        List<byte[]> stored = new ArrayList<>(DISTINCT);
        for (int i = 0; i < DISTINCT; i++) {
            stored.add(avro.serializer().serialize(null, result(account(i), i)));
        }
        System.out.printf("AccountPeriodDecision: %,d account-periods of 1 meter x 1 channel x %,d intervals, each "
                + "decoded and decided (ORIGINAL to 2 receivers)%n", accounts, INTERVALS);
        for (String pass : List.of("first pass (fresh JVM)", "second pass (steady)")) {
            long cpu0 = os.getProcessCpuTime();
            long jit0 = jit.getTotalCompilationTime();
            double c2cpu0 = c2CompilerCpuSeconds();
            long t0 = System.nanoTime();
            long sent = 0;
            for (int a = 0; a < accounts; a++) {
                String account = account(a);
                ChannelPeriodResult r = avro.deserializer().deserialize(null, stored.get(a % DISTINCT));
                MeterEvent m = meter(account, a);
                List<MeterInput> meters = List.of(new MeterInput(m,
                        List.of(new ChannelInput(channel(m.getMeterId()), r))));
                if (AccountPeriodDecision.decide(account, r.getPeriodEnd(), meters, parties::get,
                        SentState.orNothing(null)) instanceof Send s) {
                    sent += s.reports().size();
                }
            }
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - t0) / 1e9;
            long jitMs = jit.getTotalCompilationTime() - jit0;
            double c2cpu = c2CompilerCpuSeconds() - c2cpu0;
            System.out.printf("  %-24s process CPU %7.2f s = %6.1f µs per account-period, C2 compiler threads' CPU "
                    + "%5.2f s, JIT %,6d ms, wall %6.2f s (%,d requests)%n", pass, cpu, cpu * 1e6 / accounts, c2cpu,
                    jitMs, wall, sent);
        }
    }

    /**
     * The CPU of HotSpot's C2 compiler threads so far (Linux: {@code /proc/self/task/<tid>/stat}, utime + stime in
     * clock ticks of 1/100 s); NaN where there is no /proc. A thread that ended since is not counted.
     */
    private static double c2CompilerCpuSeconds() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return Double.NaN;
        }
        long ticks = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                try {
                    if (!Files.readString(task.resolve("comm")).startsWith("C2 CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
                } catch (IOException | RuntimeException e) {
                    // the thread ended while it was read
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / 100.0;
    }

    private static String account(int a) {
        return String.valueOf(3_000_000_000L + a);
    }

    private static MeterEvent meter(String account, int a) {
        return MeterEvent.newBuilder().setServiceAccount(account).setUdcId("SCE").setEspId("ESP01")
                .setCustomerName("Customer " + a).setMeterId("M" + a).setReadCycle("01").setIntervalMinutes(15)
                .setDials(5).setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build()).build();
    }

    private static ChannelEvent channel(String meterId) {
        return ChannelEvent.newBuilder().setMeterId(meterId).setChannel(1).setUom(Uom.KWH).setRawUnit(RawUnit.UNIT)
                .setPulseMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build())
                .setMaxPulsesPerInterval(0).build();
    }

    private static ChannelPeriodResult result(String account, int a) {
        List<Long> usage = new ArrayList<>(INTERVALS);
        List<Integer> quality = new ArrayList<>(INTERVALS);
        long total = 0;
        for (int i = 0; i < INTERVALS; i++) {
            long u = 500 + (i * 7919L + a) % 4000;
            usage.add(u);
            quality.add((i + a) % 97 == 0 ? IntervalQuality.ESTIMATED : 0);
            total += u;
        }
        return ChannelPeriodResult.newBuilder().setMeterId("M" + a).setChannel(1).setServiceAccount(account)
                .setUom(Uom.KWH).setPeriodStart(LocalDate.of(2025, 10, 20)).setPeriodEnd(LocalDate.of(2025, 11, 14))
                .setVersion(1).setState(PeriodState.COMPLETE).setIntervalMinutes(15)
                .setFirstIntervalEnd(Instant.parse("2025-10-20T07:15:00Z")).setUsage(usage).setQuality(quality)
                .setIntervalsExpected(INTERVALS).setIntervalsActual(INTERVALS).setIntervalsEstimated(INTERVALS / 97 + 1)
                .setTotal(total).setTotalEstimated(true).setFailurePoints(Map.of())
                .setComputedAt(Instant.parse("2026-01-01T00:00:00Z")).setChangedBy("vee").build();
    }
}
