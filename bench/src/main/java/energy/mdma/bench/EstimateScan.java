package energy.mdma.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the bench needs of an 867 while the clock runs: for each transaction set, in file order, whether any quantity
 * is estimated ({@code QTY*KA}). A search for three patterns (ST, SE and QTY*KA at the start of a segment) with the
 * JDK's vectorised {@link String#indexOf(String, int)} over the bytes read as ISO-8859-1, no segment walked one byte
 * at a time: watching the mailboxes must cost the machine the stack runs on little (a byte-by-byte walk over the
 * ~5 GB of 867s of a default run was half of the bench's CPU while the clock ran). The full parse and comparison
 * with the generated values ({@link Edi867Parser}, {@link ContentCheck}) run once the clock has stopped, and also
 * confirm what this scan said.
 */
final class EstimateScan {
    private EstimateScan() {
    }

    /**
     * @return per transaction set (ST..SE) whether it has an estimated quantity
     * @throws Edi867Parser.Edi867FormatException when the bytes are no X12 interchange
     */
    static boolean[] estimatedSets(byte[] x12) {
        return estimatedSets(new String(x12, StandardCharsets.ISO_8859_1));
    }

    /** {@code text}: the interchange's bytes as ISO-8859-1, one char per byte (positions are byte offsets). */
    private static boolean[] estimatedSets(String text) {
        if (text.length() < 106 || !text.startsWith("ISA")) {
            throw new Edi867Parser.Edi867FormatException("not an X12 interchange (no ISA segment at the start)");
        }
        char element = text.charAt(3);
        char segment = text.charAt(105);
        String st = "ST" + element;
        String se = "SE" + element;
        String estimate = "QTY" + element + "KA" + element;
        boolean[] out = new boolean[16];
        int sets = 0;
        int nextSt = next(text, st, 0, segment);
        int nextSe = next(text, se, 0, segment);
        int nextEstimate = next(text, estimate, 0, segment);
        while (nextSt >= 0) {
            if (sets == out.length) {
                out = Arrays.copyOf(out, sets * 2);
            }
            int set = sets++;
            int following = next(text, st, nextSt + 1, segment);
            while (nextSe >= 0 && nextSe < nextSt) {
                nextSe = next(text, se, nextSe + 1, segment);
            }
            // the set is [nextSt, end): up to its SE, or to the next ST when an SE is missing
            int end = Math.min(nextSe < 0 ? text.length() : nextSe, following < 0 ? text.length() : following);
            while (nextEstimate >= 0 && nextEstimate < nextSt) {
                nextEstimate = next(text, estimate, nextEstimate + 1, segment); // outside any set
            }
            if (nextEstimate >= 0 && nextEstimate < end) {
                out[set] = true;
            }
            nextSt = following;
        }
        return Arrays.copyOf(out, sets);
    }

    /** The first occurrence of {@code tag} at or after {@code from} that starts a segment; -1 when none. */
    private static int next(String text, String tag, int from, char segment) {
        int at = text.indexOf(tag, from);
        while (at >= 0 && !startsSegment(text, at, segment)) {
            at = text.indexOf(tag, at + 1);
        }
        return at;
    }

    /** True when {@code at} follows a segment terminator (line breaks after it skipped). */
    private static boolean startsSegment(String text, int at, char segment) {
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
            i--;
        }
        return i >= 0 && text.charAt(i) == segment;
    }
}
