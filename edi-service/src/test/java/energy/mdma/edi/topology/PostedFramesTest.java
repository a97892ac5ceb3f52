package energy.mdma.edi.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.github.luben.zstd.Zstd;

import energy.mdma.edi.model.Interchange867;
import energy.mdma.edi.model.Purpose;
import energy.mdma.edi.model.TransactionSet;
import energy.mdma.edi.x12.Edi867Checker;
import energy.mdma.edi.x12.Fast867Writer;
import energy.mdma.edi.x12.Random867;
import energy.mdma.edi.x12.RenderedSet;
import energy.mdma.events.DocumentContent;

/**
 * A posted 867's content ({@link PostedFrames}) decompresses to the very file that was checked and hashed, whatever
 * ids each receiver gives the sets (ST02 and BPT02 of other lengths than the set as rendered), with sets that bring
 * their frame and sets that do not (cancellations) in any order; and the frame of a set's segments between BPT and SE
 * is the same in every receiver's file.
 */
class PostedFramesTest {
    final Fast867Writer writer = new Fast867Writer();
    final Edi867Checker checker = new Edi867Checker();

    @Test
    void theFramesAreTheFileForEveryReceiverAndASetsFrameIsMadeOnceForAll() {
        Random867 g = new Random867(46);
        Random random = new Random(46);
        int shared = 0;
        for (int round = 0; round < 60; round++) {
            Interchange867 ic = g.interchange();
            List<RenderedSet> origins = new ArrayList<>();
            List<byte[]> bodyFrames = new ArrayList<>();
            try (DocumentContent.Compressor compressor = new DocumentContent.Compressor()) {
                for (TransactionSet ts : ic.transactionSets()) {
                    RenderedSet set = writer.renderSet(ts);
                    assertEquals(List.of(), checker.checkSet(set));
                    origins.add(set);
                    // as a posting round: an original's frame made with its rendering, a cancellation's bytes with
                    // the file
                    bodyFrames.add(ts.report().purpose() == Purpose.ORIGINAL ? PostedFrames.body(set, compressor)
                            : null);
                }
            }
            List<byte[]> contents = new ArrayList<>();
            for (String receiver : List.of("UDC", "ESP")) {
                // ids of other widths than the rendered ones: ST02 from 1 or from 99,990 (4 to 6 digits), BPT02 of 1
                // to 30 characters
                long st02 = random.nextBoolean() ? 1 : 99_990;
                List<RenderedSet> sets = new ArrayList<>();
                for (RenderedSet o : origins) {
                    String id = (receiver + round + "-" + sets.size() + "-" + "X".repeat(30)).substring(0,
                            1 + random.nextInt(30));
                    sets.add(o.withIds(st02++, id));
                }
                int[] setStarts = new int[sets.size()];
                byte[] file = writer.interchange(ic.header(), sets, setStarts);
                assertEquals(List.of(), checker.check(file, sets));
                byte[] content;
                try (DocumentContent.Compressor compressor = new DocumentContent.Compressor()) {
                    content = PostedFrames.of(file, sets, setStarts, bodyFrames, compressor);
                }
                assertEquals(file.length, DocumentContent.contentSize(content), "round " + round + " " + receiver);
                assertArrayEquals(file, Zstd.decompress(content, file.length), "round " + round + " " + receiver);
                for (int i = 0; i < sets.size(); i++) {
                    RenderedSet s = sets.get(i);
                    // the set's part between BPT and SE where the file holds it: after BPT's line feed, up to SE
                    int at = setStarts[i] + s.bodyStart();
                    String bpt = new String(file, setStarts[i], s.bodyStart(), java.nio.charset.StandardCharsets.UTF_8);
                    assertTrue(bpt.startsWith("ST*867*") && bpt.endsWith("~\n") && bpt.contains("\nBPT*"), bpt);
                    assertTrue(new String(file, at + s.bodyLength(), 3, java.nio.charset.StandardCharsets.US_ASCII)
                            .equals("SE*"));
                }
                contents.add(content);
            }
            for (byte[] body : bodyFrames) {
                if (body != null) {
                    assertTrue(EdiTopologyTest.indexOf(contents.get(0), body) >= 0 && EdiTopologyTest.indexOf(contents.get(1), body) >= 0);
                    shared++;
                }
            }
        }
        assertTrue(shared > 100, shared + " sets' frames in both files");
    }

    @Test
    void aFileWithoutAnyFrameMadeBeforeIsCompressedWhole() {
        Interchange867 ic = new Random867(3).interchange();
        List<RenderedSet> sets = new ArrayList<>();
        List<byte[]> none = new ArrayList<>();
        for (TransactionSet ts : ic.transactionSets()) {
            sets.add(writer.renderSet(ts));
            none.add(null);
        }
        int[] setStarts = new int[sets.size()];
        byte[] file = writer.interchange(ic.header(), sets, setStarts);
        try (DocumentContent.Compressor compressor = new DocumentContent.Compressor()) {
            assertArrayEquals(DocumentContent.compress(file), PostedFrames.of(file, sets, setStarts, none, compressor));
        }
    }
}
