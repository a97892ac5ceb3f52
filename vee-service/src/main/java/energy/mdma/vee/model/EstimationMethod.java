package energy.mdma.vee.model;

/** How an interval was estimated. {@link #code()} is the compact byte (0 = not estimated). */
public enum EstimationMethod {
    /** Linear interpolation. */
    LIN,
    /** Reference (like) days. */
    HIST,
    /** A manual edit by an operator (operations.md section 2): code 3, as IntervalQuality.METHOD_EDIT. */
    EDIT;

    private static final EstimationMethod[] VALUES = values();

    public byte code() {
        return (byte) (ordinal() + 1);
    }

    public static EstimationMethod ofCode(byte code) {
        return code == 0 ? null : VALUES[code - 1];
    }
}
