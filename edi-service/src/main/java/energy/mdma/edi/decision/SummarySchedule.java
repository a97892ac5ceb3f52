package energy.mdma.edi.decision;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When a receiver's summary report is posted and what it covers (edi-867.md "The summary report"): once its rows have
 * settled (no change for {@code quiet}, or, while a backlog keeps changing them, once its oldest unposted change is
 * {@code duringBacklog} old), the rows whose current version is at most {@code windowDays} calendar days old, in parts
 * of at most {@code rowsPerPart} rows, each part in records of at most {@code chunkBytes}.
 */
public final class SummarySchedule {
    private SummarySchedule() {
    }

    /** Whether a receiver whose rows first changed at {@code firstMs} and last at {@code lastMs} gets its summary now. */
    public static boolean isDue(long firstMs, long lastMs, long nowMs, Duration quiet, Duration duringBacklog) {
        return nowMs - lastMs >= quiet.toMillis() || nowMs - firstMs >= duringBacklog.toMillis();
    }

    /** The oldest version time still in the summary window at {@code now}: calendar days of the prevailing time. */
    public static long windowStart(Instant now, int windowDays, ZoneId zone) {
        return now.atZone(zone).minusDays(windowDays).toInstant().toEpochMilli();
    }

    /** The parts of a summary of {@code rows} rows (one part when empty: a header alone). */
    public static int parts(long rows, int rowsPerPart) {
        return (int) Math.max(1, (rows + rowsPerPart - 1) / rowsPerPart);
    }

    /** The records of a part of {@code bytes} (at least one). */
    public static int chunks(int bytes, int chunkBytes) {
        return Math.max(1, (bytes + chunkBytes - 1) / chunkBytes);
    }

    /** The first and last change of a receiver's rows after a change at {@code nowMs} ({@code before}: null or earlier). */
    public static Dirty changed(Dirty before, long nowMs) {
        return new Dirty(before == null ? nowMs : before.firstMs(), nowMs);
    }

    /** A receiver's unposted changes: first and last, stored as {@code firstMs,lastMs}. */
    public record Dirty(long firstMs, long lastMs) {
        public static Dirty parse(String s) {
            if (s == null) {
                return null;
            }
            int comma = s.indexOf(',');
            return new Dirty(Long.parseLong(s.substring(0, comma)), Long.parseLong(s.substring(comma + 1)));
        }

        public String format() {
            return firstMs + "," + lastMs;
        }

        /** The changes of both: the first of either, the last of either ({@code other}: null or changes). */
        public Dirty with(Dirty other) {
            return other == null ? this
                    : new Dirty(Math.min(firstMs, other.firstMs), Math.max(lastMs, other.lastMs));
        }
    }

    /** A stored summary row: when its content last changed, and its CSV line; stored as {@code versionMs,line}. */
    public record StoredRow(long versionMs, String line) {
        public static StoredRow parse(String s) {
            int comma = s.indexOf(',');
            return new StoredRow(Long.parseLong(s.substring(0, comma)), s.substring(comma + 1));
        }

        public String format() {
            return versionMs + "," + line;
        }
    }

    /** What replacing an account-period's rows of a receiver writes: rows put and keys deleted. */
    public record RowsChange<K>(Map<K, StoredRow> puts, List<K> deletes) {
        public boolean changed() {
            return !puts.isEmpty() || !deletes.isEmpty();
        }
    }

    /**
     * Replaces the rows of an account-period: a row whose line is unchanged keeps its version time; a new or changed
     * one gets {@code atMs}; a row no longer there is deleted.
     *
     * @param old  the account-period's stored rows by key
     * @param rows the new rows by key, in order
     */
    public static <K> RowsChange<K> replace(Map<K, StoredRow> old, Map<K, String> rows, long atMs) {
        Map<K, StoredRow> left = new HashMap<>(old);
        Map<K, StoredRow> puts = new LinkedHashMap<>();
        for (Map.Entry<K, String> row : rows.entrySet()) {
            StoredRow before = left.remove(row.getKey());
            if (before == null || !row.getValue().equals(before.line())) {
                puts.put(row.getKey(), new StoredRow(atMs, row.getValue()));
            }
        }
        return new RowsChange<>(puts, new ArrayList<>(left.keySet()));
    }
}
