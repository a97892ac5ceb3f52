package energy.mdma.edi.x12;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

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
import energy.mdma.edi.testsupport.ExpectedSample;

/** Fast867Writer writes exactly the bytes of Edi867Writer (StAEDI, the reference) and refuses what it refuses. */
class Fast867WriterTest {
    static final Party UDC = Edi867WriterTest.UDC;
    static final Party ESP = Edi867WriterTest.ESP;
    static final InterchangeHeader HEADER = Edi867WriterTest.HEADER;
    final Fast867Writer fast = new Fast867Writer();
    final Edi867Writer reference = new Edi867Writer();

    static AccountPeriodReport report(String customer, Party udc, List<MeterReport> meters) {
        boolean interval = meters.stream().flatMap(m -> m.channels().stream()).anyMatch(ChannelReport::isInterval);
        return new AccountPeriodReport("3900421644", LocalDate.of(2025, 10, 20), LocalDate.of(2025, 11, 20), udc, ESP,
                customer, interval, "R1", Purpose.ORIGINAL, null, LocalDate.of(2026, 1, 5), meters);
    }

    static IntervalSeries series(String firstEnd, int minutes, int n, long seed, boolean estimates) {
        Random rnd = new Random(seed);
        long first = Instant.parse(firstEnd).getEpochSecond();
        long[] ends = new long[n];
        long[] usage = new long[n];
        boolean[] est = new boolean[n];
        for (int i = 0; i < n; i++) {
            ends[i] = first + 60L * minutes * i;
            usage[i] = rnd.nextInt(60_000);
            est[i] = estimates && rnd.nextInt(5) == 0;
        }
        return new IntervalSeries(ends, usage, est);
    }

    void assertSameBytes(Interchange867 ic) {
        byte[] expected = reference.render(ic);
        byte[] actual = fast.render(ic);
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
        assertArrayEquals(expected, actual);
        assertTrue(new Edi867Checker().check(actual).isEmpty(), () -> new Edi867Checker().check(actual).toString());
    }

    void assertSameBytes(AccountPeriodReport... reports) {
        assertSameBytes(Interchange867.of(HEADER, 1, List.of(reports)));
    }

    // ------------------------------------------------------------------ golden documents

    @Test
    void fallBackDayWith25HoursOfQuarterHours() {
        MeterReport m = new MeterReport("M9503089", BigDecimal.ONE, List.of(new ChannelReport(1, X12Uom.KWH,
                new BigDecimal("12.5"), false, null, null, series("2025-11-02T07:15:00Z", 15, 100 + 96, 1, false))));
        assertSameBytes(report("Kim, Ana", UDC, List.of(m)));
    }

    @Test
    void springForwardDayWith23HoursOfHours() {
        MeterReport m = new MeterReport("M1", BigDecimal.ONE, List.of(new ChannelReport(1, X12Uom.KWH,
                new BigDecimal("3"), false, null, null, series("2026-03-08T08:00:00Z", 60, 30, 2, false))));
        assertSameBytes(report("Kim, Ana", UDC, List.of(m)));
    }

    @Test
    void estimatesAreKaInIntervalsAndTotals() {
        MeterReport m = new MeterReport("M1", BigDecimal.ONE, List.of(new ChannelReport(1, X12Uom.KWH,
                new BigDecimal("17.0001"), true, null, 4711L, series("2025-06-20T07:15:00Z", 15, 96, 3, true))));
        assertSameBytes(report("Kim, Ana", UDC, List.of(m)));
    }

    @Test
    void aCorrectionIsTheCancellationAndTheNewOriginalInOneFile() {
        AccountPeriodReport old = Edi867WriterTest.nonInterval("R1");
        AccountPeriodReport cancel = AccountPeriodReport.cancellationOf(old, "R2", LocalDate.of(2026, 1, 6));
        assertSameBytes(cancel, Edi867WriterTest.nonInterval("R3"));
    }

    @Test
    void severalMetersAndChannelsRegisterMetersWithMeaKvarhAndALongMultiplier() {
        IntervalSeries s = series("2025-12-01T08:15:00Z", 15, 40, 4, true);
        MeterReport b = new MeterReport("M7685777", new BigDecimal("40.000"), List.of(
                new ChannelReport(2, X12Uom.KVARH, new BigDecimal("12.25"), true, null, null, s),
                new ChannelReport(1, X12Uom.KWH, new BigDecimal("0.0100"), false, 48066L, 51567L, s)));
        MeterReport a = new MeterReport("M1699684", new BigDecimal("0.123450"),
                List.of(new ChannelReport(1, X12Uom.KWH, BigDecimal.ZERO, false, 5L, 5L, null),
                        new ChannelReport(3, X12Uom.KVARH, new BigDecimal("5770"), true, 99500L, 577L, null)));
        MeterReport c = new MeterReport("m1", new BigDecimal("1234567890.123456789"),
                List.of(new ChannelReport(10, X12Uom.KWH, new BigDecimal("-1.5"), false, -3L, Long.MAX_VALUE, null)));
        assertSameBytes(report("Acme", UDC, List.of(b, a, c)));
    }

