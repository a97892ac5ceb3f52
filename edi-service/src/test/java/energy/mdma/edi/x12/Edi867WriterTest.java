package energy.mdma.edi.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

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

class Edi867WriterTest {
    static final Party UDC = new Party("SCE", "Southern California Edison", "375040116");
    static final Party ESP = new Party("ESP01", "Sunrise Energy Services", "958214165");
    static final InterchangeHeader HEADER = new InterchangeHeader("123456789", "375040116",
            Instant.parse("2026-01-05T10:15:00Z"), 42, 7, UsageIndicator.TEST);

    static AccountPeriodReport nonInterval(String reportId) {
        ChannelReport c = new ChannelReport(1, X12Uom.KWH, new BigDecimal("577.0"), false, 13334L, 13911L, null);
        return new AccountPeriodReport("3026388917", LocalDate.of(2025, 10, 27), LocalDate.of(2025, 11, 28), UDC, ESP,
                "Moore, James", false, reportId, Purpose.ORIGINAL, null, LocalDate.of(2026, 1, 5),
                List.of(new MeterReport("M6824492", new BigDecimal("1"), List.of(c))));
    }

    static AccountPeriodReport intervalReport(String reportId, long[] ends, long[] usage, boolean[] est,
                                              LocalDate from, LocalDate to) {
        ChannelReport kwh = new ChannelReport(1, X12Uom.KWH, new BigDecimal("1.25"), true, null, null,
                new IntervalSeries(ends, usage, est));
        return new AccountPeriodReport("3165228187", from, to, UDC, ESP, "Kim, Ana", true, reportId,
                Purpose.ORIGINAL, null, LocalDate.of(2026, 1, 5),
                List.of(new MeterReport("M9503089", BigDecimal.ONE, List.of(kwh))));
    }

    static String render(AccountPeriodReport... reports) {
        return new String(new Edi867Writer().render(Interchange867.of(HEADER, 1, List.of(reports))),
                StandardCharsets.UTF_8);
    }

    @Test
    void envelopeAndHeadingAreLaidOutAsSpecified() {
        String doc = render(nonInterval("R1"));
        String[] lines = doc.split("\n", -1);
        assertEquals("ISA*00*          *00*          *01*123456789      *01*375040116      *260105*1015*U*00401*000000042*0*T*>~",
                lines[0]);
        assertEquals(106, lines[0].length(), "ISA is 106 characters with its terminator");
        assertEquals(List.of(
                "GS*PT*123456789*375040116*20260105*1015*7*X*004010~",
                "ST*867*0001~",
                "BPT*00*R1*20260105*DD~",
                "REF*12*3026388917~",
                "N1*8S*Southern California Edison*1*375040116~",
                "N1*SJ*Sunrise Energy Services*1*958214165~",
                "N1*8R*Moore, James~",
                "PTD*BO~",
                "DTM*150*20251027~",
                "DTM*151*20251128~",
                "REF*MG*M6824492~",
                "REF*6W*1~",
                "QTY*QD*577*KH~",
                "MEA*AA*PRQ*1*KH*13334*13911*51~",
                "SE*14*0001~",
                "GE*1*7~",
                "IEA*1*000000042~",
                ""), Arrays.asList(lines).subList(1, lines.length));
    }

    @Test
    void cancellationCarriesHeadingOnlyAndTheCancelledIdInBpt09() {
        AccountPeriodReport original = nonInterval("R1");
        AccountPeriodReport cancel = AccountPeriodReport.cancellationOf(original, "R2", LocalDate.of(2026, 1, 6));
        String doc = render(cancel, nonInterval("R3"));
        assertTrue(doc.contains("ST*867*0001~\nBPT*01*R2*20260106*DD*****R1~\nREF*12*3026388917~\n"
                + "N1*8S*Southern California Edison*1*375040116~\nN1*SJ*Sunrise Energy Services*1*958214165~\n"
                + "N1*8R*Moore, James~\nSE*7*0001~\nST*867*0002~\nBPT*00*R3*20260105*DD~"), doc);
        assertTrue(doc.contains("GE*2*7~"), doc);
    }

