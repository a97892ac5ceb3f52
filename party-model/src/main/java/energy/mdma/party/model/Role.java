package energy.mdma.party.model;

/** What a party is to the MDMA. */
public enum Role {
    /** MDMA staff: may read every mailbox (audited) and administer credentials. */
    OPERATOR,
    /** The utility distribution company: receives every account of its own. */
    UDC,
    /** An energy service provider: receives only the accounts it serves. */
    ESP,
    /** A meter head-end system: sends readings and events, has no mailbox. */
    HEADEND;

    /** Whether a party of this role owns a mailbox (and an archive view). */
    public boolean hasMailbox() {
        return this == UDC || this == ESP;
    }
}
