package energy.mdma.edi.model;

/** BPT01 transaction set purpose. */
public enum Purpose {
    ORIGINAL("00"),
    CANCELLATION("01");

    private final String code;

    Purpose(String code) {
        this.code = code;
    }

    /** The X12 code (BPT01). */
    public String code() {
        return code;
    }

    public static Purpose fromCode(String code) {
        for (Purpose p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown BPT01 purpose code " + code);
    }
}
