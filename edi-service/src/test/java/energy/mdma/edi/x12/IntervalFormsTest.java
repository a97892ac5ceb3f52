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
        int byStep = 0;
        int intervalSegments = 0;
        for (int i = 0; i < 40; i++) {
            byte[] doc = writer.render(g.interchange());
            assertEquals(List.of(), withForms.check(doc));
            assertEquals(List.of(), generic.check(doc));
            byForm += withForms.segmentsByForm(doc);
            byStep += withForms.segmentsPlacedByStep(doc);
            assertEquals(0, generic.segmentsByForm(doc));
            assertEquals(0, generic.segmentsPlacedByStep(doc));
            String text = new String(doc, StandardCharsets.UTF_8);
            // negative quantities go through the generic walk
            intervalSegments += (count(text, "\nDTM*582*") - count(text, "\nQTY*QD*-") - count(text, "\nQTY*KA*-")) * 2;
        }
        assertTrue(intervalSegments > 1000, "the documents have intervals: " + intervalSegments);
        // all but each channel's first QTY (the PTD loop's first QTY loop opens by the search) placed by the steps
        assertTrue(byStep > intervalSegments * 9 / 10, byStep + " segments placed by the intervals' steps, "
                + intervalSegments + " interval segments");
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

    /**
     * The structure around the intervals' segments, where the checker places a QTY or DTM by the intervals' steps
     * instead of the general search: whole segments dropped, doubled, swapped or put between two of an interval, at the
     * first, a middle and the last interval of a channel - the same findings as the general search, and every change
     * that breaks the 867 schema's order refused.
     */
    @Test
    void segmentsDroppedDoubledOrMovedAroundTheIntervalsGetTheSameFindings() {
        Edi867Checker.IntervalLoop shape = Edi867Checker.intervalLoop();
        assertTrue(shape != null && shape.loop().children[0].id.equals("QTY")
                && shape.loop().children[shape.dtmIndex()].id.equals("DTM"), "the steps apply to the QTY loop");
        int dtmMax = shape.loop().children[shape.dtmIndex()].max;
        Random867 g = new Random867(14);
        int n = 0;
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            String text = new String(writer.render(g.interchange()), StandardCharsets.UTF_8);
            List<String> segs = new ArrayList<>(List.of(text.split("~\n", -1)));
            List<Integer> dtms = new ArrayList<>();
            for (int k = 0; k < segs.size(); k++) {
                if (segs.get(k).startsWith("DTM*582*") && k > 0 && segs.get(k - 1).startsWith("QTY*")) {
                    dtms.add(k);
                }
            }
            if (dtms.isEmpty()) {
                continue;
            }
            for (int k : List.of(dtms.get(0), dtms.get(dtms.size() / 2), dtms.get(dtms.size() - 1))) {
                String qty = segs.get(k - 1);
                String dtm = segs.get(k);
                List<List<String>> changes = List.of(
                        edit(segs, k, k + 1, List.of()), // the DTM dropped
                        edit(segs, k - 1, k, List.of()), // the QTY dropped
                        edit(segs, k, k + 1, List.of(dtm, dtm)), // the DTM twice
                        edit(segs, k - 1, k, List.of(qty, qty)), // the QTY twice
                        edit(segs, k - 1, k + 1, List.of(dtm, qty)), // DTM before QTY
                        edit(segs, k, k, List.of("MEA*AA*PRQ*1*KH*1*2*51")), // a MEA between QTY and DTM (valid)
                        edit(segs, k + 1, k + 1, List.of("MEA*AA*PRQ*1*KH*1*2*51")), // a MEA after the DTM
                        edit(segs, k, k, List.of("REF*MG*X")), // a REF between QTY and DTM
                        edit(segs, k + 1, k + 1, List.of("PTD*PM")), // a PTD after the DTM
                        edit(segs, k, k + 1, java.util.Collections.nCopies(dtmMax, dtm)), // as many DTM as allowed
                        edit(segs, k, k + 1, java.util.Collections.nCopies(dtmMax + 1, dtm)), // one too many
                        edit(segs, k - 1, k + 1, List.of(qty, dtm, dtm, qty, qty, dtm))); // doubled in turn
                for (List<String> changed : changes) {
                    byte[] doc = String.join("~\n", changed).getBytes(StandardCharsets.UTF_8);
                    List<String> findings = generic.check(doc);
                    assertSameFindings("document " + i + ", interval at segment " + k, doc);
                    refused += findings.isEmpty() ? 0 : 1;
                    n++;
                }
            }
        }
        assertTrue(n >= 60, n + " changes tried");
        // most changes break the order or a count (a MEA between QTY and DTM, a second DTM, as many as allowed do not)
        assertTrue(refused >= n / 2, refused + " of " + n + " changes refused");
    }

    private static List<String> edit(List<String> segs, int from, int to, List<String> replacement) {
        List<String> out = new ArrayList<>(segs.subList(0, from));
        out.addAll(replacement);
        out.addAll(segs.subList(to, segs.size()));
        return out;
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
