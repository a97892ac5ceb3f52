package energy.mdma.ingest.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Interval status codes (input-formats.md section 1). A set of codes is carried compactly as a bit
 * mask ({@link #bit()}); {@link #fromBits(int)} and {@link #toBits(Set)} convert.
 */
public enum StatusCode {
    /** Power outage during the interval. */
    PO,
    /** Pulse overflow. */
    OV,
    /** Test mode. */
    TM,
    /** Clock set or time reset during the interval. */
    CS;

    public int bit() {
        return 1 << ordinal();
    }

    public static Set<StatusCode> fromBits(int bits) {
        EnumSet<StatusCode> set = EnumSet.noneOf(StatusCode.class);
        for (StatusCode c : values()) {
            if ((bits & c.bit()) != 0) {
                set.add(c);
            }
        }
        return set;
    }

    public static int toBits(Set<StatusCode> codes) {
        int bits = 0;
        for (StatusCode c : codes) {
            bits |= c.bit();
        }
        return bits;
    }
}
