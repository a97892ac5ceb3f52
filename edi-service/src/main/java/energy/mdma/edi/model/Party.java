package energy.mdma.edi.model;

import java.util.Objects;

/**
 * A market party: the UDC, an ESP, or the MDMA itself.
 *
 * @param id   the party id used in file names and mailboxes (e.g. {@code SCE})
 * @param name the party's name (N102)
 * @param duns the party's D-U-N-S number (N104, ISA06/ISA08, GS02/GS03)
 */
public record Party(String id, String name, String duns) {
    public Party {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(duns, "duns");
    }
}
