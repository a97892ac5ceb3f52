package energy.mdma.edi.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.IntervalSeries;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.model.Party;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.X12Uom;
import energy.mdma.edi.model.UsageIndicator;
import energy.mdma.edi.x12.Edi867Checker;
import energy.mdma.edi.x12.Fast867Writer;

/**
 * Not a test: the cost of {@link Edi867Checker} alone on a realistic posted document, as the service checks
 * every interchange before it is posted. The document: {@code accounts} account-periods (default 100), each
 * one meter with 3 interval channels (kWh delivered, kWh received, kVARh) of {@code days} days (default 30)
 * of 15-minute intervals, crossing the fall-back day (2025-11-02, 100 intervals that day), about 1 in 97
 * intervals estimated, readings on each channel (MEA). Prints µs per QTY/DTM pair and MB/s of the best
 * round, by the thread's CPU time (which other processes on a shared machine disturb less) and by the wall
 * clock.
 *
 * <pre>
 * ./mvnw -q -B -o -pl edi-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp edi-service/target/classes:edi-service/target/test-classes:$(cat edi-service/target/cp.txt) \
 *      energy.mdma.edi.bench.Edi867CheckerBenchmark [accounts=100] [days=30] [rounds=20]
 * </pre>
 */
public final class Edi867CheckerBenchmark {

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Interchange867 ic = document(accounts, days);
        byte[] doc = new Fast867Writer().render(ic);
        long pairs = 0;
        for (AccountPeriodReport r : ic.reports()) {
            for (MeterReport m : r.meters()) {
                for (ChannelReport c : m.channels()) {
                    pairs += c.intervals().size();
                }
            }
        }
        Edi867Checker checker = new Edi867Checker();
        List<String> errors = checker.check(doc);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the benchmark's document is not valid: " + errors);
        }
        System.out.printf("Edi867Checker on one interchange: %d account-periods x 3 channels x %d days of 15-min "
                + "intervals = %,d QTY/DTM pairs, %,d bytes%n", accounts, days, pairs, doc.length);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double bestCpu = Double.MAX_VALUE;
        double bestWall = Double.MAX_VALUE;
        int warmup = Math.max(5, rounds / 2);
        for (int round = 0; round < warmup + rounds; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int findings = checker.findings(doc).size();
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            if (findings != 0) {
                throw new IllegalStateException("findings on a valid document");
            }
            if (round >= warmup) {
                bestCpu = Math.min(bestCpu, cpu);
                bestWall = Math.min(bestWall, wall);
            }
        }
        System.out.printf("  CPU : %.4f µs per QTY/DTM pair, %,.1f MB/s, %.2f ms per document (best of %d)%n",
                bestCpu * 1e6 / pairs, doc.length / bestCpu / 1e6, bestCpu * 1e3, rounds);
        System.out.printf("  wall: %.4f µs per QTY/DTM pair, %,.1f MB/s, %.2f ms per document (best of %d)%n",
                bestWall * 1e6 / pairs, doc.length / bestWall / 1e6, bestWall * 1e3, rounds);
    }

    /** One interchange of {@code accounts} account-periods, 3 interval channels each, {@code days} days. */
    static Interchange867 document(int accounts, int days) {
        return document(accounts, days, 0);
    }

    /** The same with the account numbers (and so the values) from {@code firstAccount + 1}. */
    static Interchange867 document(int accounts, int days, int firstAccount) {
        Party udc = new Party("SCE", "Southern California Edison", "375040116");
        Party esp = new Party("ESP01", "Sunrise Energy Services", "958214165");
        LocalDate from = LocalDate.of(2025, 10, 20);
        LocalDate to = from.plusDays(days);
        // 00:15 PDT on the first day; the fall-back day (2025-11-02) has 100 intervals
        long first = Instant.parse("2025-10-20T07:15:00Z").getEpochSecond();
        long last = Instant.parse("2025-10-20T08:00:00Z").getEpochSecond() + 86_400L * days; // 00:00 PST
        int n = (int) ((last - first) / 900 + 1);
        if (days <= 13) { // the period ends before the fall-back day
            n = days * 96;
        }
        List<AccountPeriodReport> reports = new ArrayList<>(accounts);
        X12Uom[] uoms = { X12Uom.KWH, X12Uom.KWH, X12Uom.KVARH };
        for (int a = firstAccount + 1; a <= firstAccount + accounts; a++) {
            List<ChannelReport> channels = new ArrayList<>(3);
            for (int ch = 1; ch <= 3; ch++) {
                long[] ends = new long[n];
                long[] usage = new long[n];
                boolean[] est = new boolean[n];
                long total = 0;
                for (int i = 0; i < n; i++) {
                    ends[i] = first + 900L * i;
                    usage[i] = (a * 31L + ch * 7L + i * 7919L) % 40_000; // 0 .. 3.9999
                    est[i] = (i + a) % 97 == 0;
                    total += usage[i];
                }
                long start = 10_000_000L * a + ch;
                channels.add(new ChannelReport(ch, uoms[ch - 1], BigDecimal.valueOf(total, 4), true,
                        start, start + total / 10_000, new IntervalSeries(ends, usage, est)));
            }
            reports.add(new AccountPeriodReport(String.valueOf(3_000_000_000L + a), from, to, udc, esp,
                    "Customer " + a, true, "R" + a, Purpose.ORIGINAL, null, LocalDate.of(2026, 1, 5),
                    List.of(new MeterReport("M" + a, BigDecimal.ONE, channels))));
        }
        InterchangeHeader h = new InterchangeHeader("123456789", "375040116", Instant.parse("2026-01-05T10:15:00Z"),
                1, 1, UsageIndicator.TEST);
        return Interchange867.of(h, 1, reports);
    }
}
