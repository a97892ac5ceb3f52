package energy.mdma.edi.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.ChannelReport;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.IntervalSeries;
import energy.mdma.edi.model.MeterReport;
import energy.mdma.edi.model.Party;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.X12Uom;

/** Edge cases of edi-867.md's rules that the layout tests of {@link Edi867WriterTest} do not reach. */
class Edi867WriterRulesTest {
    static final Party UDC = Edi867WriterTest.UDC;
    static final Party ESP = Edi867WriterTest.ESP;
    static final LocalDate FROM = LocalDate.of(2025, 6, 20);
    static final LocalDate TO = LocalDate.of(2025, 7, 21);

    static AccountPeriodReport report(boolean intervalAccount, String customer, Party esp, List<MeterReport> meters) {
        return new AccountPeriodReport("3900421644", FROM, TO, UDC, esp, customer, intervalAccount, "R1",
                Purpose.ORIGINAL, null, LocalDate.of(2026, 1, 5), meters);
    }

    static String render(AccountPeriodReport r) {
        return new String(new Edi867Writer().render(Interchange867.of(Edi867WriterTest.HEADER, 1, List.of(r))),
                StandardCharsets.UTF_8);
    }

    static List<String> lines(String doc, String... prefixes) {
        return Arrays.stream(doc.split("\n")).filter(l -> Arrays.stream(prefixes).anyMatch(l::startsWith)).toList();
    }

    static ChannelReport register(int channel, String total, boolean ka, Long start, Long end) {
        return new ChannelReport(channel, X12Uom.KWH, new BigDecimal(total), ka, start, end, null);
    }

