package energy.mdma.delivery.kafka;

import energy.mdma.delivery.archive.ControlNumbers;
import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEntry;
import energy.mdma.delivery.audit.AuditQuery;
import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.delivery.audit.StoredAuditLog;
import energy.mdma.delivery.store.Codec;
import energy.mdma.delivery.store.Keys;
import energy.mdma.delivery.store.ViewStore;
import energy.mdma.events.AuditEvent;
import energy.mdma.events.kafka.Topics;

import java.util.List;

/**
 * The audit trail on mdma.audit: {@link #record} writes the event to the log (without waiting) and into the view the
 * queries read ({@link StoredAuditLog}, in the views' store); {@link #recordDurably} waits for the log first. The view
 * follows the topic ({@link #apply}), so events of other services on the topic are in it too, and an event recorded
 * here that comes back from the log changes nothing; the events read back are capped like new ones ({@link AuditEntry}),
 * so a log full of over-long events costs no more than capped ones. ARCHIVE_ISSUED events also feed the archive's
 * control numbers, kept in the store.
 */
public class KafkaAuditLog implements AuditSink, AuditQuery {

    private final EventLog log;
    private final StoredAuditLog view;
    private final ControlNumbers controlNumbers;
    private final ViewStore store;

    /**
     * The view in the views' store: every event, paginated queries; the archive's control numbers are kept there too
     * and read back into {@code controlNumbers} now.
     */
    public KafkaAuditLog(EventLog log, ViewStore store, ControlNumbers controlNumbers) {
        this.log = log;
        this.view = new StoredAuditLog(store);
        this.controlNumbers = controlNumbers;
        this.store = store;
        byte[] prefix = Keys.prefix(Keys.CONTROL_NUMBER);
        store.scan(prefix, (k, v) -> {
            controlNumbers.observe(Keys.lastText(k, 1), Codec.longOf(v));
            return true;
        });
    }

    @Override
    public void record(AuditEntry event) {
        view.record(event);
        log.sendAsync(Topics.AUDIT, event.actor() == null ? "" : event.actor(), DeliveryAvro.toAvro(event));
    }

    /** Writes an event and waits until the log has it (for events that must be durable first). */
    @Override
    public void recordDurably(AuditEntry event) {
        try {
            log.send(Topics.AUDIT, event.actor() == null ? "" : event.actor(), DeliveryAvro.toAvro(event));
        } catch (EventLog.EventLogException e) {
            throw new AuditUnavailableException("the audit trail (mdma.audit) cannot be written: " + e.getMessage(), e);
        }
        view.record(event);
    }

    /** A record of mdma.audit. */
    public void apply(AuditEvent avro) {
        AuditEntry e = DeliveryAvro.fromAvro(avro);
        if (e.action() == AuditAction.ARCHIVE_ISSUED && e.party() != null && e.detail() != null
                && e.detail().startsWith("isa13=")) {
            try {
                long n = Long.parseLong(e.detail().substring(6));
                controlNumbers.observe(e.party(), n);
                byte[] key = Keys.of(Keys.CONTROL_NUMBER, e.party());
                byte[] held = store.get(key);
                if (held == null || Codec.longOf(held) < n) {
                    store.put(key, Codec.bytesOf(n));
                }
            } catch (NumberFormatException ignored) {
                // not ours
            }
        }
        view.record(e); // an event recorded here comes back under the same key: nothing changes
    }

    @Override
    public List<AuditEntry> query(Filter filter) {
        return view.query(filter);
    }

    @Override
    public Page page(Filter filter, String cursor) {
        return view.page(filter, cursor);
    }
}