    @Test
    void namesWithDelimitersAndMoreThan60Characters() {
        Party udc = new Party("SCE", "Edison*SCE~x>y", "375040116");
        Party noName = new Party("SCE", "", "375040116");
        MeterReport m = new MeterReport("M1", BigDecimal.ONE, List.of(new ChannelReport(1, X12Uom.KWH,
                new BigDecimal("1"), false, 1L, 2L, null)));
        assertSameBytes(report("O'Neil *Pat* ~ Ünal > " + "z".repeat(80), udc, List.of(m)));
        assertSameBytes(report("N".repeat(59) + ">cut", noName, List.of(m)));
        assertSameBytes(report("漢字テスト\t株式会社 ÄÖÜ\u0085", udc, List.of(m)));
    }

    @Test
    void theAcceptanceSample() throws Exception {
        List<AccountPeriodReport> reports = new ArrayList<>(
                ExpectedSample.load().originals("SCE20260105-", LocalDate.of(2026, 1, 5)));
        reports.add(0, AccountPeriodReport.cancellationOf(reports.get(3), "C1", LocalDate.of(2026, 1, 6)));
        assertSameBytes(Interchange867.of(HEADER, 9998, reports));
    }

    @Test
    void manyRandomInterchanges() {
        Random867 g = new Random867(20260105);
        int same = 0;
        for (int i = 0; i < 250; i++) {
            Interchange867 ic = g.interchange();
            assertSameBytes(ic);
            same++;
        }
        assertEquals(250, same);
    }

    // ------------------------------------------------------------------ the service's API

    static TransactionSet withIds(TransactionSet ts, long st02, String reportId) {
        AccountPeriodReport r = ts.report();
        return new TransactionSet(st02, new AccountPeriodReport(r.serviceAccount(), r.periodStart(), r.periodEnd(),
                r.udc(), r.esp(), r.customerName(), r.intervalAccount(), reportId, r.purpose(), r.cancelledReportId(),
                r.created(), r.meters()));
    }

    @Test
    void withIdsIsTheSameAsRenderingWithThoseIds() {
        Random867 g = new Random867(77);
        Random rnd = new Random(78);
        for (int i = 0; i < 60; i++) {
            Interchange867 ic = g.interchange();
            List<RenderedSet> sets = new ArrayList<>();
            List<TransactionSet> renamed = new ArrayList<>();
            for (TransactionSet ts : ic.transactionSets()) {
                RenderedSet set = fast.renderSet(ts);
                assertArrayEquals(set.bytes(), fast.renderSet(ts).bytes());
                long st02 = rnd.nextBoolean() ? 1 + rnd.nextInt(20) : 1 + rnd.nextInt(999_999_999);
                String id = g.id(1, 30);
                RenderedSet copy = set.withIds(st02, id);
                TransactionSet again = withIds(ts, st02, id);
                RenderedSet fresh = fast.renderSet(again);
                assertArrayEquals(fresh.bytes(), copy.bytes());
                assertEquals(fresh.segmentCount(), copy.segmentCount());
                assertEquals(fresh.intervals(), copy.intervals());
                assertEquals(id, copy.reportId());
                assertEquals(set.reportId(), ts.report().reportId(), "the original is unchanged");
                assertArrayEquals(fresh.bytes(), copy.withIds(7, "X").withIds(st02, id).bytes());
                sets.add(copy);
                renamed.add(again);
            }
            Interchange867 other = new Interchange867(ic.header(), renamed);
            byte[] doc = fast.interchange(ic.header(), sets);
            assertArrayEquals(reference.render(other), doc);
            assertTrue(new Edi867Checker().check(doc).isEmpty());
        }
    }

