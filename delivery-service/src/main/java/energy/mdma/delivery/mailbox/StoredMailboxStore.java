package energy.mdma.delivery.mailbox;

import energy.mdma.delivery.store.Codec;
import energy.mdma.delivery.store.Keys;
import energy.mdma.delivery.store.ViewStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link MailboxStore} in the {@link ViewStore} (the service with the event log): per party the files keyed by
 * (postedAt, id), the files not acknowledged yet under the same keys, an id index and the newest file of each kind.
 * Listing a day ({@code since}) or the new files is a seek plus a walk over the returned items only, whatever the
 * years of files the mailbox holds; nothing of a mailbox is held in memory. Order and cursors: {@link MailboxPosition}.
 */
public class StoredMailboxStore extends EventSourcedMailboxStore {

    private final ViewStore db;

    public StoredMailboxStore(ViewStore db, FileContentStore content, MailboxEventSink sink, Clock clock) {
        super(content, sink, clock);
        this.db = Objects.requireNonNull(db);
    }

    private static byte[] fileKey(byte kind, String party, Instant postedAt, String id) {
        return Keys.kind(kind).text(party).instant(postedAt).text(id).bytes();
    }

    @Override
    public MailboxPage list(String party, StatusFilter status, Instant since, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        MailboxPosition after = cursor == null || cursor.isEmpty() ? null : MailboxPosition.ofCursor(cursor);
        byte kind = status == StatusFilter.NEW ? Keys.NEW_FILE : Keys.FILE;
        byte[] prefix = Keys.kind(kind).text(party).bytes();
        MailboxPosition sinceKey = since == null ? null : new MailboxPosition(since, "");
        byte[] from;
        byte[] skip = null;
        if (after != null && (sinceKey == null || MailboxPosition.ORDER.compare(after, sinceKey) >= 0)) {
            from = fileKey(kind, party, after.postedAt(), after.id());
            skip = from;
        } else if (sinceKey != null) {
            from = Keys.kind(kind).text(party).instant(since).bytes();
        } else {
            from = prefix;
        }
        List<MailboxFile> items = new ArrayList<>(Math.min(limit, 1024));
        boolean[] more = {false};
        byte[] skipKey = skip;
        db.scan(prefix, from, (k, v) -> {
            if (skipKey != null && Arrays.equals(k, skipKey)) {
                return true;
            }
            MailboxFile f = decode(v);
            if (status == StatusFilter.RETRIEVED && !f.isRetrieved()) {
                return true;
            }
            if (items.size() == limit) {
                more[0] = true;
                return false;
            }
            items.add(f);
            return true;
        });
        String next = null;
        if (more[0]) {
            MailboxFile last = items.get(items.size() - 1);
            next = MailboxPosition.of(last).cursor();
        }
        return new MailboxPage(items, next);
    }

    @Override
    public Optional<MailboxFile> get(String party, String fileId) {
        if (!MailboxFile.isValidId(fileId)) {
            return Optional.empty();
        }
        byte[] at = db.get(Keys.kind(Keys.FILE_ID).text(party).text(fileId).bytes());
        if (at == null) {
            return Optional.empty();
        }
        byte[] v = db.get(fileKey(Keys.FILE, party, Keys.instantAt(at, 1), fileId));
        return v == null ? Optional.empty() : Optional.of(decode(v));
    }

    @Override
    public Optional<MailboxFile> latest(String party, DocumentKind kind) {
        byte[] key = db.get(Keys.kind(Keys.LATEST).text(party).text(kind.name()).bytes());
        if (key == null) {
            return Optional.empty();
        }
        byte[] v = db.get(key);
        return v == null ? Optional.empty() : Optional.of(decode(v));
    }

    @Override
    public void apply(MailboxEvent event) {
        if (event instanceof MailboxEvent.FilePosted posted) {
            MailboxFile f = posted.file();
            byte[] idKey = Keys.kind(Keys.FILE_ID).text(f.party()).text(f.id()).bytes();
            if (db.get(idKey) != null) {
                return; // already applied
            }
            byte[] key = fileKey(Keys.FILE, f.party(), f.postedAt(), f.id());
            byte[] value = encode(f);
            db.put(key, value);
            if (!f.isRetrieved()) {
                db.put(fileKey(Keys.NEW_FILE, f.party(), f.postedAt(), f.id()), value);
            }
            db.put(idKey, Keys.kind((byte) 0).instant(f.postedAt()).bytes());
            byte[] latestKey = Keys.kind(Keys.LATEST).text(f.party()).text(f.kind().name()).bytes();
            byte[] latest = db.get(latestKey);
            if (latest == null || Arrays.compareUnsigned(key, latest) > 0) {
                db.put(latestKey, key);
            }
        } else if (event instanceof MailboxEvent.FileRetrieved r) {
            byte[] at = db.get(Keys.kind(Keys.FILE_ID).text(r.party()).text(r.fileId()).bytes());
            if (at == null) {
                return;
            }
            Instant postedAt = Keys.instantAt(at, 1);
            byte[] key = fileKey(Keys.FILE, r.party(), postedAt, r.fileId());
            byte[] v = db.get(key);
            if (v == null) {
                return;
            }
            MailboxFile f = decode(v);
            if (f.isRetrieved()) {
                return;
            }
            db.put(key, encode(f.retrieved(r.at(), r.by())));
            db.delete(fileKey(Keys.NEW_FILE, r.party(), postedAt, r.fileId()));
        }
    }

    static byte[] encode(MailboxFile f) {
        return new Codec.Out().text(f.id()).text(f.party()).text(f.name()).text(f.kind().name()).number(f.size())
                .text(f.sha256()).instant(f.postedAt()).instant(f.retrievedAt()).text(f.retrievedBy()).bytes();
    }

    static MailboxFile decode(byte[] v) {
        Codec.In in = new Codec.In(v);
        return new MailboxFile(in.text(), in.text(), in.text(), DocumentKind.valueOf(in.text()), in.number(), in.text(),
                in.instant(), in.instant(), in.text());
    }
}
