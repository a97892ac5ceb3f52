package energy.mdma.vee.model;

/** How an interval was estimated. {@link #code()} is the compact byte (0 = not estimated). */
public enum EstimationMethod {
    /** Linear interpolation. */
    LIN,
    /** Reference (like) days. */
    HIST;

    private static final EstimationMethod[] VALUES = values();

    public byte code() {
        return (byte) (ordinal() + 1);
    }

    public static EstimationMethod ofCode(byte code) {
        return code == 0 ? null : VALUES[code - 1];
    }
}
