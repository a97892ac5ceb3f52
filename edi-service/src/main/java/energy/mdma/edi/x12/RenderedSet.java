package energy.mdma.edi.x12;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One rendered ST..SE transaction set, each segment terminated by {@code ~} and a line feed, as
 * {@link Fast867Writer#renderSet} produced it. Immutable: {@link #bytes()} returns a copy. It remembers
 * where ST02, BPT02 and SE02 stand, so that {@link #withIds} can give the same set another control
 * number and report id without rendering it again.
 *
 * <p>A set spliced by {@link #withIds} remembers the set it was spliced from (its {@link #origin()}), and
 * {@link Edi867Checker#checkSet} marks a set whose own check found nothing: a file's check can then compare a set
 * spliced from it with its origin byte for byte instead of checking its segments again (see
 * {@link Edi867Checker#check(byte[], java.util.List)}). The mark is the only state that changes, set once, from
 * false to true, and only by the checker.
 */
public final class RenderedSet {
    private final byte[] bytes; // may be longer than the set: the set is bytes[0, length)
    private final int length;
    private final int segmentCount;
    private final int intervals;
    private final String reportId;
    private final long st02;
    // offsets and lengths of ST02, BPT02 and SE02 in bytes
    private final int st02At;
    private final int st02Len;
    private final int bpt02At;
    private final int bpt02Len;
    private final int se02At;
    private final int se02Len;
    private final RenderedSet origin; // the set this one was spliced from, or null when it was rendered
    private volatile boolean checkedValid;

    RenderedSet(byte[] bytes, int length, int segmentCount, int intervals, String reportId, long st02,
                int st02At, int st02Len, int bpt02At, int bpt02Len, int se02At, int se02Len) {
        this(bytes, length, segmentCount, intervals, reportId, st02, st02At, st02Len, bpt02At, bpt02Len, se02At,
                se02Len, null);
    }

    private RenderedSet(byte[] bytes, int length, int segmentCount, int intervals, String reportId, long st02,
                        int st02At, int st02Len, int bpt02At, int bpt02Len, int se02At, int se02Len,
                        RenderedSet origin) {
        this.bytes = bytes;
        this.length = length;
        this.segmentCount = segmentCount;
        this.intervals = intervals;
        this.reportId = reportId;
        this.st02 = st02;
        this.st02At = st02At;
        this.st02Len = st02Len;
        this.bpt02At = bpt02At;
        this.bpt02Len = bpt02Len;
        this.se02At = se02At;
        this.se02Len = se02Len;
        this.origin = origin;
    }

    /** ST..SE, a copy. */
    public byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** The bytes without copying, for the writer: the set is {@code raw()[0, length())}. */
    byte[] raw() {
        return bytes;
    }

    /** The number of bytes of the set. */
    public int length() {
        return length;
    }

    /** SE01: the number of segments from ST to SE, both counted. */
    public int segmentCount() {
        return segmentCount;
    }

    /** The number of QTY / DTM*582 pairs in the set. */
    public int intervals() {
        return intervals;
    }

    /** BPT02 as rendered. */
    public String reportId() {
        return reportId;
    }

    /** ST02/SE02 as a number. */
    public long controlNumber() {
        return st02;
    }

    /**
     * A copy with ST02/SE02 set to {@code st02} and BPT02 to {@code reportId}, spliced into the bytes
     * (lengths may differ); the same as rendering the set from scratch with those ids.
     */
    public RenderedSet withIds(long st02, String reportId) {
        if (st02 < 1 || st02 > 999_999_999L) {
            throw new X12ValueException("ST02", st02, "transaction set control number outside 1..999999999");
        }
        X12Values.checkIdentifier("BPT02 report id", reportId, 1, 30);
        byte[] st = Fast867Writer.st02Bytes(st02);
        byte[] id = reportId.getBytes(StandardCharsets.UTF_8);
        int newLen = length + 2 * (st.length - st02Len) + (id.length - bpt02Len);
        byte[] out = new byte[newLen];
        int from = 0;
        int to = 0;
        // ST02 < BPT02 < SE02
        System.arraycopy(bytes, from, out, to, st02At - from);
        to += st02At - from;
        System.arraycopy(st, 0, out, to, st.length);
        int newSt02At = to;
        to += st.length;
        from = st02At + st02Len;

        System.arraycopy(bytes, from, out, to, bpt02At - from);
        to += bpt02At - from;
        int newBpt02At = to;
        System.arraycopy(id, 0, out, to, id.length);
        to += id.length;
        from = bpt02At + bpt02Len;

        System.arraycopy(bytes, from, out, to, se02At - from);
        to += se02At - from;
        int newSe02At = to;
        System.arraycopy(st, 0, out, to, st.length);
        to += st.length;
        from = se02At + se02Len;

        System.arraycopy(bytes, from, out, to, length - from);
        return new RenderedSet(out, newLen, segmentCount, intervals, reportId, st02, newSt02At, st.length,
                newBpt02At, id.length, newSe02At, st.length, origin());
    }

    /** The set as rendered that this one was spliced from by {@link #withIds} (itself when it was rendered). */
    RenderedSet origin() {
        return origin == null ? this : origin;
    }

    /** Whether {@link Edi867Checker#checkSet} checked this set and found nothing. */
    boolean checkedValid() {
        return checkedValid;
    }

    void markCheckedValid() {
        checkedValid = true;
    }

    /** Where the BPT segment ends (the position after its line feed). */
    int bptEnd() {
        int i = bpt02At + bpt02Len;
        while (bytes[i] != '\n') {
            i++;
        }
        return i + 1;
    }

    /** Where the SE segment starts. */
    int seStart() {
        int i = se02At;
        while (bytes[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    @Override
    public String toString() {
        return "RenderedSet[ST02=" + st02 + ", report " + reportId + ", " + segmentCount + " segments, "
                + intervals + " intervals, " + length + " bytes]";
    }

    /** Equal bytes (for tests). */
    boolean sameBytes(byte[] other) {
        return Arrays.equals(bytes, 0, length, other, 0, other.length);
    }
}