    static IntervalSeries series(Instant first, int minutes, long... usage1e4) {
        long[] ends = new long[usage1e4.length];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = first.getEpochSecond() + 60L * minutes * i;
        }
        return new IntervalSeries(ends, usage1e4, new boolean[usage1e4.length]);
    }

    /** input-formats.md: meter_multiplier is "a positive decimal" (any number of places); MEA03 carries it as given. */
    @Test
    void meterMultiplierWithMoreThanFourDecimalPlacesIsWrittenExactly() {
        MeterReport m = new MeterReport("M1", new BigDecimal("0.123450"), List.of(register(1, "12.5", false, 100L, 200L)));
        String doc = render(report(false, "X", ESP, List.of(m)));
        assertEquals(List.of("MEA*AA*PRQ*0.12345*KH*100*200*51~"), lines(doc, "MEA"));
    }

    /** "for each meter of the account in meter id order (code points), and each of its channels in channel order". */
    @Test
    void metersInCodePointOrderAndChannelsInNumericOrder() {
        List<ChannelReport> chs = List.of(register(10, "1", false, null, null), register(9, "1", false, null, null),
                register(1, "1", false, null, null));
        List<MeterReport> meters = List.of(new MeterReport("m1", BigDecimal.ONE, chs.subList(2, 3)),
                new MeterReport("M2", BigDecimal.ONE, chs.subList(2, 3)),
                new MeterReport("M10", BigDecimal.ONE, chs),
                new MeterReport("M1-0", BigDecimal.ONE, chs.subList(2, 3)));
        String doc = render(report(false, "X", ESP, meters));
        assertEquals(List.of("REF*MG*M1-0~", "REF*6W*1~", "REF*MG*M10~", "REF*6W*1~", "REF*MG*M10~", "REF*6W*9~",
                "REF*MG*M10~", "REF*6W*10~", "REF*MG*M2~", "REF*6W*1~", "REF*MG*m1~", "REF*6W*1~"),
                lines(doc, "REF*MG", "REF*6W"));
    }

    /** "The MEA segment stands only when both readings exist; for a non-interval meter they always do." */
    @Test
    void meaOnlyWhenBothReadingsExistAndAnEstimatedClosingReadingMakesTheTotalKa() {
        Instant first = Instant.parse("2025-06-20T07:15:00Z");
        ChannelReport onlyStart = new ChannelReport(1, X12Uom.KWH, new BigDecimal("0.3"), false, 4711L, null,
                series(first, 15, 1000, 2000));
        ChannelReport onlyEnd = new ChannelReport(2, X12Uom.KVARH, new BigDecimal("0.3"), false, null, 4711L,
                series(first, 15, 1000, 2000));
        MeterReport interval = new MeterReport("M1", new BigDecimal("40"), List.of(onlyStart, onlyEnd));
        MeterReport nonInterval = new MeterReport("M2", new BigDecimal("10"),
                List.of(register(1, "5770", true, 99500L, 577L)));
        String doc = render(report(true, "X", ESP, List.of(interval, nonInterval)));
        assertEquals(List.of("PTD*BO~", "QTY*QD*0.3*KH~", "PTD*PM~", "QTY*QD*0.1*KH~", "QTY*QD*0.2*KH~",
                "PTD*BO~", "QTY*QD*0.3*K3~", "PTD*PM~", "QTY*QD*0.1*K3~", "QTY*QD*0.2*K3~",
                "PTD*BO~", "QTY*KA*5770*KH~", "MEA*AA*PRQ*10*KH*99500*577*51~"),
                lines(doc, "PTD", "QTY", "MEA"));
        assertTrue(doc.contains("BPT*00*R1*20260105*C1~"), doc);
    }

    /** "the interval ending at midnight carries the next day's date and 0000", in daylight time too. */
    @Test
    void midnightInDaylightTimeAndAfterTheSpringForwardDayIsTheNextDay0000Pd() {
        String summer = render(report(true, "X", ESP, List.of(new MeterReport("M1", BigDecimal.ONE, List.of(
                new ChannelReport(1, X12Uom.KWH, new BigDecimal("3"), false, null, null,
                        series(Instant.parse("2025-07-01T06:45:00Z"), 15, 10000, 10000, 10000)))))));
        assertEquals(List.of("DTM*582*20250630*2345*PD~", "DTM*582*20250701*0000*PD~", "DTM*582*20250701*0015*PD~"),
                lines(summer, "DTM*582"));
        // 2026-03-08 has 23 hours; the interval ending at its closing midnight is 2026-03-09 00:00 PDT
        String spring = render(report(true, "X", ESP, List.of(new MeterReport("M1", BigDecimal.ONE, List.of(
                new ChannelReport(1, X12Uom.KWH, new BigDecimal("2"), false, null, null,
                        series(Instant.parse("2026-03-09T06:45:00Z"), 15, 10000, 10000)))))));
        assertEquals(List.of("DTM*582*20260308*2345*PD~", "DTM*582*20260309*0000*PD~"), lines(spring, "DTM*582"));
    }

    /** Hourly intervals on the fall-back day: the repeated 01:00 once as PD, once as PS. */
    @Test
    void hourlyIntervalsOnTheFallBackDay() {
        String doc = render(report(true, "X", ESP, List.of(new MeterReport("M1", BigDecimal.ONE, List.of(
                new ChannelReport(1, X12Uom.KWH, new BigDecimal("4"), false, null, null,
                        series(Instant.parse("2025-11-02T07:00:00Z"), 60, 10000, 10000, 10000, 10000)))))));
        assertEquals(List.of("DTM*582*20251102*0000*PD~", "DTM*582*20251102*0100*PD~", "DTM*582*20251102*0100*PS~",
                "DTM*582*20251102*0200*PS~"), lines(doc, "DTM*582"));
    }

    /** "The delimiters *, ~ and > inside a name are replaced by a space; N102 is cut to 60 characters." */
    @Test
    void namesOfExactly60AreKeptAndLongerOnesCutAfterReplacingEveryDelimiter() {
        String sixty = "N".repeat(59) + ">";
        Party esp = new Party("ESP_01", "Sun>rise~Energy*", "958214165");
        MeterReport m = new MeterReport("M1", BigDecimal.ONE, List.of(register(1, "1", false, 1L, 2L)));
        String doc = render(report(false, sixty + "cut", esp, List.of(m)));
        assertEquals(List.of("N1*8S*Southern California Edison*1*375040116~", "N1*SJ*Sun rise Energy *1*958214165~",
                "N1*8R*" + "N".repeat(59) + " ~"), lines(doc, "N1"));
        assertFalse(doc.contains("cut"), doc);
    }

    /** A total of 0 is "0", a fractional one has its leading 0, and at most 4 places (edi-867.md, compare.py's regex). */
    @Test
    void totalsAndIntervalQuantitiesInThePlainFormat() {
        MeterReport m = new MeterReport("M1", new BigDecimal("80.00"), List.of(
                new ChannelReport(1, X12Uom.KWH, new BigDecimal("0.0000"), false, 5L, 5L,
                        series(Instant.parse("2025-06-20T07:15:00Z"), 15, 0, 0)),
                new ChannelReport(2, X12Uom.KVARH, new BigDecimal(".5000"), false, null, null,
                        series(Instant.parse("2025-06-20T07:15:00Z"), 15, 1, 4999))));
        String doc = render(report(true, "X", ESP, List.of(m)));
        assertEquals(List.of("QTY*QD*0*KH~", "MEA*AA*PRQ*80*KH*5*5*51~", "QTY*QD*0*KH~", "QTY*QD*0*KH~",
                "QTY*QD*0.5*K3~", "QTY*QD*0.0001*K3~", "QTY*QD*0.4999*K3~"), lines(doc, "QTY", "MEA"));
    }
}
