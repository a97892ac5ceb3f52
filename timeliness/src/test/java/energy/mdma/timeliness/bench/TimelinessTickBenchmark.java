package energy.mdma.timeliness.bench;

import energy.mdma.events.DecimalValue;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxFileKind;
import energy.mdma.events.MeterEvent;
import energy.mdma.events.ReportPurpose;
import energy.mdma.events.ReportRef;
import energy.mdma.events.ScheduledReadDate;
import energy.mdma.timeliness.Cohort;
import energy.mdma.timeliness.Evaluation;
import energy.mdma.timeliness.GaugeSample;
import energy.mdma.timeliness.TimelinessConfig;
import energy.mdma.timeliness.TimelinessState;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: what one timeliness tick of delivery-service costs at a utility's size. Loads {@code meters} meters
 * (default 200,000; one account each, 10% non-interval, 4 ESPs) on {@code cycles} read cycles (default 20) with
 * monthly read dates from a year before to three months after "today", and the UDC's 867 postings meeting 97% of the
 * obligations of every period that closed; then runs {@code ticks} ticks (default 20) as delivery does once a
 * minute: {@code evaluate} (figures, notices), the gauges, the cohorts of the active window with their late meters
 * (the late-data exceptions' pass) - with 500 new postings between two ticks, as the day's traffic brings. Prints
 * the load time, and each part's median and maximum per tick.
 *
 * <p>Run: {@code java -cp <timeliness test classpath> energy.mdma.timeliness.bench.TimelinessTickBenchmark
 * [meters] [cycles] [ticks]}
 */
public final class TimelinessTickBenchmark {

    private static final ZoneId ZONE = TimelinessConfig.LOS_ANGELES;
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");
    private static final String UDC = "UDC1";

    public static void main(String[] args) {
        int meters = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int ticks = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        TimelinessConfig config = TimelinessConfig.defaults();
        TimelinessState state = new TimelinessState(config);

        long t0 = System.nanoTime();
        List<List<LocalDate>> readDates = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
            List<LocalDate> dates = new ArrayList<>();
            for (int month = -12; month <= 3; month++) {
                LocalDate d = TODAY.withDayOfMonth(1).plusMonths(month).plusDays(c % 28);
                dates.add(d);
                state.apply(ScheduledReadDate.newBuilder().setReadCycle(cycle(c)).setReadDate(d).build());
            }
            readDates.add(dates);
        }
        for (int m = 0; m < meters; m++) {
            state.apply(meter(m, cycles));
        }
        // the closed periods: 97% of the accounts posted the day after the read date, 1,000 reports a file
        int files = 0;
        List<int[]> unposted = new ArrayList<>(); // {cycle, date index, meter}
        for (int c = 0; c < cycles; c++) {
            List<LocalDate> dates = readDates.get(c);
            for (int i = 1; i < dates.size(); i++) {
                LocalDate r = dates.get(i);
                if (!r.isBefore(TODAY)) {
                    continue;
                }
                List<ReportRef> reports = new ArrayList<>();
                for (int m = c; m < meters; m += cycles) {
                    if ((m / cycles) % 100 < 3) {
                        unposted.add(new int[] {c, i, m});
                        continue;
                    }
                    reports.add(original(m, dates.get(i - 1), r));
                    if (reports.size() == 1_000) {
                        state.apply(doc("F" + files++, r.plusDays(1), reports));
                        reports = new ArrayList<>();
                    }
                }
                if (!reports.isEmpty()) {
                    state.apply(doc("F" + files++, r.plusDays(1), reports));
                }
            }
        }
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(Locale.ROOT, "loaded %,d meters on %d cycles, %,d files posted, %,d obligations left late: %,d ms%n",
                meters, cycles, files, unposted.size(), loadMillis);

        long[] evaluate = new long[ticks];
        long[] gauges = new long[ticks];
        long[] lateCohorts = new long[ticks];
        long[] postings = new long[ticks];
        Instant now = TODAY.atTime(9, 0).atZone(ZONE).toInstant();
        int next = 0;
        int figures = 0;
        int gaugeSamples = 0;
        int lateNamed = 0;
        for (int t = 0; t < ticks; t++) {
            long a = System.nanoTime();
            // the minute's traffic: 500 late obligations met
            for (int i = 0; i < 500 && next < unposted.size(); i++, next++) {
                int[] u = unposted.get(next);
                List<LocalDate> dates = readDates.get(u[0]);
                state.apply(doc("L" + next, now.atZone(ZONE).toLocalDate(),
                        List.of(original(u[2], dates.get(u[1] - 1), dates.get(u[1])))));
            }
            long b = System.nanoTime();
            Evaluation e = state.evaluate(now);
            long c = System.nanoTime();
            List<GaugeSample> g = state.gauges(now);
            long d = System.nanoTime();
            List<Cohort> window = state.cohorts(null, TODAY.minusDays(config.activeDays()), TODAY, now);
            for (Cohort cohort : window) {
                lateNamed += cohort.late().size();
            }
            long f = System.nanoTime();
            postings[t] = b - a;
            evaluate[t] = c - b;
            gauges[t] = d - c;
            lateCohorts[t] = f - d;
            figures += e.figures().size();
            gaugeSamples = g.size();
            now = now.plus(Duration.ofMinutes(1));
        }
        System.out.printf(Locale.ROOT, "%d ticks (%,d figures emitted, %,d gauge samples a tick, %,d late meters named):%n",
                ticks, figures, gaugeSamples, lateNamed);
        print("500 postings applied", postings);
        print("evaluate (figures, notices)", evaluate);
        print("gauges", gauges);
        print("cohorts of the active window, late meters named", lateCohorts);
        long[] total = new long[ticks];
        for (int t = 0; t < ticks; t++) {
            total[t] = evaluate[t] + gauges[t] + lateCohorts[t];
        }
        print("a tick (evaluate + gauges + window)", total);
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "  %-50s median %,10.2f ms   max %,10.2f ms%n", what,
                s[s.length / 2] / 1e6, s[s.length - 1] / 1e6);
    }

    private static String cycle(int c) {
        return String.format(Locale.ROOT, "%02d", c + 1);
    }

    private static MeterEvent meter(int m, int cycles) {
        return MeterEvent.newBuilder()
                .setMeterId("M" + eightDigits(m))
                .setServiceAccount(account(m))
                .setUdcId(UDC)
                .setEspId("ESP" + (m % 4))
                .setCustomerName("Customer " + m)
                .setReadCycle(cycle(m % cycles))
                .setIntervalMinutes(m % 10 == 0 ? 0 : 15)
                .setDials(5)
                .setMeterMultiplier(DecimalValue.newBuilder().setUnscaled(1).setScale(0).build())
                .build();
    }

    private static String account(int m) {
        return "A" + eightDigits(m);
    }

    private static String eightDigits(int m) {
        String s = Integer.toString(m);
        return "00000000".substring(s.length()) + s;
    }

    private static ReportRef original(int m, LocalDate start, LocalDate end) {
        return ReportRef.newBuilder()
                .setServiceAccount(account(m))
                .setPeriodStart(start)
                .setPeriodEnd(end)
                .setReportId("R" + m + "-" + end)
                .setPurpose(ReportPurpose.ORIGINAL)
                .setMeterIds(List.of())
                .build();
    }

    private static DocumentPosted doc(String fileId, LocalDate day, List<ReportRef> reports) {
        return DocumentPosted.newBuilder()
                .setFileId(fileId)
                .setReceiverPartyId(UDC)
                .setKind(MailboxFileKind.EDI_867)
                .setFileName(fileId + ".x12")
                .setCreatedAt(day.atTime(10, 0).atZone(ZONE).toInstant())
                .setSha256("0".repeat(64))
                .setContent(ByteBuffer.wrap(new byte[0]))
                .setReports(reports)
                .build();
    }
}
