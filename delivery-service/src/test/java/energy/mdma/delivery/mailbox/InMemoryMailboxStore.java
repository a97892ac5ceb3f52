package energy.mdma.delivery.mailbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * {@link MailboxStore} in memory, for tests and the listing benchmark (the service keeps its mailboxes in the views'
 * store: {@link StoredMailboxStore}). Per party: a skip list of every file keyed by its {@link MailboxPosition}, a
 * second one of the files not yet acknowledged, and an id index; same order and cursors as the stored view.
 */
public class InMemoryMailboxStore extends EventSourcedMailboxStore {

    private static final class Box {
        final ConcurrentSkipListMap<MailboxPosition, MailboxFile> all = new ConcurrentSkipListMap<>(MailboxPosition.ORDER);
        final ConcurrentSkipListMap<MailboxPosition, MailboxFile> unretrieved = new ConcurrentSkipListMap<>(MailboxPosition.ORDER);
        final ConcurrentHashMap<String, MailboxPosition> byId = new ConcurrentHashMap<>();
        final ConcurrentHashMap<DocumentKind, MailboxPosition> latest = new ConcurrentHashMap<>();
    }

    private final ConcurrentMap<String, Box> boxes = new ConcurrentHashMap<>();

    public InMemoryMailboxStore(FileContentStore content, MailboxEventSink sink, Clock clock) {
        super(content, sink, clock);
    }

    @Override
    public MailboxPage list(String party, StatusFilter status, Instant since, int limit, String cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        MailboxPosition after = cursor == null || cursor.isEmpty() ? null : MailboxPosition.ofCursor(cursor);
        Box box = boxes.get(party);
        if (box == null) {
            return new MailboxPage(List.of(), null);
        }
        NavigableMap<MailboxPosition, MailboxFile> map = status == StatusFilter.NEW ? box.unretrieved : box.all;
        NavigableMap<MailboxPosition, MailboxFile> view;
        MailboxPosition sinceKey = since == null ? null : new MailboxPosition(since, "");
        if (after != null && (sinceKey == null || MailboxPosition.ORDER.compare(after, sinceKey) >= 0)) {
            view = map.tailMap(after, false);
        } else if (sinceKey != null) {
            view = map.tailMap(sinceKey, true);
        } else {
            view = map;
        }
        List<MailboxFile> items = new ArrayList<>(Math.min(limit, 1024));
        Iterator<Map.Entry<MailboxPosition, MailboxFile>> it = view.entrySet().iterator();
        MailboxPosition last = null;
        boolean more = false;
        while (it.hasNext()) {
            Map.Entry<MailboxPosition, MailboxFile> e = it.next();
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
        return new MailboxPage(items, more ? last.cursor() : null);
    }

    @Override
    public Optional<MailboxFile> get(String party, String fileId) {
        Box box = boxes.get(party);
        if (box == null || !MailboxFile.isValidId(fileId)) {
            return Optional.empty();
        }
        MailboxPosition key = box.byId.get(fileId);
        return key == null ? Optional.empty() : Optional.ofNullable(box.all.get(key));
    }

    @Override
    public Optional<MailboxFile> latest(String party, DocumentKind kind) {
        Box box = boxes.get(party);
        if (box == null) {
            return Optional.empty();
        }
        MailboxPosition key = box.latest.get(kind);
        return key == null ? Optional.empty() : Optional.ofNullable(box.all.get(key));
    }

    @Override
    public void apply(MailboxEvent event) {
        Box box = boxes.computeIfAbsent(event.party(), p -> new Box());
        if (event instanceof MailboxEvent.FilePosted posted) {
            MailboxFile f = posted.file();
            MailboxPosition key = new MailboxPosition(f.postedAt(), f.id());
            synchronized (box) {
                if (box.byId.putIfAbsent(f.id(), key) != null) {
                    return; // already applied
                }
                box.all.put(key, f);
                if (!f.isRetrieved()) {
                    box.unretrieved.put(key, f);
                }
                box.latest.merge(f.kind(), key, (a, b) -> MailboxPosition.ORDER.compare(a, b) >= 0 ? a : b);
            }
        } else if (event instanceof MailboxEvent.FileRetrieved r) {
            synchronized (box) {
                MailboxPosition key = box.byId.get(r.fileId());
                MailboxFile f = key == null ? null : box.all.get(key);
                if (f == null || f.isRetrieved()) {
                    return;
                }
                box.all.put(key, f.retrieved(r.at(), r.by()));
                box.unretrieved.remove(key);
            }
        }
    }
}
