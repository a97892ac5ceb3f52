package energy.mdma.bench;

/**
 * What the bench needs of an 867 while the clock runs: for each transaction set, in file order, whether any quantity
 * is estimated ({@code QTY*KA}). A scan over the bytes (no values parsed), so that watching the mailboxes costs the
 * machine the stack runs on little; the full parse and comparison with the generated values ({@link Edi867Parser},
 * {@link ContentCheck}) run once the clock has stopped, and also confirm what this scan said.
 */
final class EstimateScan {
    private EstimateScan() {
    }

    /**
     * @return per transaction set (ST..SE) whether it has an estimated quantity
     * @throws Edi867Parser.Edi867FormatException when the bytes are no X12 interchange
     */
    static boolean[] estimatedSets(byte[] x12) {
        if (x12.length < 106 || x12[0] != 'I' || x12[1] != 'S' || x12[2] != 'A') {
            throw new Edi867Parser.Edi867FormatException("not an X12 interchange (no ISA segment at the start)");
        }
        byte element = x12[3];
        byte segment = x12[105];
        boolean[] out = new boolean[16];
        int sets = 0;
        boolean inSet = false;
        int i = 0;
        while (i < x12.length) {
            int start = i;
            while (i < x12.length && x12[i] != segment) {
                i++;
            }
            // the segment is [start, i); skip the terminator and any line break after it
            if (isTag(x12, start, i, 'S', 'T', element)) {
                if (sets == out.length) {
                    out = java.util.Arrays.copyOf(out, sets * 2);
                }
                sets++;
                inSet = true;
            } else if (isTag(x12, start, i, 'S', 'E', element)) {
                inSet = false;
            } else if (inSet && i - start >= 7 && x12[start] == 'Q' && x12[start + 1] == 'T' && x12[start + 2] == 'Y'
                    && x12[start + 3] == element && x12[start + 4] == 'K' && x12[start + 5] == 'A'
                    && x12[start + 6] == element) {
                out[sets - 1] = true;
            }
            i++;
            while (i < x12.length && (x12[i] == '\r' || x12[i] == '\n')) {
                i++;
            }
        }
        return java.util.Arrays.copyOf(out, sets);
    }

    private static boolean isTag(byte[] b, int start, int end, char c1, char c2, byte element) {
        return end - start >= 3 && b[start] == c1 && b[start + 1] == c2 && b[start + 2] == element;
    }
}
