package energy.mdma.ingest.model;

/** What a channel's raw values count. */
public enum RawUnit {
    /** Values are pulse counts; multiply by the channel's pulse_multiplier (Ke). */
    PULSE,
    /** Values are already in the channel's uom (before the meter multiplier). */
    UNIT
}
