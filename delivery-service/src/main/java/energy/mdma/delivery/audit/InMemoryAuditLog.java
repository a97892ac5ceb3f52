package energy.mdma.delivery.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Audit trail in memory, bounded to the newest events within {@code capacity} events AND {@code maxBytes} (older ones
 * are dropped: the durable trail is mdma.audit). The byte budget is what bounds the heap, whatever the events hold:
 * their fields are capped ({@link AuditEvent}) and counted by {@link AuditEvent#estimatedBytes()}.
 */
public class InMemoryAuditLog implements AuditSink, AuditQuery {

    /** The byte budget when none is given. */
    public static final long DEFAULT_MAX_BYTES = 64L << 20;

    private final int capacity;
    private final long maxBytes;
    private final Deque<AuditEvent> events = new ArrayDeque<>();
    private long bytes;

    public InMemoryAuditLog(int capacity, long maxBytes) {
        this.capacity = Math.max(1, capacity);
        this.maxBytes = Math.max(1, maxBytes);
    }

    public InMemoryAuditLog(int capacity) {
        this(capacity, DEFAULT_MAX_BYTES);
    }

    @Override
    public synchronized void record(AuditEvent event) {
        events.addLast(event);
        bytes += event.estimatedBytes();
        while (events.size() > 1 && (events.size() > capacity || bytes > maxBytes)) {
            bytes -= events.removeFirst().estimatedBytes();
        }
    }

    /** The estimated bytes held now. */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int size() {
        return events.size();
    }

    @Override
    public synchronized List<AuditEvent> query(Filter f) {
        List<AuditEvent> out = new ArrayList<>();
        Iterator<AuditEvent> it = events.descendingIterator();
        while (it.hasNext() && out.size() < f.limit()) {
            AuditEvent e = it.next();
            if (f.to() != null && !e.at().isBefore(f.to())) {
                continue;
            }
            if (f.from() != null && e.at().isBefore(f.from())) {
                break;
            }
            if (f.party() != null && !f.party().equals(e.party())) {
                continue;
            }
            if (f.actor() != null && !f.actor().equals(e.actor())) {
                continue;
            }
            if (f.action() != null && f.action() != e.action()) {
                continue;
            }
            out.add(e);
        }
        return out;
    }
}
