package energy.mdma.ingest.model;

/** One accepted row of parties.csv; {@code line} is its line in the file (header = 1). */
public record Party(String partyId, MarketRole role, String name, String duns, long line) {
}