    @Test
    void meterAndChannelOrderAndIntervalLoopFollowTheSummaryLoop() {
        long t0 = Instant.parse("2025-12-01T08:15:00Z").getEpochSecond();
        IntervalSeries s = new IntervalSeries(new long[] { t0, t0 + 900 }, new long[] { 2500, 120000 },
                new boolean[] { false, true });
        ChannelReport kvarh = new ChannelReport(2, X12Uom.KVARH, new BigDecimal("12.25"), true, null, null, s);
        ChannelReport kwh = new ChannelReport(1, X12Uom.KWH, new BigDecimal("0.0100"), false, 48066L, 51567L, s);
        MeterReport b = new MeterReport("M7685777", new BigDecimal("40.000"), List.of(kvarh, kwh));
        MeterReport a = new MeterReport("M1699684", new BigDecimal("80"),
                List.of(new ChannelReport(1, X12Uom.KWH, BigDecimal.ZERO, false, 5L, 5L, null)));
        AccountPeriodReport r = new AccountPeriodReport("3911611822", LocalDate.of(2025, 11, 24),
                LocalDate.of(2025, 12, 23), UDC, ESP, "Acme", true, "R9", Purpose.ORIGINAL, null,
                LocalDate.of(2026, 1, 5), List.of(b, a));
        String doc = render(r);
        List<String> loops = Arrays.stream(doc.split("\n"))
                .filter(l -> l.startsWith("PTD") || l.startsWith("REF*MG") || l.startsWith("REF*6W")
                        || l.startsWith("QTY") || l.startsWith("MEA") || l.startsWith("DTM*582"))
                .collect(Collectors.toList());
        assertEquals(List.of(
                "PTD*BO~", "REF*MG*M1699684~", "REF*6W*1~", "QTY*QD*0*KH~", "MEA*AA*PRQ*80*KH*5*5*51~",
                "PTD*BO~", "REF*MG*M7685777~", "REF*6W*1~", "QTY*QD*0.01*KH~", "MEA*AA*PRQ*40*KH*48066*51567*51~",
                "PTD*PM~", "REF*MG*M7685777~", "REF*6W*1~",
                "QTY*QD*0.25*KH~", "DTM*582*20251201*0015*PS~", "QTY*KA*12*KH~", "DTM*582*20251201*0030*PS~",
                "PTD*BO~", "REF*MG*M7685777~", "REF*6W*2~", "QTY*KA*12.25*K3~",
                "PTD*PM~", "REF*MG*M7685777~", "REF*6W*2~",
                "QTY*QD*0.25*K3~", "DTM*582*20251201*0015*PS~", "QTY*KA*12*K3~", "DTM*582*20251201*0030*PS~"),
                loops);
    }

    @Test
    void fallBackDayRepeatsTheOneOClockHourAsPdThenPsAndMidnightIsNextDay0000() {
        // 2025-11-02 00:45 PDT .. 2025-11-03 00:00 PST, every 15 minutes
        long first = Instant.parse("2025-11-02T07:45:00Z").getEpochSecond();
        long last = Instant.parse("2025-11-03T08:00:00Z").getEpochSecond();
        int n = (int) ((last - first) / 900) + 1;
        long[] ends = new long[n];
        long[] usage = new long[n];
        for (int i = 0; i < n; i++) {
            ends[i] = first + 900L * i;
            usage[i] = i;
        }
        String doc = render(intervalReport("R1", ends, usage, new boolean[n], LocalDate.of(2025, 10, 20),
                LocalDate.of(2025, 11, 20)));
        List<String> dtm = Arrays.stream(doc.split("\n")).filter(l -> l.startsWith("DTM*582")).toList();
        assertEquals(n, dtm.size());
        assertEquals(4 * 24 + 1 + 1, n, "00:45 PDT to 24:00 PST on a 25-hour day: 23 h 15 min of wall clock + 1 h");
        assertEquals(List.of(
                "DTM*582*20251102*0045*PD~",
                "DTM*582*20251102*0100*PD~",
                "DTM*582*20251102*0115*PD~",
                "DTM*582*20251102*0130*PD~",
                "DTM*582*20251102*0145*PD~",
                "DTM*582*20251102*0100*PS~",
                "DTM*582*20251102*0115*PS~",
                "DTM*582*20251102*0130*PS~",
                "DTM*582*20251102*0145*PS~",
                "DTM*582*20251102*0200*PS~"), dtm.subList(0, 10));
        assertEquals("DTM*582*20251102*2345*PS~", dtm.get(n - 2));
        assertEquals("DTM*582*20251103*0000*PS~", dtm.get(n - 1));
        assertTrue(doc.contains("QTY*QD*0.0001*KH~\nDTM*582*20251102*0100*PD~"), doc);
    }

