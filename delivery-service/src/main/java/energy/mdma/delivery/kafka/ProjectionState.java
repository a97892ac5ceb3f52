package energy.mdma.delivery.kafka;

import energy.mdma.delivery.store.Codec;
import energy.mdma.delivery.store.Keys;
import energy.mdma.delivery.store.ViewStore;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the {@link MailboxProjection} remembers besides the mailboxes: which documents it placed (fileId to party and
 * API id to fileId), the last postedAt of each mailbox and the retrievals read before their file. In memory (a view
 * rebuilt by replay) or in the {@link ViewStore} (with the mailboxes, under the same offsets).
 */
public interface ProjectionState {

    /** A retrieval read before its file. */
    record Retrieval(Instant at, String by) {
    }

    /** The mailbox a document was placed in, or null. */
    String partyOf(String fileId);

    /** DocumentPosted.fileId of an API id, or null. */
    String fileIdOf(String apiId);

    void placed(String fileId, String party, String apiId);

    /** The postedAt of a file created at {@code created}: strictly after the mailbox's previous one. */
    Instant nextPostedAt(String party, Instant created);

    void pendingRetrieval(String fileId, Retrieval r);

    /** The retrieval read before the file, removed; or null. */
    Retrieval takePendingRetrieval(String fileId);

    /** In memory; {@code fileIdByApiId} is shared with the acknowledgement sink. */
    static ProjectionState inMemory(Map<String, String> fileIdByApiId) {
        Map<String, String> partyByFileId = new ConcurrentHashMap<>();
        Map<String, Instant> lastPostedAt = new ConcurrentHashMap<>();
        Map<String, Retrieval> pending = new ConcurrentHashMap<>();
        return new ProjectionState() {
            @Override
            public String partyOf(String fileId) {
                return partyByFileId.get(fileId);
            }

            @Override
            public String fileIdOf(String apiId) {
                return fileIdByApiId.get(apiId);
            }

            @Override
            public void placed(String fileId, String party, String apiId) {
                fileIdByApiId.put(apiId, fileId);
                partyByFileId.put(fileId, party);
            }

            @Override
            public Instant nextPostedAt(String party, Instant created) {
                return lastPostedAt.compute(party, (p, last) ->
                        last == null || created.isAfter(last) ? created : last.plusNanos(1));
            }

            @Override
            public void pendingRetrieval(String fileId, Retrieval r) {
                pending.putIfAbsent(fileId, r);
            }

            @Override
            public Retrieval takePendingRetrieval(String fileId) {
                return pending.remove(fileId);
            }
        };
    }

    /** In the views' store. */
    static ProjectionState stored(ViewStore db) {
        return new ProjectionState() {
            @Override
            public String partyOf(String fileId) {
                byte[] v = db.get(Keys.of(Keys.DOCUMENT, fileId));
                return v == null ? null : new Codec.In(v).text();
            }

            @Override
            public String fileIdOf(String apiId) {
                byte[] v = db.get(Keys.of(Keys.API_ID, apiId));
                return v == null ? null : new Codec.In(v).text();
            }

            @Override
            public void placed(String fileId, String party, String apiId) {
                db.put(Keys.of(Keys.API_ID, apiId), new Codec.Out().text(fileId).bytes());
                db.put(Keys.of(Keys.DOCUMENT, fileId), new Codec.Out().text(party).bytes());
            }

            @Override
            public Instant nextPostedAt(String party, Instant created) {
                byte[] key = Keys.of(Keys.LAST_POSTED, party);
                byte[] v = db.get(key);
                Instant last = v == null ? null : new Codec.In(v).instant();
                Instant next = last == null || created.isAfter(last) ? created : last.plusNanos(1);
                db.put(key, new Codec.Out().instant(next).bytes());
                return next;
            }

            @Override
            public void pendingRetrieval(String fileId, Retrieval r) {
                byte[] key = Keys.of(Keys.PENDING_RETRIEVED, fileId);
                if (db.get(key) == null) {
                    db.put(key, new Codec.Out().instant(r.at()).text(r.by()).bytes());
                }
            }

            @Override
            public Retrieval takePendingRetrieval(String fileId) {
                byte[] key = Keys.of(Keys.PENDING_RETRIEVED, fileId);
                byte[] v = db.get(key);
                if (v == null) {
                    return null;
                }
                db.delete(key);
                Codec.In in = new Codec.In(v);
                return new Retrieval(in.instant(), in.text());
            }
        };
    }
}
