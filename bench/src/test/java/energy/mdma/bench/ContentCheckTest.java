package energy.mdma.bench;

import energy.mdma.bench.Edi867Parser.Transaction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentCheckTest {
    static final BenchData DATA = new BenchData("T2", 5, 4, 2, LocalDate.of(2026, 3, 7)); // spring forward on Mar 8

    private static Transaction original(int m, int k, int kaAt, String edit) {
        byte[] x = new X12Fixture(1).st("00", "R", null, DATA.account(m)).loops(DATA.expected(m, k), kaAt).se().end(1);
        String s = new String(x, StandardCharsets.US_ASCII);
        if (edit != null) {
            String[] ft = edit.split("=>", -1);
            s = s.replaceFirst(ft[0], ft[1]);
        }
        return Edi867Parser.parse(s.getBytes(StandardCharsets.US_ASCII)).transactions().get(0);
    }

    @Test
    void theGeneratedContentMatches() {
        Transaction t = original(2, 1, -1, null);
        assertEquals(96 + 92, t.channels().get(0).intervalEnds().length, "the spring-forward day has 92");
        assertTrue(ContentCheck.isFinal(t));
        assertNull(ContentCheck.mismatch(t, DATA.expected(2, 1)));
        assertNull(ContentCheck.mismatch(original(2, 2, -1, null), DATA.expected(2, 2)));
    }

    @Test
    void anEstimateIsNotFinal() {
        Transaction t = original(2, 1, 3, null);
        assertFalse(ContentCheck.isFinal(t));
        assertTrue(ContentCheck.mismatch(t, DATA.expected(2, 1)).contains("KA"));
    }

    @Test
    void totalsAndValuesAreCompared() {
        BenchData.Expected e = DATA.expected(2, 1);
        String total = ContentCheck.fmt(e.total1e4());
        String other = ContentCheck.fmt(e.total1e4() + 1);
        assertTrue(ContentCheck.mismatch(original(2, 1, -1, "QTY\\*QD\\*" + total + "=>QTY*QD*" + other), e)
                .contains("period total " + other + ", generated sum " + total));
        String first = ContentCheck.fmt(e.usage1e4()[0]);
        String wrong = ContentCheck.fmt(e.usage1e4()[0] + 10);
        String msg = ContentCheck.mismatch(original(2, 1, -1, "(PTD\\*PM~\n(?:[^~]*~\n){4})QTY\\*QD\\*" + first
                + "\\*=>$1QTY*QD*" + wrong + "*"), e);
        assertTrue(msg.contains("is " + wrong + ", generated " + first), msg);
        // another meter's data under this account
        assertTrue(ContentCheck.mismatch(original(3, 1, -1, null), e).contains("expected " + DATA.meterId(2)));
        // one interval less (the total as generated)
        BenchData.Expected shorter = new BenchData.Expected(e.meterId(), e.channel(), e.from(), e.to(),
                Arrays.copyOf(e.intervalEnds(), 187), Arrays.copyOf(e.usage1e4(), 187), e.total1e4());
        byte[] x = new X12Fixture(1).st("00", "R", null, DATA.account(2)).loops(shorter, -1).se().end(1);
        String lessOne = ContentCheck.mismatch(Edi867Parser.parse(x).transactions().get(0), e);
        assertTrue(lessOne.contains("187 intervals, expected 188"), lessOne);
    }

    @Test
    void usageIsRoundedHalfUpFromTheRawValue() {
        assertEquals(1235, BenchData.usage1e4(123_450));
        assertEquals(1234, BenchData.usage1e4(123_449));
        assertEquals(1000, BenchData.usage1e4(100_000));
    }
}
