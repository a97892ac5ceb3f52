package energy.mdma.vee.topology;

import energy.mdma.vee.model.EvaluatedIntervals;
import energy.mdma.vee.model.EvaluatedPeriod;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Whether a channel-period's result reaches beyond the edge of the data received so far: the part of the channel
 * that a backlog still arriving has not reached yet.
 *
 * <p>Why it matters (our reading of what a utility expects): while a backlog arrives (a catch-up, a re-sent month),
 * the days after the last one received so far are not really missing: their data are in the backlog. Their estimation
 * deadline has long passed, so an evaluation in the middle of the backlog estimates them (or holds the period) and
 * would publish a COMPLETE (or HELD) version that the rest of the backlog replaces minutes later; edi would post an
 * original 867 and then a cancellation and a reissue, and a utility reading its mailbox or the summary in between
 * would take the interim numbers for the data. So while a channel's input is still arriving (an input less than
 * settle-quiet ago), a period whose result reaches beyond the arrived data is not published; it is evaluated again
 * once the input is quiet. Then what is still missing is taken as really missing (data that will never come): it is
 * estimated, or the period is held, and published as always. Periods behind the edge are published at once (the cap
 * bounds how long a long backlog keeps them waiting).
 *
 * <p>A period reaches beyond the edge when:
 * <ul>
 * <li>interval channel: one of its due intervals ends after the last received interval of the channel (a trailing
 * interval that is MISSING, estimated or not, only because its data have not arrived yet); or the sum check needs
 * intervals after the last received one (the closing reading's read time is after it); or the channel has register
 * readings but none on the read date yet, and none later (the closing reading may still come);</li>
 * <li>register channel: the period is due without a reading on its read date and the channel has no reading on or
 * after that date yet (the closing reading would be estimated or the period held, while it may still come).</li>
 * </ul>
 * Intervals that are not due yet (before the estimation deadline) do not count: such a period is PENDING, which edi
 * does not post, and the live case (the data of today arriving through the day) must keep publishing it.
 *
 * <p>This assumes that a backlog arrives roughly in time order (as files and head-end catch-ups do); data that
 * arrive in reverse order can still replace a version once (the gaps behind the edge look real), as before.
 */
final class ArrivalEdge {
    private ArrivalEdge() {
    }

    /**
     * @param lastInterval    the channel's last received interval end (null: none)
     * @param lastReadingDate local date of the channel's latest register reading (null: none)
     */
    static boolean beyond(EvaluatedPeriod p, Instant lastInterval, LocalDate lastReadingDate) {
        LocalDate r = p.periodEnd();
        EvaluatedIntervals s = p.intervals();
        if (s == null) {
            return p.complete() && p.registerEndTime() == null
                    && (lastReadingDate == null || lastReadingDate.isBefore(r));
        }
        long last = lastInterval == null ? Long.MIN_VALUE : lastInterval.getEpochSecond();
        long[] ends = s.endEpochSeconds();
        boolean[] due = s.due();
        // the intervals after the last received one are at the end of the period: look from the end
        for (int i = ends.length - 1; i >= 0 && ends[i] > last; i--) {
            if (due[i]) {
                return true;
            }
        }
        if (p.registerEndTime() != null) {
            return p.registerEndTime().getEpochSecond() > last;
        }
        return lastReadingDate != null && lastReadingDate.isBefore(r);
    }
}