    @Test
    void renderedSetCountsAndIds() {
        MeterReport m = new MeterReport("M1", BigDecimal.ONE, List.of(new ChannelReport(1, X12Uom.KWH,
                new BigDecimal("3"), false, 1L, 2L, series("2025-06-20T07:15:00Z", 15, 5, 5, false))));
        RenderedSet s = fast.renderSet(new TransactionSet(12, report("X", UDC, List.of(m))));
        assertEquals(5, s.intervals());
        assertEquals("R1", s.reportId());
        assertEquals(1 + 5 + 7 + 5 + 10 + 1, s.segmentCount()); // ST, heading, BO loop with MEA, PM loop head, pairs, SE
        String text = new String(s.bytes(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("ST*867*0012~\nBPT*00*R1*"), text);
        assertTrue(text.endsWith("SE*" + s.segmentCount() + "*0012~\n"), text);
        RenderedSet t = s.withIds(123_456_789, "A-much-longer-report-id-000030");
        String u = new String(t.bytes(), StandardCharsets.UTF_8);
        assertTrue(u.startsWith("ST*867*123456789~\nBPT*00*A-much-longer-report-id-000030*"), u);
        assertTrue(u.endsWith("SE*" + s.segmentCount() + "*123456789~\n"), u);
        assertThrows(Edi867ValidationException.class, () -> s.withIds(0, "R"));
        assertTrue(assertThrows(Edi867ValidationException.class, () -> s.withIds(1, "R~2")).getMessage()
                .contains("BPT02 report id 'R~2'"));
        assertThrows(Edi867ValidationException.class, () -> fast.interchange(HEADER, List.of()));
    }

    // ------------------------------------------------------------------ refusals

    /** Both writers refuse; the fast writer's message names what was refused. */
    void bothRefuse(Interchange867 ic, String... messageParts) {
        assertThrows(Edi867ValidationException.class, () -> reference.render(ic));
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> fast.render(ic));
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    static Interchange867 one(AccountPeriodReport r) {
        return Interchange867.of(HEADER, 1, List.of(r));
    }

    static AccountPeriodReport with(Function<AccountPeriodReport, AccountPeriodReport> f) {
        return f.apply(Edi867WriterTest.nonInterval("R1"));
    }

    static AccountPeriodReport copy(AccountPeriodReport r, String account, Party udc, String customer, String reportId,
                                    List<MeterReport> meters) {
        return new AccountPeriodReport(account, r.periodStart(), r.periodEnd(), udc, r.esp(), customer,
                r.intervalAccount(), reportId, r.purpose(), r.cancelledReportId(), r.created(), meters);
    }

    static List<MeterReport> intervalMeter(IntervalSeries s) {
        return List.of(new MeterReport("M1", BigDecimal.ONE, List.of(new ChannelReport(1, X12Uom.KWH, BigDecimal.ONE,
                false, null, null, s))));
    }

    @Test
    void valuesOutsideTheirDomainAreRefusedByBoth() {
        AccountPeriodReport r = Edi867WriterTest.nonInterval("R1");
        bothRefuse(one(copy(r, r.serviceAccount(), UDC, "X", "R*1", r.meters())), "BPT02 report id 'R*1'", "delimiter");
        bothRefuse(one(copy(r, r.serviceAccount(), UDC, "X", "R".repeat(31), r.meters())), "BPT02", "31 characters");
        bothRefuse(one(copy(r, "", UDC, "X", "R1", r.meters())), "REF02 service account", "empty");
        bothRefuse(one(copy(r, r.serviceAccount(), new Party("S", "N", "3"), "X", "R1", r.meters())), "N104 UDC D-U-N-S");
        bothRefuse(one(copy(r, r.serviceAccount(), new Party("S", "N", "9".repeat(81)), "X", "R1", r.meters())), "N104");
        bothRefuse(one(copy(r, r.serviceAccount(), UDC, "", "R1", r.meters())), "N102 customer name", "R0203");
        bothRefuse(one(copy(r, r.serviceAccount(), UDC, "X", "R1", List.of(new MeterReport("M*1", BigDecimal.ONE,
                r.meters().get(0).channels())))), "REF02 meter id (REF*MG) 'M*1'");
        bothRefuse(one(copy(r, r.serviceAccount(), UDC, "X", "R1", List.of(new MeterReport("M1", BigDecimal.ONE,
                List.of(new ChannelReport(1, X12Uom.KWH, new BigDecimal("1234567890123.456"), false, 1L, 2L, null)))))),
                "QTY02 period total", "16 digits");
        bothRefuse(one(copy(r, r.serviceAccount(), UDC, "X", "R1", List.of(new MeterReport("M1",
                new BigDecimal("1234567890.12345678901"), r.meters().get(0).channels())))), "MEA03 multiplier", "21 digits");
        long t0 = Instant.parse("2025-12-01T08:15:00Z").getEpochSecond();
        bothRefuse(one(copy(r, r.serviceAccount(), UDC, "X", "R1", intervalMeter(new IntervalSeries(new long[] { t0 + 30 },
                new long[] { 1 }, new boolean[1])))), "meter M1 channel 1 interval ending 2025-12-01T08:15:30Z",
                "not on a whole minute");
        bothRefuse(one(copy(r, r.serviceAccount(), UDC, "X", "R1", intervalMeter(new IntervalSeries(new long[] {
            Instant.parse("1850-01-01T08:00:00Z").getEpochSecond() }, new long[] { 1 }, new boolean[1])))),
                "unexpected offset");
        bothRefuse(one(copy(r, r.serviceAccount(), UDC, "X", "R1", intervalMeter(new IntervalSeries(new long[] { t0 },
                new long[] { Long.MAX_VALUE }, new boolean[1])))), "QTY02 '922337203685477.5807'", "more than 15 digits");
        bothRefuse(one(copy(r, r.serviceAccount(), UDC, "X", "R1", intervalMeter(new IntervalSeries(new long[0],
                new long[0], new boolean[0])))), "has no intervals", "QTYLOOP");
        bothRefuse(Interchange867.of(new InterchangeHeader("1", "375040116", HEADER.created(), 1, 1, HEADER.usage()), 1,
                List.of(r)), "ISA06/GS02 sender D-U-N-S '1'");
        bothRefuse(Interchange867.of(new InterchangeHeader("123456789", "1234567890123456", HEADER.created(), 1, 1,
                HEADER.usage()), 1, List.of(r)), "ISA08/GS03 receiver D-U-N-S");
        bothRefuse(Interchange867.of(new InterchangeHeader("12*4", "375040116", HEADER.created(), 1, 1, HEADER.usage()), 1,
                List.of(r)), "delimiter '*'");
        bothRefuse(one(AccountPeriodReport.cancellationOf(r, "", LocalDate.of(2026, 1, 6))), "BPT02 report id", "empty");
    }

    /**
     * Where the fast writer is stricter than Edi867Writer: what Edi867Writer writes here StAEDI's reader (and
     * so the checker) refuses, or is a wrong date.
     */
    @Test
    void stricterThanEdi867WriterWhereItsOutputCouldNotBePosted() {
        AccountPeriodReport r = Edi867WriterTest.nonInterval("R1");
        Interchange867 emoji = one(copy(r, r.serviceAccount(), UDC, "Smile \uD83D\uDE00", "R1", r.meters()));
        byte[] written = reference.render(emoji);
        assertTrue(!StaediOracle.errors(written).isEmpty(), "StAEDI cannot read back what its writer wrote");
        assertTrue(!new Edi867Checker().check(written).isEmpty());
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> fast.render(emoji));
        assertTrue(e.getMessage().contains("N102 customer name") && e.getMessage().contains("U+1F600"), e.getMessage());

        Interchange867 meterEmoji = one(copy(r, r.serviceAccount(), UDC, "X", "R1", List.of(new MeterReport(
                "M\uD83D\uDE00", BigDecimal.ONE, r.meters().get(0).channels()))));
        assertTrue(!StaediOracle.errors(reference.render(meterEmoji)).isEmpty());
        assertThrows(Edi867ValidationException.class, () -> fast.render(meterEmoji));

        // Edi867Writer writes a cancellation of an empty report id with an empty BPT09 (which StAEDI lets pass):
        // a cancellation that does not say what it cancels
        Interchange867 cancelsNothing = one(new AccountPeriodReport(r.serviceAccount(), null, null, UDC, ESP, "X", false,
                "R2", Purpose.CANCELLATION, "", LocalDate.of(2026, 1, 6), List.of()));
        assertTrue(new String(reference.render(cancelsNothing), StandardCharsets.UTF_8).contains("BPT*01*R2*20260106*DD*****~"));
        assertTrue(assertThrows(Edi867ValidationException.class, () -> fast.render(cancelsNothing)).getMessage()
                .contains("BPT09 cancelled report id '': empty, 1..30 allowed"));

        // Edi867Writer writes the year 0 as 0001 (year of era): a wrong date
        AccountPeriodReport year0 = new AccountPeriodReport(r.serviceAccount(), LocalDate.of(0, 3, 1), r.periodEnd(),
                UDC, ESP, "X", false, "R1", Purpose.ORIGINAL, null, r.created(), r.meters());
        assertTrue(new String(reference.render(one(year0)), StandardCharsets.UTF_8).contains("DTM*150*00010301~"));
        assertTrue(assertThrows(Edi867ValidationException.class, () -> fast.render(one(year0))).getMessage()
                .contains("DTM02 period start (DTM*150) '0000-03-01': year outside 1..9999"));
    }
}
