package energy.mdma.edi.bench;

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
import energy.mdma.edi.model.Uom;
import energy.mdma.edi.model.UsageIndicator;
import energy.mdma.edi.x12.Edi867Reader;
import energy.mdma.edi.x12.Edi867Writer;

/**
 * Not a test: renders and validates N interval QTY / DTM*582 pairs and prints pairs per second.
 * Each transaction set holds one interval channel of a 31-day period (2976 intervals), an interchange
 * up to 100 transaction sets.
 *
 * <pre>
 * mvn -q -B -o -pl edi-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp edi-service/target/classes:edi-service/target/test-classes:$(cat edi-service/target/cp.txt) \
 *      energy.mdma.edi.bench.Edi867Benchmark [pairs=1000000] [rounds=5]
 * </pre>
 */
public final class Edi867Benchmark {
    private static final int PER_CHANNEL = 31 * 96;
    private static final int SETS_PER_INTERCHANGE = 100;

    public static void main(String[] args) {
        long pairs = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Interchange867> work = build(pairs);
        Edi867Writer writer = new Edi867Writer();
        System.out.printf("867 benchmark: %d QTY/DTM*582 pairs in %d interchange(s), validation on%n", pairs, work.size());
        long bytes = 0;
        for (int round = 0; round <= rounds; round++) {
            long t0 = System.nanoTime();
            bytes = 0;
            for (Interchange867 ic : work) {
                bytes += writer.render(ic).length;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s round %d: %.3f s, %,.0f pairs/s, %,d bytes%n", round == 0 ? "warm-up" : "render ",
                    round, s, pairs / s, bytes);
        }
        byte[] doc = writer.render(work.get(0));
        long docPairs = work.get(0).reports().stream().mapToLong(r -> r.meters().get(0).channels().get(0).intervals().size()).sum();
        Edi867Reader reader = new Edi867Reader();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            reader.read(doc);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("read+validate round %d: %,.0f pairs/s%n", round, docPairs / s);
        }
    }

    static List<Interchange867> build(long pairs) {
        Party udc = new Party("SCE", "Southern California Edison", "375040116");
        Party esp = new Party("ESP01", "Sunrise Energy Services", "958214165");
        long start = Instant.parse("2025-10-20T07:15:00Z").getEpochSecond(); // 00:15 PDT, crosses the fall-back
        List<Interchange867> out = new ArrayList<>();
        List<AccountPeriodReport> sets = new ArrayList<>();
        long done = 0;
        int account = 0;
        while (done < pairs) {
            int n = (int) Math.min(PER_CHANNEL, pairs - done);
            long[] ends = new long[n];
            long[] usage = new long[n];
            boolean[] est = new boolean[n];
            long total = 0;
            for (int i = 0; i < n; i++) {
                ends[i] = start + 900L * i;
                usage[i] = 500 + (i * 7919L) % 4000; // 0.05 .. 0.45 kWh
                est[i] = i % 97 == 0;
                total += usage[i];
            }
            ChannelReport c = new ChannelReport(1, Uom.KWH, BigDecimal.valueOf(total, 4), true, null, null,
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
