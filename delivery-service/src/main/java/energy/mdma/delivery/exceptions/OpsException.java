package energy.mdma.delivery.exceptions;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One exception as operators see it (operations.md section 1): what it is about, what is missing, its status and
 * its history. Immutable: the view replaces it on every change.
 *
 * @param id            stable id: the same exception raised again keeps it ({@link ExceptionIds})
 * @param type          ESTIMATION_FAILED, EDI_REPORT_FAILED, EDI_VALIDATION_FAILED, DATA_MISSING_PAST_DEADLINE, ...
 * @param missing       what is missing, as time ranges (empty when not known)
 * @param lastChangedAt when it was last raised, resolved or reopened (the view's eviction order)
 */
public record OpsException(String id, String type, String udc, String esp, String serviceAccount, String meterId,
                           Integer channel, LocalDate periodStart, LocalDate periodEnd,
                           Map<String, Integer> failurePoints, List<Missing> missing, String message,
                           Instant raisedAt, Status status, Instant resolvedAt, String resolvedBy, String resolution,
                           Instant lastChangedAt, List<HistoryEntry> history) {

    public enum Status { OPEN, RESOLVED }

    /** A time range without data: {@code what} is INTERVALS or READING (the local day of a missing reading). */
    public record Missing(Instant from, Instant to, String what) {
    }

    /** One change: RAISED, UPDATED (what is missing changed), RESOLVED, REOPENED. */
    public record HistoryEntry(Instant at, String event, String by, String detail) {
    }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    /** Whether the operator (not the data) closed it. */
    public boolean resolvedByHand() {
        return status == Status.RESOLVED && resolvedBy != null && !AUTOMATIC.contains(resolvedBy);
    }

    /** The services that resolve exceptions by themselves (the data or an edit arrived). */
    static final java.util.Set<String> AUTOMATIC = java.util.Set.of("vee", "edi", "timeliness");

    /** A rough size in bytes, for the view's cap. */
    int approximateBytes() {
        int n = 400 + (message == null ? 0 : message.length() * 2) + missing.size() * 64 + failurePoints.size() * 64;
        for (HistoryEntry h : history) {
            n += 96 + (h.detail() == null ? 0 : h.detail().length() * 2);
        }
        return n;
    }
}
