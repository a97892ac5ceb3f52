package energy.mdma.edi.model;

/** Unit of measure of a channel as X12 writes it, with its unit code (C00101); the events carry {@link energy.mdma.events.Uom}. */
public enum X12Uom {
    KWH("KH"),
    KVARH("K3");

    private final String x12Code;

    X12Uom(String x12Code) {
        this.x12Code = x12Code;
    }

    /** The X12 unit code: {@code KH} or {@code K3}. */
    public String x12Code() {
        return x12Code;
    }

    public static X12Uom fromX12Code(String code) {
        for (X12Uom u : values()) {
            if (u.x12Code.equals(code)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown X12 unit code " + code);
    }
}
