package energy.mdma.edi.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.IntervalSeries;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.model.Party;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.TransactionSet;
import energy.mdma.edi.model.X12Uom;
import energy.mdma.edi.model.UsageIndicator;
import energy.mdma.edi.topology.PostedFrames;
import energy.mdma.edi.x12.Edi867Checker;
import energy.mdma.edi.x12.Edi867Reader;
import energy.mdma.edi.x12.Edi867Writer;
import energy.mdma.edi.x12.Fast867Writer;
import energy.mdma.edi.x12.RenderedSet;
import energy.mdma.events.DocumentContent;
import energy.mdma.events.Sha256;

/**
 * Not a test: renders and validates N interval QTY / DTM*582 pairs and prints pairs per second and ns per
 * pair for (a) StAEDI's validating writer, (b) the fast writer, (c) the fast writer and the checker, and
 * (d) each set rendered once, a copy with the ESP's ids, both interchanges checked in full, and (e) what the service
 * does (PostingRound): each set rendered and checked once, then per receiver its interchange checked against the
 * checked sets, hashed and compressed (the bytes column of (e): the compressed files' and the hashes' lengths). The
 * usage values are seeded pseudo-random, so that zstd has as much to do as on a meter's data.
 * Each transaction set holds one interval channel of a 31-day period (2976 intervals), an interchange
 * up to 100 transaction sets.
 *
 * <pre>
 * mvn -q -B -o -pl edi-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp edi-service/target/classes:edi-service/target/test-classes:$(cat edi-service/target/cp.txt) \
 *      energy.mdma.edi.bench.Edi867Benchmark [pairs=1000000] [rounds=5] [fast-only]
 * </pre>
 */
public final class Edi867Benchmark {
    private static final int PER_CHANNEL = 31 * 96;
    private static final int SETS_PER_INTERCHANGE = 100;

    public static void main(String[] args) {
        long pairs = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean staedi = args.length <= 2 || !"fast-only".equals(args[2]);
        List<Interchange867> work = build(pairs);
        System.out.printf("867 benchmark: %d QTY/DTM*582 pairs in %d interchange(s)%n", pairs, work.size());
        Edi867Writer writer = new Edi867Writer();
        if (staedi) {
            measure("(a) Edi867Writer (StAEDI, validating)", pairs, rounds, () -> {
                long bytes = 0;
                for (Interchange867 ic : work) {
                    bytes += writer.render(ic).length;
                }
                return bytes;
            });
        }
        Fast867Writer fast = new Fast867Writer();
        Edi867Checker checker = new Edi867Checker();
        measure("(b) Fast867Writer.render", pairs, rounds, () -> {
            long bytes = 0;
            for (Interchange867 ic : work) {
                bytes += fast.render(ic).length;
            }
            return bytes;
        });
        measure("(c) Fast867Writer.render + Edi867Checker", pairs, rounds, () -> {
            long bytes = 0;
            for (Interchange867 ic : work) {
                byte[] doc = fast.render(ic);
                checker.requireValid(doc, "benchmark");
                bytes += doc.length;
            }
            return bytes;
        });
        // what the service does: render each set once, post it to the UDC and (with its own ids) to the ESP,
        // each interchange checked before it is posted; pairs counted once (per set rendered)
        measure("(d) renderSet + withIds + 2 x (interchange + checker)", pairs, rounds, () -> {
            long bytes = 0;
            for (Interchange867 ic : work) {
                List<RenderedSet> udc = new ArrayList<>(ic.transactionSets().size());
                List<RenderedSet> esp = new ArrayList<>(ic.transactionSets().size());
                long st02 = 1;
                for (TransactionSet ts : ic.transactionSets()) {
                    RenderedSet set = fast.renderSet(ts);
                    udc.add(set);
                    esp.add(set.withIds(st02++, set.reportId() + "E"));
                }
                byte[] a = fast.interchange(ic.header(), udc);
                checker.requireValid(a, "benchmark UDC");
                byte[] b = fast.interchange(ic.header(), esp);
                checker.requireValid(b, "benchmark ESP");
                bytes += a.length + b.length;
            }
            return bytes;
        });
        // what edi's render pool did until stop 46: as (e), but each receiver's file compressed whole (one frame)
        measure("(e0) until stop 46: as (e), each file compressed whole", pairs, rounds,
                () -> postAsEdiDoes(fast, checker, work, false));
        // what edi's render pool does (PostingRound): each set rendered and checked once (checkSet) and its segments
        // between BPT and SE compressed once (PostedFrames.body), then per receiver the sets under its ids in an
        // interchange, checked against the checked sets (their bytes compared, not walked again), hashed (SHA-256),
        // and posted as Zstandard frames: the sets' frames, the bytes between them compressed (PostedFrames.of)
        measure("(e) as posted: renderSet + checkSet + zstd, 2 x (interchange + check + SHA-256 + zstd of the rest)",
                pairs, rounds, () -> postAsEdiDoes(fast, checker, work, true));
        byte[] one = fast.render(work.get(0));
        long onePairs = work.get(0).reports().stream()
                .mapToLong(r -> r.meters().get(0).channels().get(0).intervals().size()).sum();
        measure("    Edi867Checker alone", onePairs, rounds * 20, () -> {
            checker.requireValid(one, "benchmark");
            return one.length;
        });
        if (staedi) {
            Edi867Reader reader = new Edi867Reader();
            measure("    Edi867Reader (StAEDI read + validate)", onePairs, Math.min(rounds, 3), () -> {
                reader.read(one);
                return one.length;
            });
        }
    }

