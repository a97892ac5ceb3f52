package energy.mdma.delivery.kafka;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEvent;
import energy.mdma.delivery.audit.AuditQuery;
import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.delivery.audit.InMemoryAuditLog;
import energy.mdma.delivery.audit.StoredAuditLog;
import energy.mdma.delivery.store.Codec;
import energy.mdma.delivery.store.Keys;
import energy.mdma.delivery.store.ViewStore;
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
    private final AuditSink view;
    private final AuditQuery queries;
    private final ControlNumbers controlNumbers;
    /** The views' store when the view is there (then the control numbers are kept there too), else null. */
    private final ViewStore store;
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
        InMemoryAuditLog memory = new InMemoryAuditLog(capacity, maxBytes);
        this.view = memory;
        this.queries = memory;
        this.controlNumbers = controlNumbers;
        this.store = null;
    }

    /**
     * The view in the views' store: every event, paginated queries; the archive's control numbers are kept there too
     * and read back into {@code controlNumbers} now.
     */
    public KafkaAuditLog(EventLog log, ViewStore store, ControlNumbers controlNumbers) {
        this.log = log;
        StoredAuditLog stored = new StoredAuditLog(store);
        this.view = stored;
        this.queries = stored;
        this.controlNumbers = controlNumbers;
        this.store = store;
        byte[] prefix = Keys.prefix(Keys.CONTROL_NUMBER);
        store.scan(prefix, (k, v) -> {
            controlNumbers.observe(Keys.lastText(k, 1), Codec.longOf(v));
            return true;
        });
    }

    public KafkaAuditLog(EventLog log, int capacity, ControlNumbers controlNumbers) {
        this(log, capacity, InMemoryAuditLog.DEFAULT_MAX_BYTES, controlNumbers);
    }

    @Override
    public void record(AuditEvent event) {
        if (store == null) {
            localPending.put(event.id(), Boolean.TRUE);
        }
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
        if (store == null) {
            localPending.put(event.id(), Boolean.TRUE);
        }
        view.record(event);
    }

    /** A record of mdma.audit. */
    public void apply(energy.mdma.events.AuditEvent avro) {
        AuditEvent e = DeliveryAvro.fromAvro(avro);
        if (e.action() == AuditAction.ARCHIVE_ISSUED && e.party() != null && e.detail() != null
                && e.detail().startsWith("isa13=")) {
            try {
                long n = Long.parseLong(e.detail().substring(6));
                controlNumbers.observe(e.party(), n);
                if (store != null) {
                    byte[] key = Keys.of(Keys.CONTROL_NUMBER, e.party());
                    byte[] held = store.get(key);
                    if (held == null || Codec.longOf(held) < n) {
                        store.put(key, Codec.bytesOf(n));
                    }
                }
            } catch (NumberFormatException ignored) {
                // not ours
            }
        }
        if (store == null && localPending.remove(e.id()) != null) {
            return;
        }
        view.record(e); // in the store: the same key again, nothing changes
    }

    @Override
    public List<AuditEvent> query(Filter filter) {
        return queries.query(filter);
    }

    @Override
    public Page page(Filter filter, String cursor) {
        return queries.page(filter, cursor);
    }
}
