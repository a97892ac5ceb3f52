package energy.mdma.delivery.kafka;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEvent;
import energy.mdma.delivery.audit.AuditQuery;
import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.delivery.audit.InMemoryAuditLog;
import energy.mdma.delivery.archive.ControlNumbers;
import energy.mdma.events.kafka.Topics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail on mdma.audit: {@link #record} writes the event to the log (without waiting) and into the
 * bounded in-memory view the queries read; {@link #recordDurably} waits for the log first. The view is rebuilt at
 * start from the topic (the newest events within its count and byte budget - the topic itself keeps everything
 * for the retention period); the events read back are capped like new ones ({@link AuditEvent}), so a log full of
 * over-long events cannot fill the heap at start. Events of other services on the topic are in the view too.
 * ARCHIVE_ISSUED events also feed the archive's control numbers.
 */
public class KafkaAuditLog implements AuditSink, AuditQuery {

    private final EventLog log;
    private final InMemoryAuditLog view;
    private final ControlNumbers controlNumbers;
    /**
     * Events recorded here and not yet read back from the log (so they are not in the view twice); bounded (an event
     * whose write failed never comes back).
     */
    private final Map<String, Boolean> localPending = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_PENDING;
                }
            });
    private static final int MAX_PENDING = 100_000;

    public KafkaAuditLog(EventLog log, int capacity, long maxBytes, ControlNumbers controlNumbers) {
        this.log = log;
        this.view = new InMemoryAuditLog(capacity, maxBytes);
        this.controlNumbers = controlNumbers;
    }

    public KafkaAuditLog(EventLog log, int capacity, ControlNumbers controlNumbers) {
        this(log, capacity, InMemoryAuditLog.DEFAULT_MAX_BYTES, controlNumbers);
    }

    @Override
    public void record(AuditEvent event) {
        localPending.put(event.id(), Boolean.TRUE);
        view.record(event);
        log.sendAsync(Topics.AUDIT, event.actor() == null ? "" : event.actor(), DeliveryAvro.toAvro(event));
    }

    /** Writes an event and waits until the log has it (for events that must be durable first). */
    @Override
    public void recordDurably(AuditEvent event) {
        try {
            log.send(Topics.AUDIT, event.actor() == null ? "" : event.actor(), DeliveryAvro.toAvro(event));
        } catch (EventLog.EventLogException e) {
            throw new AuditUnavailableException("the audit trail (mdma.audit) cannot be written: " + e.getMessage(), e);
        }
        localPending.put(event.id(), Boolean.TRUE);
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
        if (localPending.remove(e.id()) != null) {
            return;
        }
        view.record(e);
    }

    @Override
    public List<AuditEvent> query(Filter filter) {
        return view.query(filter);
    }
}