    private static long postAsEdiDoes(Fast867Writer fast, Edi867Checker checker, List<Interchange867> work,
                                      boolean setsCompressedOnce) {
        try (DocumentContent.Compressor compressor = new DocumentContent.Compressor()) {
            return postAsEdiDoes(fast, checker, work, setsCompressedOnce, compressor);
        }
    }

    private static long postAsEdiDoes(Fast867Writer fast, Edi867Checker checker, List<Interchange867> work,
                                      boolean setsCompressedOnce, DocumentContent.Compressor compressor) {
        long bytes = 0;
        for (Interchange867 ic : work) {
            List<RenderedSet> once = new ArrayList<>(ic.transactionSets().size());
            List<byte[]> bodyFrames = new ArrayList<>(ic.transactionSets().size());
            for (TransactionSet ts : ic.transactionSets()) {
                RenderedSet set = fast.renderSet(ts);
                checker.checkSet(set);
                once.add(set);
                if (setsCompressedOnce) {
                    bodyFrames.add(PostedFrames.body(set, compressor));
                }
            }
            for (String receiver : List.of("U", "E")) {
                List<RenderedSet> sets = new ArrayList<>(once.size());
                long st02 = 1;
                for (RenderedSet set : once) {
                    sets.add(set.withIds(st02++, set.reportId() + receiver));
                }
                int[] setStarts = new int[sets.size()];
                byte[] file = fast.interchange(ic.header(), sets, setStarts);
                List<String> errors = checker.check(file, sets);
                if (!errors.isEmpty()) {
                    throw new IllegalStateException(errors.toString());
                }
                bytes += Sha256.hex(file).length() + (setsCompressedOnce
                        ? PostedFrames.of(file, sets, setStarts, bodyFrames, compressor).length
                        : DocumentContent.compress(file).length);
            }
        }
        return bytes;
    }

    /**
     * Runs {@code body} once to warm up and {@code rounds} times, printing pairs per second and ns per pair of
     * the best round, by the wall clock and by the thread's CPU time (which other processes on a shared machine
     * disturb less).
     */
    static void measure(String name, long pairs, int rounds, LongSupplier body) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        long bytes = 0;
        for (int round = 0; round <= rounds; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            bytes = body.getAsLong();
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            if (round > 0) {
                best = Math.min(best, s);
                bestCpu = Math.min(bestCpu, cpu);
            }
        }
        System.out.printf("%-55s %,12.0f pairs/s %8.1f ns/pair wall, %8.1f ns/pair CPU (best of %d, %,d bytes)%n",
                name, pairs / best, best * 1e9 / pairs, bestCpu * 1e9 / pairs, rounds, bytes);
    }

    static List<Interchange867> build(long pairs) {
        Party udc = new Party("SCE", "Southern California Edison", "375040116");
        Party esp = new Party("ESP01", "Sunrise Energy Services", "958214165");
        long start = Instant.parse("2025-10-20T07:15:00Z").getEpochSecond(); // 00:15 PDT, crosses the fall-back
        List<Interchange867> out = new ArrayList<>();
        List<AccountPeriodReport> sets = new ArrayList<>();
        long done = 0;
        int account = 0;
        java.util.SplittableRandom values = new java.util.SplittableRandom(867);
        while (done < pairs) {
            int n = (int) Math.min(PER_CHANNEL, pairs - done);
            long[] ends = new long[n];
            long[] usage = new long[n];
            boolean[] est = new boolean[n];
            long total = 0;
            for (int i = 0; i < n; i++) {
                ends[i] = start + 900L * i;
                // 0.05 .. 0.45 kWh, seeded pseudo-random: as much for zstd to do as a meter's data (a pattern that
                // repeats every few intervals compresses a hundred times better than real files and hides its cost)
                usage[i] = 500 + values.nextInt(4000);
                est[i] = i % 97 == 0;
                total += usage[i];
            }
            ChannelReport c = new ChannelReport(1, X12Uom.KWH, BigDecimal.valueOf(total, 4), true, null, null,
                    new IntervalSeries(ends, usage, est));
            account++;
            sets.add(new AccountPeriodReport(String.valueOf(3_000_000_000L + account), LocalDate.of(2025, 10, 20),
                    LocalDate.of(2025, 11, 20), udc, esp, "Customer " + account, true, "B" + account,
                    Purpose.ORIGINAL, null, LocalDate.of(2026, 1, 5),
                    List.of(new MeterReport("M" + account, BigDecimal.ONE, List.of(c)))));
            done += n;
            if (sets.size() == SETS_PER_INTERCHANGE || done >= pairs) {
                InterchangeHeader h = new InterchangeHeader("123456789", "375040116",
                        Instant.parse("2026-01-05T10:15:00Z"), out.size() + 1, out.size() + 1, UsageIndicator.TEST);
                out.add(Interchange867.of(h, 1, sets));
                sets = new ArrayList<>();
            }
        }
        return out;
    }
}
