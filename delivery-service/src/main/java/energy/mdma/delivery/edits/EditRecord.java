package energy.mdma.delivery.edits;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One manual edit as the API shows it (operations.md section 2): what was set, the earlier edited values it
 * replaced, who, when, why, and whether it is in force or was withdrawn (by whom, when, why).
 *
 * @param intervals interval form: the edited intervals (empty for the register form)
 * @param readDate  register form: the date of the edited reading (null for the interval form)
 */
public record EditRecord(String id, String status, String meterId, int channel, List<Interval> intervals,
                         LocalDate readDate, String reading, String previousReading, String reasonCode, String comment,
                         String editedBy, Instant editedAt, String withdrawnBy, Instant withdrawnAt,
                         String withdrawComment) {

    public static final String IN_FORCE = "IN_FORCE";
    public static final String WITHDRAWN = "WITHDRAWN";

    /**
     * @param end           the interval end, local time with the America/Los_Angeles offset
     * @param usage         the edited usage (decimal, 4 places)
     * @param previousUsage the edited usage in force before this edit, or null (the result before is in the
     *                      channel-period version the edit makes)
     */
    public record Interval(String end, String usage, String previousUsage) {
    }

    public boolean inForce() {
        return IN_FORCE.equals(status);
    }

    EditRecord withdrawn(String by, Instant at, String comment) {
        return new EditRecord(id, WITHDRAWN, meterId, channel, intervals, readDate, reading, previousReading,
                reasonCode, this.comment, editedBy, editedAt, by, at, comment);
    }
}
