package energy.mdma.ingest.model;

/** Unit of measure of a channel. */
public enum Uom {
    KWH,
    KVARH
}