    @Test
    void springForwardSkipsTheTwoOClockHour() {
        long first = Instant.parse("2026-03-08T09:45:00Z").getEpochSecond(); // 01:45 PST
        long[] ends = { first, first + 900 };
        String doc = render(intervalReport("R1", ends, new long[] { 1, 2 }, new boolean[2],
                LocalDate.of(2026, 2, 20), LocalDate.of(2026, 3, 20)));
        assertTrue(doc.contains("DTM*582*20260308*0145*PS~\nQTY*QD*0.0002*KH~\nDTM*582*20260308*0300*PD~"), doc);
    }

    @Test
    void namesLoseDelimitersAndAreCutTo60() {
        AccountPeriodReport r = nonInterval("R1");
        String longName = "A*B~C>D " + "x".repeat(70);
        AccountPeriodReport named = new AccountPeriodReport(r.serviceAccount(), r.periodStart(), r.periodEnd(),
                new Party("SCE", "Edison*SCE", "375040116"), r.esp(), longName, false, "R1", Purpose.ORIGINAL,
                null, r.created(), r.meters());
        String doc = render(named);
        assertTrue(doc.contains("N1*8S*Edison SCE*1*375040116~"), doc);
        String expected = ("A B C D " + "x".repeat(70)).substring(0, 60);
        assertTrue(doc.contains("N1*8R*" + expected + "~\n"), doc);
    }

    @Test
    void overLongReportIdIsRefusedByValidation() {
        String id31 = "R".repeat(31);
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> render(nonInterval(id31)));
        assertTrue(e.errors().stream().anyMatch(m -> m.contains("BPT02") && m.contains("DATA_ELEMENT_TOO_LONG")),
                e.getMessage());
        // 30 characters are fine
        render(nonInterval("R".repeat(30)));
    }

    @Test
    void quantityWithTooManyDigitsIsRefusedByValidation() {
        ChannelReport c = new ChannelReport(1, X12Uom.KWH, new BigDecimal("1234567890123.456"), false, 1L, 2L, null);
        AccountPeriodReport r = nonInterval("R1");
        AccountPeriodReport big = new AccountPeriodReport(r.serviceAccount(), r.periodStart(), r.periodEnd(), UDC,
                ESP, "X", false, "R1", Purpose.ORIGINAL, null, r.created(),
                List.of(new MeterReport("M1", BigDecimal.ONE, List.of(c))));
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> render(big));
        assertTrue(e.errors().stream().anyMatch(m -> m.contains("QTY02") && m.contains("DATA_ELEMENT_TOO_LONG")),
                e.getMessage());
    }

    @Test
    void emptyCustomerNameBreaksTheN1SyntaxRuleAndIsRefused() {
        AccountPeriodReport r = nonInterval("R1");
        AccountPeriodReport noName = new AccountPeriodReport(r.serviceAccount(), r.periodStart(), r.periodEnd(),
                UDC, ESP, "", false, "R1", Purpose.ORIGINAL, null, r.created(), r.meters());
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> render(noName));
        assertTrue(e.getMessage().contains("N1"), e.getMessage());
    }

    @Test
    void delimiterInAnIdentifierIsRefused() {
        AccountPeriodReport r = nonInterval("R*1");
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> render(r));
        assertTrue(e.getMessage().contains("BPT02"), e.getMessage());
    }

    @Test
    void overLongDunsIsRefused() {
        Party udc = new Party("SCE", "Edison", "1234567890123456789012345678901234567890123456789012345678901234567890123456789012");
        AccountPeriodReport r = nonInterval("R1");
        AccountPeriodReport bad = new AccountPeriodReport(r.serviceAccount(), r.periodStart(), r.periodEnd(), udc,
                ESP, "X", false, "R1", Purpose.ORIGINAL, null, r.created(), r.meters());
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> render(bad));
        assertTrue(e.errors().stream().anyMatch(m -> m.contains("N104") && m.contains("DATA_ELEMENT_TOO_LONG")),
                e.getMessage());
    }
}
