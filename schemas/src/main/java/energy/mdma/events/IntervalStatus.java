package energy.mdma.events;

import java.util.EnumSet;
import java.util.Set;

/**
 * The status codes an interval value may carry (input-formats.md section 1), and their bits in
 * {@link IntervalBlock#getStatuses()}, one int per value (part of the event contract): 1 PO, 2 OV, 4 TM, 8 CS.
 * ingest writes them as it parses the head-end's and the files' codes; vee reads them for its rules.
 */
public enum IntervalStatus {
    /** Power outage during the interval. */
    PO,
    /** Pulse overflow. */
    OV,
    /** Test mode. */
    TM,
    /** Clock set or time reset during the interval. */
    CS;

    /** Every status's bit together: a status set is a value from 0 to this. */
    public static final int ALL_BITS = toBits(EnumSet.allOf(IntervalStatus.class));

    /** The codes with their bits, for an error a head-end operator reads: {@code PO=1, OV=2, TM=4, CS=8}. */
    public static String legend() {
        StringBuilder b = new StringBuilder();
        for (IntervalStatus s : values()) {
            b.append(b.isEmpty() ? "" : ", ").append(s.name()).append('=').append(s.bit());
        }
        return b.toString();
    }

    /** Whether {@code bits} is a status set: a value from 0 to {@link #ALL_BITS}. */
    public static boolean isSet(int bits) {
        return bits >= 0 && bits <= ALL_BITS;
    }

    public int bit() {
        return 1 << ordinal();
    }

    /** This status is set in {@code bits}. */
    public boolean isIn(int bits) {
        return (bits & bit()) != 0;
    }

    public static Set<IntervalStatus> fromBits(int bits) {
        EnumSet<IntervalStatus> set = EnumSet.noneOf(IntervalStatus.class);
        for (IntervalStatus s : values()) {
            if (s.isIn(bits)) {
                set.add(s);
            }
        }
        return set;
    }

    /** The bits of {@code statuses} (none for null). */
    public static int toBits(Set<IntervalStatus> statuses) {
        int bits = 0;
        if (statuses != null) {
            for (IntervalStatus s : statuses) {
                bits |= s.bit();
            }
        }
        return bits;
    }
}
