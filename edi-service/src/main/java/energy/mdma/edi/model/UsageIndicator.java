package energy.mdma.edi.model;

/** ISA15 interchange usage indicator. */
public enum UsageIndicator {
    PRODUCTION("P"),
    TEST("T");

    private final String code;

    UsageIndicator(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static UsageIndicator fromCode(String code) {
        for (UsageIndicator u : values()) {
            if (u.code.equals(code)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown ISA15 usage indicator " + code);
    }
}
