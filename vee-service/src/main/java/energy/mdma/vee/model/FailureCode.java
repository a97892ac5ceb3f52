package energy.mdma.vee.model;

/** The failure point codes of vee-rules.md section 7. */
public enum FailureCode {
    MISSING,
    NEGATIVE,
    OVERFLOW,
    TEST_MODE,
    TIME_RESET,
    SPIKE,
    POWER_OUTAGE,
    NOT_ESTIMATED,
    /** An interval (interval channels) or a register reading (once per period) set by a manual edit. */
    EDITED,
    HIGH_USAGE,
    LOW_USAGE,
    ZERO_USAGE,
    SUM_CHECK,
    MISSING_READ,
    DIALS,
    REVERSED_READ,
    ROLLOVER,
    ESTIMATION_FAILED;

    /** The failure point of each invalid reason, by its ordinal (the same names): looked up once, not by name. */
    private static final FailureCode[] OF_REASON = java.util.Arrays.stream(InvalidReason.values())
            .map(r -> valueOf(r.name())).toArray(FailureCode[]::new);

    public static FailureCode of(InvalidReason r) {
        return OF_REASON[r.ordinal()];
    }
}
