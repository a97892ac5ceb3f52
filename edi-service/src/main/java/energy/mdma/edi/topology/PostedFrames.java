package energy.mdma.edi.topology;

import java.util.ArrayList;
import java.util.List;

import energy.mdma.edi.x12.RenderedSet;
import energy.mdma.events.DocumentContent;

/**
 * The content of a posted 867 ({@link DocumentContent}: Zstandard frames of the file's bytes, in order). An
 * account-period's original goes into the UDC's file and the ESP's under other ids (ST02/SE02, BPT02) and envelopes;
 * its segments between BPT and SE, nearly all of its bytes, are the same in both. They are compressed once, with the
 * set's rendering ({@link #body}), and every file that carries the set posts that frame; what lies between such parts
 * (the envelope, ST and BPT, SE, a cancellation rendered for one file) is compressed with the file ({@link #of}).
 * Compressing each file whole cost about as much CPU as hashing it, twice per account-period (Edi867Benchmark).
 */
public final class PostedFrames {
    private PostedFrames() {
    }

    /** The set's segments between BPT and SE as rendered, as one frame: the same for its sets under other ids. */
    public static byte[] body(RenderedSet set, DocumentContent.Compressor compressor) {
        return set.mapBody(compressor::compress);
    }

    /**
     * A checked file as it is posted: where a set of it comes with the frame of its segments between BPT and SE
     * ({@code bodyFrames.get(i)}, {@link #body} of the set it was given its ids from; null for a set rendered for
     * this file alone) that frame, and each run of bytes between such parts compressed here with {@code compressor}
     * (the render thread's: its context is kept from file to file).
     * {@code setStarts[i]} is where {@code sets.get(i)} starts in {@code file}. The file's check has compared those
     * segments of the file with the set's as rendered, which the frame was made from.
     */
    public static byte[] of(byte[] file, List<RenderedSet> sets, int[] setStarts, List<byte[]> bodyFrames,
                            DocumentContent.Compressor compressor) {
        List<byte[]> parts = new ArrayList<>(2 * sets.size() + 1);
        int from = 0;
        for (int i = 0; i < sets.size(); i++) {
            byte[] body = bodyFrames.get(i);
            if (body == null) {
                continue;
            }
            int bodyAt = setStarts[i] + sets.get(i).bodyStart();
            parts.add(compressor.compress(file, from, bodyAt - from));
            parts.add(body);
            from = bodyAt + sets.get(i).bodyLength();
        }
        parts.add(compressor.compress(file, from, file.length - from));
        return DocumentContent.join(parts);
    }
}
