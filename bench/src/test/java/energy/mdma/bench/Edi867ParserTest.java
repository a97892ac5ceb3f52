package energy.mdma.bench;

import energy.mdma.bench.Edi867Parser.ChannelLoop;
import energy.mdma.bench.Edi867Parser.Edi867FormatException;
import energy.mdma.bench.Edi867Parser.Interchange;
import energy.mdma.bench.Edi867Parser.Transaction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Edi867ParserTest {

    /** A cancellation and its new original, over 2 days that include the fall-back day (100 intervals). */
    static final BenchData DATA = new BenchData("T1", 3, 2, 2, LocalDate.of(2026, 10, 31));

    static byte[] correction(long isa13, int kaAt) {
        BenchData.Expected e = DATA.expected(1, 1);
        return new X12Fixture(isa13)
                .st("01", "R2", "R1", DATA.account(1)).se()
                .st("00", "R3", null, DATA.account(1)).loops(e, kaAt).se()
                .end(isa13);
    }

    @Test
    void readsEnvelopeTransactionsAndIntervals() {
        Interchange ic = Edi867Parser.parse(correction(7, -1));
        assertEquals(7, ic.isa13());
        assertEquals("123456789", ic.senderId());
        assertEquals("375040116", ic.receiverId());
        assertEquals(2, ic.transactions().size());

        Transaction cancel = ic.transactions().get(0);
        assertFalse(cancel.original());
        assertEquals("R2", cancel.reportId());
        assertEquals("R1", cancel.cancelledReportId());
        assertEquals(DATA.account(1), cancel.serviceAccount());
        assertTrue(cancel.channels().isEmpty());

        Transaction orig = ic.transactions().get(1);
        assertTrue(orig.original());
        assertEquals(1, orig.position());
        assertNull(orig.cancelledReportId());
        ChannelLoop c = orig.channels().get(0);
        BenchData.Expected e = DATA.expected(1, 1);
        assertEquals(DATA.meterId(1), c.meterId());
        assertEquals(1, c.channel());
        assertEquals(LocalDate.of(2026, 10, 31), c.from());
        assertEquals(LocalDate.of(2026, 11, 2), c.to());
        assertEquals(196, c.intervalEnds().length, "96 + 100 on the fall-back day");
        assertArrayEquals(e.intervalEnds(), c.intervalEnds());
        assertArrayEquals(e.usage1e4(), c.usage1e4());
        assertEquals(e.total1e4(), c.total1e4());
        assertFalse(c.anyEstimated());
        // the repeated hour: 01:00 PD, ..., 01:00 PS, distinct instants an hour apart
        assertEquals(Instant.parse("2026-11-01T08:00:00Z").getEpochSecond(), c.intervalEnds()[96 + 3]);
        assertEquals(Instant.parse("2026-11-01T09:00:00Z").getEpochSecond(), c.intervalEnds()[96 + 7]);
    }

    @Test
    void countsEstimatedIntervals() {
        ChannelLoop c = Edi867Parser.parse(correction(8, 5)).transactions().get(1).channels().get(0);
        assertTrue(c.totalEstimated());
        assertEquals(1, c.estimatedIntervals());
    }

    @Test
    void quantities() {
        assertEquals(2500, qty("0.25"));
        assertEquals(120_000, qty("12"));
        assertEquals(0, qty("0"));
        assertEquals(1, qty("0.0001"));
        assertEquals(-15_000, qty("-1.5"));
        for (String bad : new String[]{"0.250", "12.", ".5", "012", "1.23456", "1e3", "-0", " 1", "1,5"}) {
            assertThrows(Edi867FormatException.class, () -> qty(bad), bad);
        }
    }

    private static long qty(String q) {
        String x12 = new String(correction(9, -1), StandardCharsets.US_ASCII);
        BenchData.Expected e = DATA.expected(1, 1);
        x12 = x12.replaceFirst("QTY\\*QD\\*" + java.util.regex.Pattern.quote(ContentCheck.fmt(e.total1e4())) + "\\*KH",
                "QTY*QD*" + java.util.regex.Matcher.quoteReplacement(q) + "*KH");
        return Edi867Parser.parse(x12.getBytes(StandardCharsets.US_ASCII)).transactions().get(1).channels().get(0)
                .total1e4();
    }

    @Test
    void refusesWhatDoesNotFollowTheLayout() {
        String ok = new String(correction(10, -1), StandardCharsets.US_ASCII);
        bad(ok.replace("SE*7*0001", "SE*8*0001"), "SE01");
        bad(ok.replace("GE*2*10", "GE*3*10"), "GE01");
        bad(ok.replace("IEA*1*000000010", "IEA*1*000000011"), "IEA02");
        bad(ok.replace("~\nREF*12", "~REF*12"), "line feed");
        bad(ok.replaceFirst("\\*0015\\*PD", "*0015*PS"), "zone code"); // Oct 31 is daylight time
        bad(ok.replace("QTY*QD*", "QTY*XX*"), "QTY01");
        bad(ok.replace("PTD*PM", "PTD*PX"), "");
        bad(ok.replace("BPT*01*R2*20261203*C1*****R1", "BPT*01*R2*20261203*C1"), "cancellation");
        bad(ok + "X", "after IEA");
        bad(ok.substring(0, ok.length() - 1), "line feed");
        bad(ok.replaceFirst("DTM\\*582\\*20261031\\*0015", "DTM*582*20261031*2415"), "time of day");
        bad(ok.replaceFirst("DTM\\*582\\*20261031\\*0030", "DTM*582*20261031*0015"), "time order");
    }

    private static void bad(String x12, String expectedInMessage) {
        Edi867FormatException e = assertThrows(Edi867FormatException.class,
                () -> Edi867Parser.parse(x12.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }
}
