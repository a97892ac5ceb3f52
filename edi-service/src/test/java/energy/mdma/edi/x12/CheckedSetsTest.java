package energy.mdma.edi.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.InterchangeHeader;
import energy.mdma.edi.model.TransactionSet;

/**
 * A file's check that compares the sets it carries with sets already checked ({@link Edi867Checker#checkSet},
 * {@link Edi867Checker#check(byte[], List)}) gives exactly the findings of the full check, on valid files and on
 * mutated ones, and it does skip the segments of a checked set.
 */
class CheckedSetsTest {
    final Edi867Checker checker = new Edi867Checker();
    final Fast867Writer writer = new Fast867Writer();

    /** A receiver's file as a posting round assembles it: the checked sets under this receiver's ids. */
    record File(byte[] bytes, List<RenderedSet> sets) {
    }

    File file(InterchangeHeader header, List<RenderedSet> origins, String idPrefix) {
        List<RenderedSet> sets = new ArrayList<>();
        for (int i = 0; i < origins.size(); i++) {
            sets.add(origins.get(i).withIds(i + 1, idPrefix + (i + 1)));
        }
        return new File(writer.interchange(header, sets), sets);
    }

    List<RenderedSet> renderedAndChecked(Interchange867 ic) {
        List<RenderedSet> origins = new ArrayList<>();
        for (TransactionSet ts : ic.transactionSets()) {
            RenderedSet s = writer.renderSet(ts);
            assertEquals(List.of(), checker.checkSet(s), "a set of the writer is valid on its own");
            assertTrue(s.checkedValid());
            origins.add(s);
        }
        return origins;
    }

    @Test
    void filesOfCheckedSetsGetTheFullChecksVerdictBothReceivers() {
        Random867 g = new Random867(7);
        for (int i = 0; i < 60; i++) {
            Interchange867 ic = g.interchange();
            List<RenderedSet> origins = renderedAndChecked(ic);
            for (String receiver : List.of("UDC", "ESP")) {
                File f = file(ic.header(), origins, receiver + "-" + i + "-");
                assertEquals(List.of(), checker.check(f.bytes(), f.sets()));
                assertEquals(List.of(), checker.check(f.bytes()));
                assertEquals(List.of(), StaediOracle.errors(f.bytes()));
            }
        }
    }

    @Test
    void mutatedFilesGetTheSameFindingsAsTheFullCheck() {
        Random867 g = new Random867(31);
        int n = 0;
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            Interchange867 ic = g.interchange();
            File f = file(ic.header(), renderedAndChecked(ic), "R" + i + "-");
            Mutator m = new Mutator(1000 + i);
            for (int k = 0; k < 40; k++) {
                Mutator.Mutation mu = m.mutate(f.bytes());
                List<String> full = checker.check(mu.doc());
                assertEquals(full, checker.check(mu.doc(), f.sets()), () -> mu.what() + "\n"
                        + new String(mu.doc(), StandardCharsets.UTF_8));
                n++;
                refused += full.isEmpty() ? 0 : 1;
            }
        }
        System.out.println("checked sets vs full check on " + n + " mutated files: same findings, " + refused
                + " refused");
        assertTrue(refused > n / 2, "the mutations must mostly break the files: " + refused + " of " + n);
    }

    @Test
    void aChangedIdOrCountIsStillChecked() {
        Random867 g = new Random867(5);
        Interchange867 ic = g.interchange();
        File f = file(ic.header(), renderedAndChecked(ic), "R-");
        String doc = new String(f.bytes(), StandardCharsets.UTF_8);
        for (String bad : List.of(doc.replaceFirst("BPT\\*(\\d\\d)\\*R-1\\*", "BPT*$1*" + "X".repeat(31) + "*"),
                doc.replaceFirst("SE\\*(\\d+)\\*0001~", "SE*$1*0002~"),
                doc.replaceFirst("SE\\*(\\d+)\\*0001~", "SE*1*0001~"),
                doc.replaceFirst("ST\\*867\\*0001~", "ST*867*01~"))) {
            assertNotEquals(doc, bad);
            byte[] b = bad.getBytes(StandardCharsets.UTF_8);
            List<String> full = checker.check(b);
            assertFalse(full.isEmpty(), bad);
            assertEquals(full, checker.check(b, f.sets()));
        }
    }

    @Test
    void theSegmentsOfACheckedSetAreNotCheckedAgain() {
        // white box: a set marked as checked although it is not valid shows that its segments are compared, not
        // checked again (the mark is the checker's own, set only by checkSet)
        Random867 g = new Random867(11);
        Interchange867 ic = g.interchange();
        RenderedSet origin = writer.renderSet(ic.transactionSets().get(0));
        String text = new String(origin.bytes(), StandardCharsets.UTF_8);
        int qty = text.indexOf("\nN1*");
        assertTrue(qty > 0, text);
        // an invalid N1 (N101 code unknown) in a set rendered by hand
        RenderedSet broken = writer.renderSet(ic.transactionSets().get(0));
        byte[] raw = broken.raw();
        raw[qty + 4] = 'Q';
        raw[qty + 5] = 'Q';
        List<String> own = checker.checkSet(broken);
        assertFalse(own.isEmpty(), "the broken set is refused on its own");
        assertFalse(broken.checkedValid());
        RenderedSet spliced = broken.withIds(1, "X1");
        byte[] file = writer.interchange(ic.header(), List.of(spliced));
        assertFalse(checker.check(file, List.of(spliced)).isEmpty(), "an unmarked set is checked in full");
        broken.markCheckedValid();
        assertEquals(List.of(), checker.check(file, List.of(spliced)),
                "a marked set's segments after BPT are compared with it, not checked");
    }
}
