package energy.mdma.vee.model;

import java.util.Set;

/** Status codes an interval value may carry. Each has a bit for compact storage. */
public enum IntervalStatus {
    /** Power outage during the interval. */
    PO,
    /** Pulse overflow. */
    OV,
    /** Test mode. */
    TM,
    /** Clock set / time reset during the interval. */
    CS;

    public int bit() {
        return 1 << ordinal();
    }

    public boolean isIn(int bits) {
        return (bits & bit()) != 0;
    }

    public static byte toBits(Set<IntervalStatus> statuses) {
        int b = 0;
        if (statuses != null) {
            for (IntervalStatus s : statuses) {
                b |= s.bit();
            }
        }
        return (byte) b;
    }
}
