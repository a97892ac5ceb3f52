package energy.mdma.delivery.notice;

import java.time.Instant;
import java.util.List;

/** Notices (GET/POST /api/v1/notices). */
public interface NoticeStore {

    Notice post(Notice.Kind kind, String title, String text, Instant from, Instant to, String postedBy);

    /** Newest first. */
    List<Notice> list(int limit);

    /** Applies a notice made elsewhere (idempotent by id). */
    void apply(Notice notice);
}
