package energy.mdma.edi.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The checker's shortcut for the intervals' QTY and DTM segments ({@link Edi867Checker.IntervalForms}) changes
 * nothing but the speed: with and without it the findings are the same, message for message, on valid documents, on
 * every single-byte change, insertion and deletion in QTY and DTM segments, and on the seeded random mutations; and
 * the verdict stays StAEDI's. And the shortcut is taken: it checks nearly all interval segments of a valid document.
 */
class IntervalFormsTest {
    final Edi867Checker withForms = new Edi867Checker();
    final Edi867Checker generic = Edi867Checker.withoutIntervalForms();
    final Fast867Writer writer = new Fast867Writer();

    /**
     * Bytes tried at each position: digits, the separators, signs, letters, controls (NUL too: the forms take a code
     * equal to the last one found as a whole, and a NUL before a code must not pass for it), UTF-8, a space.
     */
    static final String[] BYTES = { "0", "5", "9", ".", "-", "+", "E", "e", "*", "~", ">", "\n", "A", "Q", "K", "Z",
        "a", " ", "\t", "\u007f", "\u0000", "é", "^", "1.", ",", "" };

    void assertSameFindings(String what, byte[] doc) {
        assertEquals(generic.check(doc), withForms.check(doc), () -> what + "\n" + new String(doc, StandardCharsets.UTF_8));
    }

    @Test
    void theFormsTakeTheIntervalSegmentsOfValidDocumentsAndFindNothing() {
        Random867 g = new Random867(11);
        int byForm = 0;
        int intervalSegments = 0;
        for (int i = 0; i < 40; i++) {
            byte[] doc = writer.render(g.interchange());
            assertEquals(List.of(), withForms.check(doc));
            assertEquals(List.of(), generic.check(doc));
            byForm += withForms.segmentsByForm(doc);
            assertEquals(0, generic.segmentsByForm(doc));
            String text = new String(doc, StandardCharsets.UTF_8);
            // negative quantities go through the generic walk
            intervalSegments += (count(text, "\nDTM*582*") - count(text, "\nQTY*QD*-") - count(text, "\nQTY*KA*-")) * 2;
        }
        assertTrue(intervalSegments > 1000, "the documents have intervals: " + intervalSegments);
        // every interval's QTY and DTM, and the period's QTY of the summary loop
        assertTrue(byForm >= intervalSegments, byForm + " segments by the forms, " + intervalSegments
                + " interval segments");
    }

    @Test
    void everySingleByteChangeInQtyAndDtmSegmentsGetsTheSameFindings() {
        Random867 g = new Random867(12);
        Map<String, Integer> outcomes = new TreeMap<>();
        int n = 0;
        for (int i = 0; i < 6; i++) {
            byte[] doc = writer.render(g.interchange());
            String text = new String(doc, StandardCharsets.UTF_8);
            List<int[]> segments = intervalSegments(text, 8);
            for (int[] seg : segments) {
                for (int at = seg[0]; at <= seg[1]; at++) {
                    for (String b : BYTES) {
                        String replaced = text.substring(0, at) + b + text.substring(at + 1);
                        String inserted = text.substring(0, at) + b + text.substring(at);
                        for (String mutated : List.of(replaced, inserted)) {
                            byte[] m = mutated.getBytes(StandardCharsets.UTF_8);
                            assertSameFindings("document " + i + ", byte " + at + " -> '" + b + "'", m);
                            outcomes.merge(generic.check(m).isEmpty() ? "accepted" : "refused", 1, Integer::sum);
                            n++;
                        }
                    }
                }
            }
        }
        System.out.println("interval forms vs generic walk on " + n + " single-byte changes: same findings, " + outcomes);
        assertTrue(outcomes.getOrDefault("accepted", 0) > n / 50, "some changes leave a valid document: " + outcomes);
        assertTrue(outcomes.getOrDefault("refused", 0) > n / 2, outcomes.toString());
    }

    @Test
    void seededRandomMutationsGetTheSameFindingsAndStaedisVerdict() {
        Random867 g = new Random867(13);
        int n = 0;
        int staediChecked = 0;
        for (int i = 0; i < 60; i++) {
            byte[] doc = writer.render(g.interchange());
            Mutator m = new Mutator(5000 + i);
            for (int k = 0; k < 40; k++) {
                Mutator.Mutation mu = m.mutate(doc);
                assertSameFindings("document " + i + ", " + mu.what(), mu.doc());
                if (k % 4 == 0) {
                    List<String> staedi = StaediOracle.errors(mu.doc());
                    List<Edi867Checker.Finding> ours = withForms.findings(mu.doc());
                    assertTrue(staedi.isEmpty() || !ours.isEmpty(), () -> mu.what() + ": StAEDI refuses " + staedi
                            + " but the checker accepts");
                    assertTrue(!staedi.isEmpty() || ours.stream().allMatch(Edi867Checker.Finding::beyondSchema),
                            () -> mu.what() + ": the checker refuses what StAEDI accepts: " + ours);
                    staediChecked++;
                }
                n++;
            }
        }
        System.out.println("interval forms vs generic walk on " + n + " mutated documents: same findings; "
                + staediChecked + " of them also given StAEDI's verdict");
    }

    /** [first, last] byte offsets of up to {@code max} QTY and DTM segments of the intervals, spread over the text. */
    static List<int[]> intervalSegments(String text, int max) {
        List<int[]> all = new ArrayList<>();
        int at = text.indexOf("\nQTY*");
        while (at >= 0) {
            int start = at + 1;
            int end = text.indexOf('\n', start); // the line feed after ~ is in the range: it is part of the form
            all.add(new int[] { start, end });
            int dtm = end + 1;
            if (text.startsWith("DTM*582*", dtm)) {
                all.add(new int[] { dtm, text.indexOf('\n', dtm) });
            }
            at = text.indexOf("\nQTY*", end);
        }
        List<int[]> out = new ArrayList<>();
        int step = Math.max(1, all.size() / max);
        for (int i = 0; i < all.size() && out.size() < max; i += step) {
            out.add(all.get(i));
        }
        return out;
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
