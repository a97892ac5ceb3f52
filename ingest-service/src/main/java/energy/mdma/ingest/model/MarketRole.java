package energy.mdma.ingest.model;

/** Role of a party in parties.csv. */
public enum MarketRole {
    /** The utility distribution company. */
    UDC,
    /** An electric service provider. */
    ESP
}
