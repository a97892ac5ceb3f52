package energy.mdma.timeliness;

import java.time.Instant;

/**
 * Deadline k of a cohort.
 *
 * @param k         1, 2 or 5 (the configured deadlines)
 * @param at        the instant of the deadline
 * @param inclusive whether a posting exactly at {@code at} still meets it: false for interval data
 *                  ("end of local day R + k, before midnight": {@code at} is that midnight), true for
 *                  non-interval data ("06:00 local": a posting at 06:00:00 is in time)
 */
public record Deadline(int k, Instant at, boolean inclusive) {

    /** Whether something that happened at {@code t} happened by this deadline. */
    public boolean meets(Instant t) {
        return inclusive ? !t.isAfter(at) : t.isBefore(at);
    }

    /** Whether the deadline has passed at {@code now}: the figure for k is final from then on. */
    public boolean passed(Instant now) {
        return !meets(now);
    }
}
