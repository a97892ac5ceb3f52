package energy.mdma.delivery.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;

/**
 * {@link MailboxStore} in memory. Per party: a skip list of every file keyed by (postedAt, id), a second one of
 * the files not yet acknowledged, and an id index. Listing a day ({@code since}) or the new files is a seek plus
 * a walk over the returned items only, independent of how many years of files the mailbox holds.
 */
public class InMemoryMailboxStore implements MailboxStore {

    /** Sort key of a file in a mailbox. */
    record Key(Instant postedAt, String id) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::postedAt).thenComparing(Key::id);
    }

    private static final class Box {
        final ConcurrentSkipListMap<Key, MailboxFile> all = new ConcurrentSkipListMap<>(Key.ORDER);
        final ConcurrentSkipListMap<Key, MailboxFile> unretrieved = new ConcurrentSkipListMap<>(Key.ORDER);
        final ConcurrentHashMap<String, Key> byId = new ConcurrentHashMap<>();
        final ConcurrentHashMap<FileKind, Key> latest = new ConcurrentHashMap<>();
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final ConcurrentMap<String, Box> boxes = new ConcurrentHashMap<>();
    private final FileContentStore content;
    private final MailboxEventSink sink;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private Instant lastPosted = Instant.EPOCH;

    public InMemoryMailboxStore(FileContentStore content, MailboxEventSink sink, Clock clock) {
        this.content = Objects.requireNonNull(content);
        this.sink = Objects.requireNonNull(sink);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Whether the text could be a file id (anything else is simply not found). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
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
            // postedAt never goes backwards, so a file posted now sorts after every cursor handed out before
            Instant now = clock.instant();
            Instant postedAt = now.isAfter(lastPosted) ? now : lastPosted.plusNanos(1);
            lastPosted = postedAt;
            file = new MailboxFile(newId(postedAt), party, name, kind, bytes.length, sha, postedAt, null, null);
            MailboxEvent event = new MailboxEvent.FilePosted(file);
            sink.publish(event);
            apply(event);
        }
        return file;
    }

    private String newId(Instant at) {
        StringBuilder sb = new StringBuilder(26);
        sb.append(String.format("%011x", at.toEpochMilli())).append('-');
        for (int i = 0; i < 16; i++) {
            sb.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
        }
        return sb.toString();
    }

    @Override
    public MailboxPage list(String party, StatusFilter status, Instant since, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Key after = cursor == null || cursor.isEmpty() ? null : decodeCursor(cursor);
        Box box = boxes.get(party);
        if (box == null) {
            return new MailboxPage(List.of(), null);
        }
        NavigableMap<Key, MailboxFile> map = status == StatusFilter.NEW ? box.unretrieved : box.all;
        NavigableMap<Key, MailboxFile> view;
        Key sinceKey = since == null ? null : new Key(since, "");
        if (after != null && (sinceKey == null || Key.ORDER.compare(after, sinceKey) >= 0)) {
            view = map.tailMap(after, false);
        } else if (sinceKey != null) {
            view = map.tailMap(sinceKey, true);
        } else {
            view = map;
        }
        List<MailboxFile> items = new ArrayList<>(Math.min(limit, 1024));
        Iterator<Map.Entry<Key, MailboxFile>> it = view.entrySet().iterator();
        Key last = null;
        boolean more = false;
        while (it.hasNext()) {
            Map.Entry<Key, MailboxFile> e = it.next();
            MailboxFile f = e.getValue();
            if (status == StatusFilter.RETRIEVED && !f.isRetrieved()) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(f);
            last = e.getKey();
        }
        return new MailboxPage(items, more ? encodeCursor(last) : null);
    }

    @Override
    public Optional<MailboxFile> get(String party, String fileId) {
        Box box = boxes.get(party);
        if (box == null || !isValidId(fileId)) {
            return Optional.empty();
        }
        Key key = box.byId.get(fileId);
        return key == null ? Optional.empty() : Optional.ofNullable(box.all.get(key));
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
        Box box = boxes.get(party);
        if (box == null) {
            return Optional.empty();
        }
        Key key = box.latest.get(kind);
        return key == null ? Optional.empty() : Optional.ofNullable(box.all.get(key));
    }

    @Override
    public void apply(MailboxEvent event) {
        Box box = boxes.computeIfAbsent(event.party(), p -> new Box());
        if (event instanceof MailboxEvent.FilePosted posted) {
            MailboxFile f = posted.file();
            Key key = new Key(f.postedAt(), f.id());
            synchronized (box) {
                if (box.byId.putIfAbsent(f.id(), key) != null) {
                    return; // already applied
                }
                box.all.put(key, f);
                if (!f.isRetrieved()) {
                    box.unretrieved.put(key, f);
                }
                box.latest.merge(f.kind(), key, (a, b) -> Key.ORDER.compare(a, b) >= 0 ? a : b);
            }
        } else if (event instanceof MailboxEvent.FileRetrieved r) {
            synchronized (box) {
                Key key = box.byId.get(r.fileId());
                MailboxFile f = key == null ? null : box.all.get(key);
                if (f == null || f.isRetrieved()) {
                    return;
                }
                box.all.put(key, f.retrieved(r.at(), r.by()));
                box.unretrieved.remove(key);
            }
        }
    }

    static String encodeCursor(Key key) {
        String raw = "1:" + key.postedAt().getEpochSecond() + ":" + key.postedAt().getNano() + ":" + key.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Key decodeCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] p = raw.split(":", 4);
            if (p.length != 4 || !p[0].equals("1") || !isValidId(p[3])) {
                throw new InvalidCursorException();
            }
            return new Key(Instant.ofEpochSecond(Long.parseLong(p[1]), Long.parseLong(p[2])), p[3]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw e instanceof InvalidCursorException ice ? ice : new InvalidCursorException();
        }
    }
}
