package energy.mdma.delivery.notice;

import java.time.Instant;
import java.util.List;

/** Notices (GET/POST /api/v1/notices). */
public interface NoticeStore {

    /** @param party the party it is addressed to, or null for every party */
    PostedNotice post(PostedNotice.Kind kind, String title, String text, Instant from, Instant to, String postedBy,
                      String party);

    /** Newest first, every notice (operators). */
    List<PostedNotice> list(int limit);

    /** Newest first, the notices {@code reader} sees (to everyone, or to the reader). */
    default List<PostedNotice> listFor(String reader, int limit) {
        return list(Integer.MAX_VALUE).stream().filter(n -> n.visibleTo(reader)).limit(limit).toList();
    }

    /** Applies a notice made elsewhere (idempotent by id). */
    void apply(PostedNotice notice);
}
