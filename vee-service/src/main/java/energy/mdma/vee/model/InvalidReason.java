package energy.mdma.vee.model;

/**
 * Invalid reasons of an interval, in the order of precedence of vee-rules.md section 2
 * (the first that applies wins). {@link #code()} is the byte used in the engine's arrays
 * (0 means "no invalid reason").
 */
public enum InvalidReason {
    MISSING,
    NEGATIVE,
    OVERFLOW,
    TEST_MODE,
    TIME_RESET,
    SPIKE;

    private static final InvalidReason[] VALUES = values();

    /** Compact code, 1-based; 0 is reserved for "valid". */
    public byte code() {
        return (byte) (ordinal() + 1);
    }

    /** @return the reason for a compact code, or null for 0. */
    public static InvalidReason ofCode(byte code) {
        return code == 0 ? null : VALUES[code - 1];
    }
}
