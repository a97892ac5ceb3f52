package energy.mdma.edi.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import energy.mdma.edi.model.AccountPeriodReport;
import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.TransactionSet;
import energy.mdma.edi.model.UsageIndicator;
import energy.mdma.edi.testsupport.ExpectedSample;

class Edi867ReaderTest {
    static final Map<String, String> IDS = Map.of("375040116", "SCE", "958214165", "ESP01", "489530149", "ESP02",
            "528471931", "ESP03");
    final Edi867Reader reader = new Edi867Reader(duns -> IDS.getOrDefault(duns, duns));

    static Interchange867 asWritten(Interchange867 ic) {
        List<TransactionSet> sets = new ArrayList<>();
        for (TransactionSet ts : ic.transactionSets()) {
            sets.add(new TransactionSet(ts.controlNumber(), ts.report().asWritten()));
        }
        return new Interchange867(ic.header(), sets);
    }

    @Test
    void roundTripOfTheWholeSampleWithACancellation() throws Exception {
        List<AccountPeriodReport> reports = new ArrayList<>(
                ExpectedSample.load().originals("RT-", LocalDate.of(2026, 1, 5)));
        reports.add(0, AccountPeriodReport.cancellationOf(reports.get(3), "RT-C1", LocalDate.of(2026, 1, 6)));
        InterchangeHeader h = new InterchangeHeader("123456789", "375040116", Instant.parse("2026-01-06T23:59:00Z"),
                999_999_999L, 123, UsageIndicator.PRODUCTION);
        Interchange867 ic = Interchange867.of(h, 9998, reports);

        Interchange867 back = reader.read(new Edi867Writer().render(ic));

        assertEquals(asWritten(ic), back);
        AccountPeriodReport cancel = back.transactionSets().get(0).report();
        assertEquals(Purpose.CANCELLATION, cancel.purpose());
        assertEquals("RT-4", cancel.cancelledReportId());
        assertNull(cancel.periodStart());
        assertEquals(10_000L, back.transactionSets().get(2).controlNumber());
        // the comparison can fail: a changed interval value is seen
        AccountPeriodReport first = back.transactionSets().get(3).report();
        long[] usage = first.meters().get(0).channels().get(0).intervals().usage1e4();
        usage[5]++;
        assertNotEquals(asWritten(ic), back);
    }

    @Test
    void roundTripOfNamesThatNeedSanitizing() {
        AccountPeriodReport r = Edi867WriterTest.nonInterval("R1");
        AccountPeriodReport named = new AccountPeriodReport(r.serviceAccount(), r.periodStart(), r.periodEnd(),
                r.udc(), r.esp(), "O'Neil *Pat* ~ Ünal > " + "z".repeat(80), false, "R1", Purpose.ORIGINAL, null,
                r.created(), r.meters());
        Interchange867 ic = Interchange867.of(Edi867WriterTest.HEADER, 1, List.of(named));
        Interchange867 back = reader.read(new Edi867Writer().render(ic));
        assertEquals(asWritten(ic), back);
        assertEquals(60, back.reports().get(0).customerName().length());
    }

    static String valid() {
        return new String(new Edi867Writer().render(Interchange867.of(Edi867WriterTest.HEADER, 1,
                List.of(Edi867WriterTest.nonInterval("R1")))), StandardCharsets.UTF_8);
    }

    static Interchange867 read(String doc) {
        return new Edi867Reader().read(doc.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validDocumentIsAccepted() {
        assertEquals("R1", read(valid()).reports().get(0).reportId());
    }

    @Test
    void missingMandatorySegmentIsRefused() {
        String doc = valid().replace("N1*8R*Moore, James~\n", "").replace("SE*14*0001~", "SE*13*0001~");
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> read(doc));
        assertTrue(e.getMessage().contains("LOOP") || e.getMessage().contains("MANDATORY"), e.getMessage());
    }

    @Test
    void missingBptIsRefused() {
        String doc = valid().replace("BPT*00*R1*20260105*DD~\n", "").replace("SE*14*0001~", "SE*13*0001~");
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> read(doc));
        assertTrue(e.getMessage().contains("MANDATORY_SEGMENT_MISSING"), e.getMessage());
    }

    @Test
    void wrongSegmentCountIsRefused() {
        String doc = valid().replace("SE*14*0001~", "SE*15*0001~");
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> read(doc));
        assertTrue(e.getMessage().contains("CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT"), e.getMessage());
    }

    @Test
    void mismatchedControlNumberIsRefused() {
        String doc = valid().replace("IEA*1*000000042~", "IEA*1*000000043~");
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> read(doc));
        assertTrue(e.getMessage().contains("CONTROL_REFERENCE_MISMATCH"), e.getMessage());
    }

    @Test
    void overLongElementIsRefused() {
        String doc = valid().replace("REF*12*3026388917~", "REF*12*" + "9".repeat(31) + "~");
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> read(doc));
        assertTrue(e.getMessage().contains("DATA_ELEMENT_TOO_LONG"), e.getMessage());
    }

    @Test
    void unknownCodeIsRefused() {
        String doc = valid().replace("QTY*QD*577*KH~", "QTY*ZZ*577*KH~");
        Edi867ValidationException e = assertThrows(Edi867ValidationException.class, () -> read(doc));
        assertTrue(e.getMessage().contains("INVALID_CODE_VALUE"), e.getMessage());
    }
}
