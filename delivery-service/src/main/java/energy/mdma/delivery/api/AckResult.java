package energy.mdma.delivery.api;

import java.time.Instant;

/** Answer to an acknowledgement; {@code alreadyRetrieved} is true when it had been acknowledged before. */
public record AckResult(String id, Instant retrievedAt, String retrievedBy, boolean alreadyRetrieved) {
}
