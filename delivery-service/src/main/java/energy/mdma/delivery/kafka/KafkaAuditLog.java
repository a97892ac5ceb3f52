package energy.mdma.delivery.kafka;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEvent;
import energy.mdma.delivery.audit.AuditQuery;
import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.delivery.audit.InMemoryAuditLog;
import energy.mdma.delivery.archive.ControlNumbers;
import energy.mdma.events.kafka.Topics;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The audit trail on mdma.audit: {@link #record} writes the event to the log (without waiting) and into the
 * bounded in-memory view the queries read; the view is rebuilt at start from the topic (the newest
 * {@code capacity} events - the topic itself keeps everything for the retention period). Events of other
 * services on the topic are in the view too. ARCHIVE_ISSUED events also feed the archive's control numbers.
 */
public class KafkaAuditLog implements AuditSink, AuditQuery {

    private final EventLog log;
    private final InMemoryAuditLog view;
    private final ControlNumbers controlNumbers;
    /** Events recorded here and not yet read back from the log (so they are not in the view twice). */
    private final Set<String> localPending = ConcurrentHashMap.newKeySet();

    public KafkaAuditLog(EventLog log, int capacity, ControlNumbers controlNumbers) {
        this.log = log;
        this.view = new InMemoryAuditLog(capacity);
        this.controlNumbers = controlNumbers;
    }

    @Override
    public void record(AuditEvent event) {
        localPending.add(event.id());
        view.record(event);
        log.sendAsync(Topics.AUDIT, event.actor() == null ? "" : event.actor(), DeliveryAvro.toAvro(event));
    }

    /** Writes an event and waits until the log has it (for events that must be durable first). */
    public void recordDurably(AuditEvent event) {
        log.send(Topics.AUDIT, event.actor() == null ? "" : event.actor(), DeliveryAvro.toAvro(event));
        localPending.add(event.id());
        view.record(event);
    }

    /** A record of mdma.audit. */
    public void apply(energy.mdma.events.AuditEvent avro) {
        AuditEvent e = DeliveryAvro.fromAvro(avro);
        if (e.action() == AuditAction.ARCHIVE_ISSUED && e.party() != null && e.detail() != null
                && e.detail().startsWith("isa13=")) {
            try {
                controlNumbers.observe(e.party(), Long.parseLong(e.detail().substring(6)));
            } catch (NumberFormatException ignored) {
                // not ours
            }
        }
        if (localPending.remove(e.id())) {
            return;
        }
        view.record(e);
    }

    @Override
    public List<AuditEvent> query(Filter filter) {
        return view.query(filter);
    }
}
