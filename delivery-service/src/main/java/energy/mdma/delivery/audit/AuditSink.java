package energy.mdma.delivery.audit;

/** Where audit events go (the log, and the in-memory view). */
public interface AuditSink {

    /** Records the event without waiting for the log (a failure is logged). */
    void record(AuditEntry event);

    /**
     * Records the event and returns once it is durable; throws {@link AuditUnavailableException} when it cannot be
     * written. For the actions that depend on their audit: nothing is released that was not audited first.
     */
    default void recordDurably(AuditEntry event) {
        record(event);
    }

    /** The audit trail cannot take an event now. */
    class AuditUnavailableException extends RuntimeException {
        public AuditUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
