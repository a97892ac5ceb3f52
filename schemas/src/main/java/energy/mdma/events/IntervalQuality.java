package energy.mdma.events;

/**
 * The bits of {@link ChannelPeriodResult#getQuality()}, one int per interval (part of the event contract).
 * <ul>
 * <li>bits 0-1: method: 0 actual, 1 LIN, 2 HIST, 3 manual edit</li>
 * <li>bit 2: estimated (carried as KA)</li>
 * <li>bit 3: no value although due (NOT_ESTIMATED)</li>
 * <li>bits 4-7: invalid reason: 0 none, 1 MISSING, 2 NEGATIVE, 3 OVERFLOW, 4 TEST_MODE, 5 TIME_RESET, 6 SPIKE</li>
 * <li>bit 8: outage (status PO)</li>
 * <li>bit 9: no value yet, not yet due (before the estimation deadline)</li>
 * </ul>
 */
public final class IntervalQuality {
    public static final int METHOD_MASK = 3;
    public static final int METHOD_LIN = 1;
    public static final int METHOD_HIST = 2;
    public static final int METHOD_EDIT = 3;
    public static final int ESTIMATED = 1 << 2;
    public static final int NO_VALUE = 1 << 3;
    public static final int REASON_SHIFT = 4;
    public static final int REASON_MASK = 15 << REASON_SHIFT;
    public static final int OUTAGE = 1 << 8;
    public static final int NOT_DUE = 1 << 9;

    private static final String[] METHODS = {null, "LIN", "HIST", "EDIT"};
    private static final String[] REASONS = {null, "MISSING", "NEGATIVE", "OVERFLOW", "TEST_MODE", "TIME_RESET", "SPIKE"};

    private IntervalQuality() {
    }

    public static boolean hasValue(int q) {
        return (q & (NO_VALUE | NOT_DUE)) == 0;
    }

    public static boolean isEstimated(int q) {
        return (q & ESTIMATED) != 0;
    }

    public static boolean isOutage(int q) {
        return (q & OUTAGE) != 0;
    }

    /** @return LIN, HIST, EDIT or null for an actual value */
    public static String method(int q) {
        return METHODS[q & METHOD_MASK];
    }

    /** @return the invalid reason's code, or null */
    public static String invalidReason(int q) {
        int r = (q & REASON_MASK) >> REASON_SHIFT;
        return r < REASONS.length ? REASONS[r] : "UNKNOWN";
    }
}
