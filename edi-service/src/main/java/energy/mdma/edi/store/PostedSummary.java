package energy.mdma.edi.store;

/** A value of {@code edi-posted-summaries}: the SHA-256 (hex) of the rows of a receiver's last summary posted. */
public record PostedSummary(String sha256Hex) {
}
