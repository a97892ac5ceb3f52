package energy.mdma.delivery.audit;

/** Where audit events go (in memory now; a Kafka topic / retained store later). Must not block for long. */
@FunctionalInterface
public interface AuditSink {
    void record(AuditEvent event);
}
