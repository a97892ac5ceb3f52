package energy.mdma.vee.model;

/** Unit of the raw interval values of a channel. */
public enum RawUnit {
    /** Values are pulse counts; usage = value * pulse_multiplier * meter_multiplier. */
    PULSE,
    /** Values are already in the channel's uom; usage = value * meter_multiplier. */
    UNIT
}
