package energy.mdma.edi.x12;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One rendered ST..SE transaction set, each segment terminated by {@code ~} and a line feed, as
 * {@link Fast867Writer#renderSet} produced it. Immutable: {@link #bytes()} returns a copy. It remembers
 * where ST02, BPT02 and SE02 stand, so that {@link #withIds} can give the same set another control
 * number and report id without rendering it again.
 *
 * <p>A set given other ids by {@link #withIds} is a view of the set it comes from (its {@link #origin()}): the
 * origin's bytes with the new ids spliced in when it is written ({@link #copyTo}), so that posting one account-period
 * to the UDC and to the ESP does not copy its 100 KB-odd set twice before the files are assembled.
 * {@link Edi867Checker#checkSet} marks a set whose own check found nothing: a file's check then compares the sets
 * spliced from it with it byte for byte instead of checking their segments again (see
 * {@link Edi867Checker#check(byte[], java.util.List)}). The mark is the only state that changes, once, from false
 * to true, and only by the checker.
 */
public final class RenderedSet {
    // the rendered bytes (for a view: its origin's) and where ST02, BPT02 and SE02 stand in them
    private final byte[] bytes; // may be longer than the rendered set: it is bytes[0, renderedLength)
    private final int renderedLength;
    private final int st02At;
    private final int st02Len;
    private final int bpt02At;
    private final int bpt02Len;
    private final int se02At;
    private final int se02Len;
    private final int segmentCount;
    private final int intervals;
    // this set's ids; a view's ST02/SE02 and BPT02 texts replace the origin's
    private final String reportId;
    private final long st02;
    private final RenderedSet origin; // null when it was rendered
    private final byte[] st02Text;
    private final byte[] bpt02Text;
    private final int length;
    private volatile boolean checkedValid;

    RenderedSet(byte[] bytes, int length, int segmentCount, int intervals, String reportId, long st02,
                int st02At, int st02Len, int bpt02At, int bpt02Len, int se02At, int se02Len) {
        this.bytes = bytes;
        this.renderedLength = length;
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
        this.origin = null;
        this.st02Text = null;
        this.bpt02Text = null;
        this.length = length;
    }

    private RenderedSet(RenderedSet origin, long st02, String reportId, byte[] st02Text, byte[] bpt02Text) {
        this.bytes = origin.bytes;
        this.renderedLength = origin.renderedLength;
        this.segmentCount = origin.segmentCount;
        this.intervals = origin.intervals;
        this.st02At = origin.st02At;
        this.st02Len = origin.st02Len;
        this.bpt02At = origin.bpt02At;
        this.bpt02Len = origin.bpt02Len;
        this.se02At = origin.se02At;
        this.se02Len = origin.se02Len;
        this.reportId = reportId;
        this.st02 = st02;
        this.origin = origin;
        this.st02Text = st02Text;
        this.bpt02Text = bpt02Text;
        this.length = renderedLength + (st02Text.length - st02Len) + (bpt02Text.length - bpt02Len)
                + (st02Text.length - se02Len);
    }

    /** ST..SE, a copy. */
    public byte[] bytes() {
        byte[] out = new byte[length];
        copyTo(out, 0);
        return out;
    }

    /** The bytes of a set as rendered, without copying: the set is {@code raw()[0, length())}; a view is written out. */
    byte[] raw() {
        return origin == null ? bytes : bytes();
    }

    /** Writes the set into {@code out} at {@code at}; returns the position after it. */
    int copyTo(byte[] out, int at) {
        if (origin == null) {
            System.arraycopy(bytes, 0, out, at, length);
            return at + length;
        }
        // ST02 < BPT02 < SE02
        int to = splice(out, at, 0, st02At, st02Text);
        to = splice(out, to, st02At + st02Len, bpt02At, bpt02Text);
        to = splice(out, to, bpt02At + bpt02Len, se02At, st02Text);
        int from = se02At + se02Len;
        System.arraycopy(bytes, from, out, to, renderedLength - from);
        return to + renderedLength - from;
    }

    /** Copies the rendered bytes [from, until) and then {@code text}; returns the position after them. */
    private int splice(byte[] out, int to, int from, int until, byte[] text) {
        System.arraycopy(bytes, from, out, to, until - from);
        to += until - from;
        System.arraycopy(text, 0, out, to, text.length);
        return to + text.length;
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

    /** BPT02 of this set. */
    public String reportId() {
        return reportId;
    }

    /** ST02/SE02 as a number. */
    public long controlNumber() {
        return st02;
    }

    /**
     * The set with ST02/SE02 set to {@code st02} and BPT02 to {@code reportId} (lengths may differ): the same bytes
     * as rendering the set from scratch with those ids. A view of the set as rendered: nothing is copied until it is
     * written.
     */
    public RenderedSet withIds(long st02, String reportId) {
        if (st02 < 1 || st02 > 999_999_999L) {
            throw new X12ValueException("ST02", st02, "transaction set control number outside 1..999999999");
        }
        X12Values.checkIdentifier("BPT02 report id", reportId, 1, 30);
        return new RenderedSet(origin(), st02, reportId, Fast867Writer.st02Bytes(st02),
                reportId.getBytes(StandardCharsets.UTF_8));
    }

    /** The set as rendered that this one was given other ids from by {@link #withIds} (itself when it was rendered). */
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

    /**
     * Where the set's segments between BPT and SE start in its bytes ({@link #bytes()}, {@link #copyTo}): after BPT's
     * line feed. Those segments are the same bytes in every set given other ids from one set ({@link #withIds}).
     */
    public int bodyStart() {
        RenderedSet o = origin();
        return o.bptEnd() + (st02Text == null ? 0 : st02Text.length - st02Len + bpt02Text.length - bpt02Len);
    }

    /** The number of bytes of the set's segments between BPT and SE (from {@link #bodyStart()}). */
    public int bodyLength() {
        RenderedSet o = origin();
        return o.seStart() - o.bptEnd();
    }

    /** A function of a part of an array, {@code array[from, from + length)}, that it does not change or keep. */
    @FunctionalInterface
    public interface PartFunction<T> {
        T apply(byte[] array, int from, int length);
    }

    /**
     * {@code f} applied to the set's segments between BPT and SE as rendered ({@link #bodyStart()},
     * {@link #bodyLength()}), in place, without a copy: e.g. to compress them once for every file that carries the
     * set under whatever ids.
     */
    public <T> T mapBody(PartFunction<T> f) {
        RenderedSet o = origin();
        int from = o.bptEnd();
        return f.apply(o.bytes, from, o.seStart() - from);
    }

    /** Where the BPT segment of the set as rendered ends (the position after its line feed). */
    int bptEnd() {
        int i = bpt02At + bpt02Len;
        while (bytes[i] != '\n') {
            i++;
        }
        return i + 1;
    }

    /** Where the SE segment of the set as rendered starts. */
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
        return Arrays.equals(bytes(), other);
    }
}
