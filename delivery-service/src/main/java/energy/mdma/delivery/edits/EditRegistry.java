package energy.mdma.delivery.edits;

import energy.mdma.events.PrevailingTime;

import energy.mdma.events.EditAction;
import energy.mdma.events.EditedInterval;
import energy.mdma.events.ManualEdit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manual edits and withdrawals of mdma.vee.edits (the log is the source of truth; vee applies the same events),
 * in log order. An edit applied here when it is made and again when the log is replayed counts once (by id).
 */
public final class EditRegistry {

    public static final ZoneId ZONE = PrevailingTime.ZONE;
    private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mmxxx");
    private static final Comparator<EditRecord> NEWEST_FIRST = Comparator.comparing(EditRecord::editedAt)
            .thenComparing(EditRecord::id).reversed();

    /** One page, newest first; {@code nextCursor} is null on the last page. */
    public record Page(List<EditRecord> items, String nextCursor) {
    }

    /** The cursor given is not one this listing made. */
    public static final class InvalidCursor extends RuntimeException {
        InvalidCursor() {
            super("The cursor is not valid: pass the nextCursor value of the previous page unchanged, or omit it to "
                    + "start over.");
        }
    }

    private final LinkedHashMap<String, EditRecord> edits = new LinkedHashMap<>();

    public static String formatEnd(Instant end) {
        return END.format(end.atZone(ZONE));
    }

    public static String formatUsage(long fixed4) {
        return BigDecimal.valueOf(fixed4, 4).toPlainString();
    }

    /** Applies an edit or withdrawal event (idempotent). */
    public synchronized void apply(ManualEdit e) {
        if (e.getAction() == EditAction.WITHDRAW) {
            EditRecord target = e.getWithdrawsEditId() == null ? null : edits.get(e.getWithdrawsEditId());
            if (target != null && target.inForce()) {
                edits.put(target.id(), target.withdrawn(e.getEditedBy(), e.getEditedAt(), e.getComment()));
            }
            return;
        }
        if (edits.containsKey(e.getEditId())) {
            return;
        }
        Map<Long, Long> previous = new HashMap<>();
        for (EditedInterval p : e.getPreviousIntervals()) {
            previous.put(p.getIntervalEnd().toEpochMilli(), p.getUsage());
        }
        List<EditRecord.Interval> intervals = new ArrayList<>(e.getIntervals().size());
        for (EditedInterval i : e.getIntervals()) {
            Long p = previous.get(i.getIntervalEnd().toEpochMilli());
            intervals.add(new EditRecord.Interval(formatEnd(i.getIntervalEnd()), formatUsage(i.getUsage()),
                    p == null ? null : formatUsage(p)));
        }
        boolean register = e.getIntervals().isEmpty();
        edits.put(e.getEditId(), new EditRecord(e.getEditId(), EditRecord.IN_FORCE, e.getMeterId(), e.getChannel(),
                List.copyOf(intervals), register ? e.getReadDate() : null,
                register && e.getReading() != null ? e.getReading().toString() : null,
                register && e.getPreviousReading() != null ? e.getPreviousReading().toString() : null,
                e.getReasonCode(), e.getComment(), e.getEditedBy(), e.getEditedAt(), null, null, null));
    }

    public synchronized Optional<EditRecord> get(String id) {
        return Optional.ofNullable(edits.get(id));
    }

    /**
     * The edited values in force for a channel: interval end (epoch millis) -&gt; usage * 10^4, the latest edit in
     * force of each interval (as vee takes them).
     */
    public synchronized Map<Long, Long> intervalsInForce(String meterId, int channel) {
        Map<Long, Long> out = new HashMap<>();
        for (EditRecord r : edits.values()) {
            if (r.inForce() && r.meterId().equals(meterId) && r.channel() == channel) {
                for (EditRecord.Interval i : r.intervals()) {
                    out.put(parseEnd(i.end()).toEpochMilli(), new BigDecimal(i.usage()).movePointRight(4)
                            .longValueExact());
                }
            }
        }
        return out;
    }

    /** The edited register reading in force for a channel and date, or null. */
    public synchronized Long readingInForce(String meterId, int channel, LocalDate date) {
        Long out = null;
        for (EditRecord r : edits.values()) {
            if (r.inForce() && r.meterId().equals(meterId) && r.channel() == channel && date.equals(r.readDate())) {
                out = Long.valueOf(r.reading());
            }
        }
        return out;
    }

    static Instant parseEnd(String end) {
        return java.time.OffsetDateTime.parse(end).toInstant();
    }

    /** The local days an edit touches (an interval belongs to the day in which it ends; one ending at midnight to the day before). */
    static LocalDate[] days(EditRecord r) {
        if (r.readDate() != null) {
            return new LocalDate[] {r.readDate(), r.readDate()};
        }
        LocalDate first = null;
        LocalDate last = null;
        for (EditRecord.Interval i : r.intervals()) {
            LocalDate d = parseEnd(i.end()).minusNanos(1).atZone(ZONE).toLocalDate();
            first = first == null || d.isBefore(first) ? d : first;
            last = last == null || d.isAfter(last) ? d : last;
        }
        return new LocalDate[] {first, last};
    }

    /**
     * The edits matching the filters (each optional), newest first.
     *
     * @param from first local day (inclusive) an edit must touch
     * @param to   last local day (inclusive)
     */
    public synchronized Page list(String meterId, Integer channel, LocalDate from, LocalDate to, String cursor,
                                  int limit) {
        List<EditRecord> all = new ArrayList<>();
        for (EditRecord r : edits.values()) {
            if (meterId != null && !r.meterId().equals(meterId) || channel != null && r.channel() != channel) {
                continue;
            }
            LocalDate[] d = days(r);
            if (from != null && d[1].isBefore(from) || to != null && d[0].isAfter(to)) {
                continue;
            }
            all.add(r);
        }
        all.sort(NEWEST_FIRST);
        int start = 0;
        if (cursor != null) {
            String[] c = decodeCursor(cursor);
            EditRecord after = edits.get(c[1]);
            if (after == null || !Long.toString(after.editedAt().toEpochMilli()).equals(c[0])) {
                throw new InvalidCursor();
            }
            start = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (NEWEST_FIRST.compare(all.get(i), after) > 0) {
                    start = i;
                    break;
                }
            }
        }
        int end = Math.min(all.size(), start + limit);
        List<EditRecord> items = List.copyOf(all.subList(start, end));
        String next = end < all.size() ? encodeCursor(items.get(items.size() - 1)) : null;
        return new Page(items, next);
    }

    private static String encodeCursor(EditRecord last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (last.editedAt().toEpochMilli() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decodeCursor(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = s.indexOf('|');
            if (bar <= 0) {
                throw new InvalidCursor();
            }
            return new String[] {s.substring(0, bar), s.substring(bar + 1)};
        } catch (IllegalArgumentException e) {
            throw new InvalidCursor();
        }
    }
}
