package energy.mdma.delivery.audit;

import energy.mdma.delivery.store.Codec;
import energy.mdma.delivery.store.Keys;
import energy.mdma.delivery.store.ViewStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The audit view in the {@link ViewStore}: every event of mdma.audit keyed by (at, id), so recording one again (read
 * back from the log) changes nothing. Queries walk it newest first from {@code to} (or a page's cursor) and return
 * a bounded page with the cursor of the next one; a page also ends after {@link #MAX_SCAN} events that did not match
 * the filter (with a cursor), so that no query walks years of events at once.
 */
public class StoredAuditLog implements AuditSink, AuditQuery {

    /** Events looked at for one page at most. */
    public static final int MAX_SCAN = 20_000;
    private static final byte[] PREFIX = Keys.prefix(Keys.AUDIT);

    private final ViewStore db;

    public StoredAuditLog(ViewStore db) {
        this.db = Objects.requireNonNull(db);
    }

    @Override
    public void record(AuditEntry e) {
        db.put(Keys.kind(Keys.AUDIT).instant(e.at()).text(e.id() == null ? "" : e.id()).bytes(), encode(e));
    }

    @Override
    public List<AuditEntry> query(Filter filter) {
        return page(filter, null).items();
    }

    @Override
    public Page page(Filter f, String cursor) {
        byte[] before;
        if (cursor != null && !cursor.isBlank()) {
            before = decodeCursor(cursor);
        } else if (f.to() != null) {
            before = Keys.kind(Keys.AUDIT).instant(f.to()).bytes();
        } else {
            before = new byte[]{Keys.AUDIT + 1};
        }
        List<AuditEntry> out = new ArrayList<>();
        byte[][] last = {null};
        boolean[] more = {false};
        int[] scanned = {0};
        db.scanBackwards(PREFIX, before, (k, v) -> {
            AuditEntry e = decode(v);
            if (f.from() != null && e.at().isBefore(f.from())) {
                return false;
            }
            if (f.to() != null && !e.at().isBefore(f.to())) {
                return true;
            }
            if (out.size() == f.limit() || ++scanned[0] > MAX_SCAN) {
                more[0] = true;
                return false;
            }
            last[0] = k;
            if ((f.party() == null || f.party().equals(e.party())) && (f.actor() == null || f.actor().equals(e.actor()))
                    && (f.action() == null || f.action() == e.action())) {
                out.add(e);
            }
            return true;
        });
        return new Page(out, more[0] && last[0] != null ? encodeCursor(last[0]) : null);
    }

    private static String encodeCursor(byte[] key) {
        return "a1" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    private static byte[] decodeCursor(String cursor) {
        try {
            if (!cursor.startsWith("a1")) {
                throw new InvalidAuditCursorException();
            }
            byte[] key = Base64.getUrlDecoder().decode(cursor.substring(2));
            if (key.length < 14 || key[0] != Keys.AUDIT) {
                throw new InvalidAuditCursorException();
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new InvalidAuditCursorException();
        }
    }

    /** A cursor this view did not hand out. */
    public static class InvalidAuditCursorException extends IllegalArgumentException {
        public InvalidAuditCursorException() {
            super("cursor is not one this server returned: start again without it");
        }
    }

    static byte[] encode(AuditEntry e) {
        return new Codec.Out().text(e.id()).instant(e.at()).text(e.actor()).text(e.role())
                .text(e.action() == null ? null : e.action().name()).text(e.party()).text(e.resource())
                .text(e.source()).text(e.outcome() == null ? null : e.outcome().name()).text(e.detail()).bytes();
    }

    static AuditEntry decode(byte[] v) {
        Codec.In in = new Codec.In(v);
        String id = in.text();
        Instant at = in.instant();
        String actor = in.text();
        String role = in.text();
        String action = in.text();
        String party = in.text();
        String resource = in.text();
        String source = in.text();
        String outcome = in.text();
        String detail = in.text();
        return new AuditEntry(id, at, actor, role, action == null ? null : AuditAction.valueOf(action), party,
                resource, source, outcome == null ? null : AuditOutcome.valueOf(outcome), detail);
    }

}
