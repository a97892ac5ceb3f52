package energy.mdma.delivery.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Audit trail in memory, bounded to the newest {@code capacity} events (older ones are dropped: the durable
 * trail is the lead's Kafka-backed sink).
 */
public class InMemoryAuditLog implements AuditSink, AuditQuery {

    private final int capacity;
    private final Deque<AuditEvent> events = new ArrayDeque<>();

    public InMemoryAuditLog(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    @Override
    public synchronized void record(AuditEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
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
