package energy.mdma.edi.x12;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

/**
 * Seeded random 867 interchanges within the writers' domain: several meters and channels, interval and
 * register meters, kWh and kVARh, estimates, multipliers of any scale, names with delimiters, non-ASCII
 * letters and more than 60 characters, intervals across the DST changes, cancellations with a new
 * original (test only).
 */
public final class Random867 {
    private static final String[] NAMES = { "Southern California Edison", "Moore, James", "O'Neil *Pat* ~ Ünal > x",
        "Zoë & Søren Øster-Ås", "漢字テスト株式会社", "A", " ", "Name with * star", "tilde~name", "gt>name",
        "Very long customer name that goes on and on beyond sixty characters for sure, yes", "ÄÖÜ" + "x".repeat(70),
        "tab\tand\nnewline", "C1\u0085control" };
    private static final String ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz-_./ #éÜ";
    private static final BigDecimal[] MULTIPLIERS = { BigDecimal.ONE, new BigDecimal("40.000"), new BigDecimal("0.123450"),
        new BigDecimal("2.5"), new BigDecimal("1E+3"), new BigDecimal("80"), new BigDecimal("0.000012345678"),
        new BigDecimal("1234567890.123456789") };

    private final Random rnd;

    public Random867(long seed) {
        this.rnd = new Random(seed);
    }

    String id(int min, int max) {
        int n = min + rnd.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(ID_CHARS.charAt(rnd.nextInt(i == 0 ? 36 : ID_CHARS.length())));
        }
        return sb.toString();
    }

    String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    String name() {
        return NAMES[rnd.nextInt(NAMES.length)];
    }

    Party party(String id) {
        String name = name();
        if (name.isBlank() && rnd.nextBoolean()) {
            name = "";
        }
        return new Party(id, name, digits(rnd.nextInt(5) == 0 ? 13 : 9));
    }

    long usage1e4() {
        return switch (rnd.nextInt(10)) {
        case 0 -> 0;
        case 1 -> rnd.nextInt(10);
        case 2 -> (long) rnd.nextInt(1000) * 10_000;
        case 3 -> -rnd.nextInt(50_000);
        case 4 -> Math.floorMod(rnd.nextLong(), 999_999_999_999_999L);
        default -> rnd.nextInt(60_000);
        };
    }

    BigDecimal total() {
        return BigDecimal.valueOf(rnd.nextInt(10) == 0 ? Math.floorMod(rnd.nextLong(), 999_999_999_999_999L)
                : rnd.nextInt(5_000_000), rnd.nextInt(5));
    }

    /** Interval ends from a random start, around the DST changes a third of the time. */
    IntervalSeries series() {
        int n = 1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 400 : 60);
        int step = rnd.nextInt(4) == 0 ? 3600 : 900;
        long start;
        switch (rnd.nextInt(3)) {
        case 0 -> start = LocalDateTime.of(2020 + rnd.nextInt(10), 3, 8 + rnd.nextInt(7), 0, 0)
                .toEpochSecond(ZoneOffset.ofHours(-8)); // the spring-forward week
        case 1 -> start = LocalDateTime.of(2020 + rnd.nextInt(10), 11, 1 + rnd.nextInt(7), 0, 0)
                .toEpochSecond(ZoneOffset.ofHours(-7)); // the fall-back week
        default -> start = Instant.parse("2019-01-01T00:00:00Z").getEpochSecond()
                + 900L * rnd.nextInt(12 * 35_040);
        }
        start += step; // an end
        long[] ends = new long[n];
        long[] usage = new long[n];
        boolean[] est = new boolean[n];
        for (int i = 0; i < n; i++) {
            ends[i] = start + (long) step * i;
            usage[i] = usage1e4();
            est[i] = rnd.nextInt(7) == 0;
        }
        return new IntervalSeries(ends, usage, est);
    }

    ChannelReport channel(int number, boolean interval) {
        Long start = null;
        Long end = null;
        int r = rnd.nextInt(4);
        if (!interval || r == 0) {
            start = (long) rnd.nextInt(1_000_000);
            end = start + rnd.nextInt(10_000);
        } else if (r == 1) {
            start = (long) rnd.nextInt(1_000_000);
        }
        return new ChannelReport(number, rnd.nextInt(3) == 0 ? X12Uom.KVARH : X12Uom.KWH, total(), rnd.nextBoolean(), start,
                end, interval ? series() : null);
    }

    MeterReport meter() {
        boolean interval = rnd.nextInt(3) != 0;
        int channels = 1 + rnd.nextInt(3);
        List<ChannelReport> cs = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            cs.add(channel(rnd.nextInt(4) == 0 ? rnd.nextInt(100) : i + 1, interval));
        }
        return new MeterReport("M" + id(0, 12), MULTIPLIERS[rnd.nextInt(MULTIPLIERS.length)], cs);
    }

    AccountPeriodReport original(String reportId) {
        LocalDate from = LocalDate.of(2020, 1, 1).plusDays(rnd.nextInt(3650));
        List<MeterReport> meters = new ArrayList<>();
        int n = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(3);
        boolean interval = false;
        for (int i = 0; i < n; i++) {
            MeterReport m = meter();
            interval |= m.channels().stream().anyMatch(ChannelReport::isInterval);
            meters.add(m);
        }
        return new AccountPeriodReport(digits(10), from, from.plusDays(28 + rnd.nextInt(8)), party("UDC"), party("ESP"),
                rnd.nextInt(20) == 0 ? "Acme" : name().isBlank() ? "X" : name(), interval, reportId, Purpose.ORIGINAL,
                null, from.plusDays(40), meters);
    }

    public Interchange867 interchange() {
        InterchangeHeader h = new InterchangeHeader(digits(9), rnd.nextBoolean() ? digits(9) : digits(13),
                Instant.parse("2020-01-01T00:00:00Z").plusSeconds(rnd.nextInt(400_000_000)),
                1 + rnd.nextInt(999_999_999), 1 + rnd.nextInt(999_999_999),
                rnd.nextBoolean() ? UsageIndicator.PRODUCTION : UsageIndicator.TEST);
        List<TransactionSet> sets = new ArrayList<>();
        long control = 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 999_999_990);
        int reports = 1 + rnd.nextInt(3);
        for (int i = 0; i < reports; i++) {
            AccountPeriodReport r = original("R" + id(1, 20));
            if (rnd.nextInt(3) == 0) { // a correction: the cancellation of the old report and the new original
                sets.add(new TransactionSet(control++, AccountPeriodReport.cancellationOf(r, "C" + id(1, 29),
                        r.created().plusDays(3))));
            }
            sets.add(new TransactionSet(control++, r));
        }
        return new Interchange867(h, sets);
    }

    Random random() {
        return rnd;
    }
}
