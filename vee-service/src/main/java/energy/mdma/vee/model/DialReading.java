package energy.mdma.vee.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A register (dial) reading, no multiplier applied.
 *
 * @param readTime when it was read
 * @param reading  the whole number shown on the dials
 */
public record DialReading(Instant readTime, long reading) {
    public DialReading {
        Objects.requireNonNull(readTime, "readTime");
    }
}
