package energy.mdma.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The byte scan the bench runs while the clock runs agrees with the full parse on which sets are estimated. */
class EstimateScanTest {
    static final BenchData DATA = Edi867ParserTest.DATA;

    @Test
    void findsTheEstimatedSetsInFileOrder() {
        BenchData.Expected e = DATA.expected(1, 1);
        byte[] x12 = new X12Fixture(7)
                .st("00", "R1", null, DATA.account(1)).loops(e, -1).se()
                .st("01", "R0", "R9", DATA.account(1)).se()
                .st("00", "R2", null, DATA.account(1)).loops(e, 5).se()
                .st("00", "R3", null, DATA.account(1)).loops(e, e.intervalEnds().length - 1).se()
                .end(7);
        assertArrayEquals(new boolean[]{false, false, true, true}, EstimateScan.estimatedSets(x12));
        Edi867Parser.Interchange ic = Edi867Parser.parse(x12);
        boolean[] scanned = EstimateScan.estimatedSets(x12);
        for (Edi867Parser.Transaction t : ic.transactions()) {
            if (t.original()) {
                assertEquals(!ContentCheck.isFinal(t), scanned[t.position()], "set " + t.reportId());
            }
        }
    }

    @Test
    void onlyQty01CountsAndOtherSeparatorsAreRead() {
        BenchData.Expected e = DATA.expected(1, 1);
        String text = new String(new X12Fixture(8).st("00", "R1", null, DATA.account(1)).loops(e, -1).se().end(8),
                StandardCharsets.US_ASCII);
        // a KA elsewhere than QTY01 is no estimate
        String tricky = text.replace("REF*12*", "REF*KA*");
        assertArrayEquals(new boolean[]{false}, EstimateScan.estimatedSets(tricky.getBytes(StandardCharsets.US_ASCII)));
        // the separators come from the ISA segment: | and ! instead of * and ~
        String other = text.replace('*', '|').replace('~', '!').replaceFirst("QTY\\|QD", "QTY|KA");
        assertArrayEquals(new boolean[]{true}, EstimateScan.estimatedSets(other.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aSetWithoutSeEndsAtTheNextStAndAnEstimateOutsideEverySetCountsForNone() {
        BenchData.Expected e = DATA.expected(1, 1);
        String one = new String(new X12Fixture(9).st("00", "R1", null, DATA.account(1)).loops(e, -1).se()
                .st("00", "R2", null, DATA.account(1)).loops(e, 3).se().end(9), StandardCharsets.US_ASCII);
        int firstSe = one.indexOf("\nSE*") + 1;
        // the first set loses its SE: the second set's estimate is still the second set's
        String noSe = one.substring(0, firstSe) + one.substring(one.indexOf('\n', firstSe) + 1);
        assertArrayEquals(new boolean[]{false, true}, EstimateScan.estimatedSets(noSe.getBytes(StandardCharsets.US_ASCII)));
        // an estimated quantity between SE and the next ST belongs to no set
        String between = one.substring(0, one.indexOf('\n', firstSe) + 1) + "QTY*KA*1*KH~\n"
                + one.substring(one.indexOf('\n', firstSe) + 1);
        assertArrayEquals(new boolean[]{false, true},
                EstimateScan.estimatedSets(between.getBytes(StandardCharsets.US_ASCII)));
        // ST, SE and QTY inside an element are no segments
        String inside = one.replace("REF*12*", "REF*12*ST*QTY*KA*SE*");
        assertArrayEquals(new boolean[]{false, true}, EstimateScan.estimatedSets(inside.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void refusesWhatIsNoInterchange() {
        assertThrows(Edi867Parser.Edi867FormatException.class,
                () -> EstimateScan.estimatedSets("GS*PT*1~".repeat(20).getBytes(StandardCharsets.US_ASCII)));
    }
}
