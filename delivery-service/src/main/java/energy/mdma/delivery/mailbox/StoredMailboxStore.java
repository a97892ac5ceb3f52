package energy.mdma.delivery.mailbox;

import energy.mdma.delivery.store.Codec;
import energy.mdma.delivery.store.Keys;
import energy.mdma.delivery.store.ViewStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
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
 * years of files the mailbox holds; nothing of a mailbox is held in memory. Same order and cursors as
 * {@link InMemoryMailboxStore}.
 */
public class StoredMailboxStore implements MailboxStore {

    private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final ViewStore db;
    private final FileContentStore content;
    private final MailboxEventSink sink;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private Instant lastPosted = Instant.EPOCH;

    public StoredMailboxStore(ViewStore db, FileContentStore content, MailboxEventSink sink, Clock clock) {
        this.db = Objects.requireNonNull(db);
        this.content = Objects.requireNonNull(content);
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public MailboxFile post(String party, String name, FileKind kind, byte[] bytes) {
        String sha;
        try {
            sha = content.put(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the content of " + name, e);
        }
        MailboxFile file;
        synchronized (this) {
            Instant now = clock.instant();
            Instant postedAt = now.isAfter(lastPosted) ? now : lastPosted.plusNanos(1);
            lastPosted = postedAt;
            StringBuilder id = new StringBuilder(String.format("%011x", postedAt.toEpochMilli())).append('-');
            for (int i = 0; i < 16; i++) {
                id.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
            }
            file = new MailboxFile(id.toString(), party, name, kind, bytes.length, sha, postedAt, null, null);
            MailboxEvent event = new MailboxEvent.FilePosted(file);
            sink.publish(event);
            apply(event);
        }
        return file;
    }

    private static byte[] fileKey(byte kind, String party, Instant postedAt, String id) {
        return Keys.kind(kind).text(party).instant(postedAt).text(id).bytes();
    }

    @Override
    public MailboxPage list(String party, StatusFilter status, Instant since, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        InMemoryMailboxStore.Key after = cursor == null || cursor.isEmpty() ? null : InMemoryMailboxStore.decodeCursor(cursor);
        byte kind = status == StatusFilter.NEW ? Keys.NEW_FILE : Keys.FILE;
        byte[] prefix = Keys.kind(kind).text(party).bytes();
        InMemoryMailboxStore.Key sinceKey = since == null ? null : new InMemoryMailboxStore.Key(since, "");
        byte[] from;
        byte[] skip = null;
        if (after != null && (sinceKey == null || InMemoryMailboxStore.Key.ORDER.compare(after, sinceKey) >= 0)) {
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
            next = InMemoryMailboxStore.encodeCursor(new InMemoryMailboxStore.Key(last.postedAt(), last.id()));
        }
        return new MailboxPage(items, next);
    }

    @Override
    public Optional<MailboxFile> get(String party, String fileId) {
        if (!InMemoryMailboxStore.isValidId(fileId)) {
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
    public Optional<MailboxFile> ack(String party, String fileId, String actor) {
        Optional<MailboxFile> held = get(party, fileId);
        if (held.isEmpty() || held.get().isRetrieved()) {
            return held;
        }
        synchronized (this) {
            MailboxFile current = get(party, fileId).orElseThrow();
            if (current.isRetrieved()) {
                return Optional.of(current);
            }
            MailboxEvent event = new MailboxEvent.FileRetrieved(party, fileId, clock.instant(), actor);
            sink.publish(event);
            apply(event);
        }
        return get(party, fileId);
    }

    @Override
    public Optional<MailboxFile> latest(String party, FileKind kind) {
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
        return new MailboxFile(in.text(), in.text(), in.text(), FileKind.valueOf(in.text()), in.number(), in.text(),
                in.instant(), in.instant(), in.text());
    }
}
