package energy.mdma.delivery.exceptions;

import energy.mdma.delivery.mailbox.InvalidCursorException;
import energy.mdma.events.TimeRange;
import energy.mdma.events.VeeException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The exceptions operators see, built from the events of mdma.vee.exceptions (raised by vee, edi and delivery's
 * timeliness, resolved by the new result or by an operator). Bounded: at most {@code maxCount} exceptions and
 * about {@code maxBytes}; past either, the resolved exceptions changed longest ago go first, then (only if every
 * one is open) the open ones changed longest ago. Only the last {@value #MAX_HISTORY} changes of an exception are
 * kept. Thread-safe.
 */
public final class ExceptionView {

    public static final int MAX_HISTORY = 20;

    /** A page of exceptions, newest raised first. */
    public record Page(List<OpsException> items, String nextCursor) {
    }

    /** What the listing keeps: status (null = all), UDC, account and type (null = any). */
    public record Filter(OpsException.Status status, String udc, String account, String type) {
        boolean matches(OpsException x) {
            return (status == null || x.status() == status) && (udc == null || udc.equals(x.udc()))
                    && (account == null || account.equals(x.serviceAccount()))
                    && (type == null || type.equals(x.type()));
        }
    }

    private record Order(long raisedAt, String id) {
    }

    private record Age(long changedAt, String id) {
    }

    private static final Comparator<Order> NEWEST_FIRST = Comparator.comparingLong(Order::raisedAt).reversed()
            .thenComparing(Order::id, Comparator.reverseOrder());
    private static final Comparator<Age> OLDEST_FIRST = Comparator.comparingLong(Age::changedAt).thenComparing(Age::id);

    private final int maxCount;
    private final long maxBytes;
    private final Map<String, OpsException> byId = new HashMap<>();
    private final TreeSet<Order> order = new TreeSet<>(NEWEST_FIRST);
    private final TreeSet<Age> resolvedByAge = new TreeSet<>(OLDEST_FIRST);
    private final TreeSet<Age> openByAge = new TreeSet<>(OLDEST_FIRST);
    private long bytes;
    private long evicted;

    public ExceptionView(int maxCount, long maxBytes) {
        if (maxCount < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("the exception view needs room for at least one exception");
        }
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** The source that raises exceptions of {@code type}, and resolves them when the data arrive. */
    static String source(String type) {
        if (type.startsWith("EDI_")) {
            return "edi";
        }
        return LateDataExceptions.TYPE.equals(type) ? "timeliness" : "vee";
    }

    /** Applies one event; returns the exception as it is now, or empty when the event changed nothing. */
    public synchronized Optional<OpsException> apply(VeeException e) {
        String type = e.getCode();
        String id = ExceptionIds.of(type, e.getMeterId(), e.getChannel(), e.getServiceAccount(), e.getPeriodEnd());
        OpsException old = byId.get(id);
        List<OpsException.Missing> missing = missing(e.getMissing());
        Map<String, Integer> fp = new TreeMap<>(e.getFailurePoints() == null ? Map.of() : e.getFailurePoints());
        Instant at = e.getResolved() && e.getResolvedAt() != null ? e.getResolvedAt() : e.getRaisedAt();
        OpsException now;
        if (!e.getResolved()) {
            if (old == null) {
                now = new OpsException(id, type, e.getUdcId(), e.getEspId(), e.getServiceAccount(), e.getMeterId(),
                        e.getChannel(), e.getPeriodStart(), e.getPeriodEnd(), fp, missing, e.getMessage(),
                        e.getRaisedAt(), OpsException.Status.OPEN, null, null, null, at,
                        List.of(new OpsException.HistoryEntry(at, "RAISED", source(type), e.getMessage())));
            } else if (old.isOpen()) {
                if (old.missing().equals(missing) && old.failurePoints().equals(fp)) {
                    return Optional.empty(); // raised again as it was (every evaluation of a held period)
                }
                now = with(old, fp, missing, e.getMessage(), OpsException.Status.OPEN, null, null, null, at,
                        new OpsException.HistoryEntry(at, "UPDATED", source(type), e.getMessage()));
            } else {
                boolean later = old.resolvedAt() == null || e.getRaisedAt().isAfter(old.resolvedAt());
                // an operator's resolution stands until something new is missing; the data's until raised again
                boolean reopen = later && (!old.resolvedByHand() || !old.missing().equals(missing));
                if (!reopen) {
                    return Optional.empty();
                }
                now = with(old, fp, missing, e.getMessage(), OpsException.Status.OPEN, null, null, null, at,
                        new OpsException.HistoryEntry(at, "REOPENED", source(type), e.getMessage()));
            }
        } else {
            String by = e.getResolvedBy() == null ? source(type) : e.getResolvedBy();
            String why = e.getResolution() == null ? e.getMessage() : e.getResolution();
            if (old == null) {
                now = new OpsException(id, type, e.getUdcId(), e.getEspId(), e.getServiceAccount(), e.getMeterId(),
                        e.getChannel(), e.getPeriodStart(), e.getPeriodEnd(), fp, missing, e.getMessage(),
                        e.getRaisedAt(), OpsException.Status.RESOLVED, at, by, why, at,
                        List.of(new OpsException.HistoryEntry(at, "RESOLVED", by, why)));
            } else if (old.isOpen()) {
                now = with(old, old.failurePoints(), old.missing(), old.message(), OpsException.Status.RESOLVED, at,
                        by, why, at, new OpsException.HistoryEntry(at, "RESOLVED", by, why));
            } else {
                return Optional.empty(); // already resolved (a replay, or data after an operator's resolution)
            }
        }
        put(old, now);
        return Optional.of(now);
    }

    private static OpsException with(OpsException o, Map<String, Integer> fp, List<OpsException.Missing> missing,
                                     String message, OpsException.Status status, Instant resolvedAt, String by,
                                     String why, Instant at, OpsException.HistoryEntry entry) {
        List<OpsException.HistoryEntry> h = new ArrayList<>(o.history());
        h.add(entry);
        if (h.size() > MAX_HISTORY) {
            h = new ArrayList<>(h.subList(h.size() - MAX_HISTORY, h.size()));
        }
        Instant changed = o.lastChangedAt().isAfter(at) ? o.lastChangedAt() : at;
        return new OpsException(o.id(), o.type(), o.udc(), o.esp(), o.serviceAccount(), o.meterId(), o.channel(),
                o.periodStart(), o.periodEnd(), fp, missing, message, o.raisedAt(), status, resolvedAt, by, why,
                changed, List.copyOf(h));
    }

    private static List<OpsException.Missing> missing(List<TimeRange> ranges) {
        if (ranges == null) {
            return List.of();
        }
        return ranges.stream().map(r -> new OpsException.Missing(r.getFrom(), r.getTo(), r.getWhat())).toList();
    }

    private void put(OpsException old, OpsException now) {
        if (old != null) {
            remove(old);
        }
        byId.put(now.id(), now);
        order.add(new Order(now.raisedAt().toEpochMilli(), now.id()));
        (now.isOpen() ? openByAge : resolvedByAge).add(new Age(now.lastChangedAt().toEpochMilli(), now.id()));
        bytes += now.approximateBytes();
        while (byId.size() > 1 && (byId.size() > maxCount || bytes > maxBytes)) {
            Age oldest = oldestBut(resolvedByAge, now.id());
            if (oldest == null) {
                oldest = oldestBut(openByAge, now.id());
            }
            remove(byId.get(oldest.id()));
            evicted++;
        }
    }

    private static Age oldestBut(TreeSet<Age> ages, String keep) {
        for (Age a : ages) {
            if (!a.id().equals(keep)) {
                return a;
            }
        }
        return null;
    }

    private void remove(OpsException x) {
        byId.remove(x.id());
        order.remove(new Order(x.raisedAt().toEpochMilli(), x.id()));
        (x.isOpen() ? openByAge : resolvedByAge).remove(new Age(x.lastChangedAt().toEpochMilli(), x.id()));
        bytes -= x.approximateBytes();
    }

    public synchronized Optional<OpsException> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** One page, newest raised first, after {@code cursor} (the nextCursor of the previous page, or null). */
    public synchronized Page list(Filter filter, String cursor, int limit) {
        Order from = cursor == null ? null : decode(cursor);
        List<OpsException> items = new ArrayList<>(Math.min(limit, 256));
        Iterable<Order> rest = from == null ? order : order.tailSet(from, false);
        String next = null;
        for (Order o : rest) {
            OpsException x = byId.get(o.id());
            if (!filter.matches(x)) {
                continue;
            }
            if (items.size() == limit) {
                next = encode(new Order(items.get(limit - 1).raisedAt().toEpochMilli(), items.get(limit - 1).id()));
                break;
            }
            items.add(x);
        }
        return new Page(items, next);
    }

    /** The open exceptions of {@code type} (for the sources that resolve them: timeliness). */
    public synchronized List<OpsException> open(String type) {
        List<OpsException> out = new ArrayList<>();
        for (Age a : openByAge) {
            OpsException x = byId.get(a.id());
            if (x.type().equals(type)) {
                out.add(x);
            }
        }
        return out;
    }

    public synchronized int size() {
        return byId.size();
    }

    public synchronized long approximateBytes() {
        return bytes;
    }

    /** How many exceptions were dropped to keep within the caps (since start). */
    public synchronized long evicted() {
        return evicted;
    }

    private static String encode(Order o) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((o.raisedAt() + ":" + o.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static Order decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            String id = s.substring(colon + 1);
            if (colon <= 0 || !ExceptionIds.isValid(id)) {
                throw new InvalidCursorException();
            }
            return new Order(Long.parseLong(s.substring(0, colon)), id);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidCursorException();
        }
    }

}
