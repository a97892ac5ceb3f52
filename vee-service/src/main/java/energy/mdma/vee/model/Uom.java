package energy.mdma.vee.model;

/** Unit of measure of a channel. */
public enum Uom {
    KWH,
    KVARH
}
