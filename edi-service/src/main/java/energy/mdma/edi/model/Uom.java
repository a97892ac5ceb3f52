package energy.mdma.edi.model;

/** Unit of measure of a channel, with its X12 unit code (C00101). */
public enum Uom {
    KWH("KH"),
    KVARH("K3");

    private final String x12Code;

    Uom(String x12Code) {
        this.x12Code = x12Code;
    }

    /** The X12 unit code: {@code KH} or {@code K3}. */
    public String x12Code() {
        return x12Code;
    }

    public static Uom fromX12Code(String code) {
        for (Uom u : values()) {
            if (u.x12Code.equals(code)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown X12 unit code " + code);
    }
}
