package energy.mdma.delivery.notice;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The notices view: every notice of mdma.notices, in memory (rebuilt from the topic at start). */
public class NoticeView implements NoticeStore {

    private final Clock clock;
    private final Map<String, PostedNotice> notices = new LinkedHashMap<>();

    public NoticeView(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized PostedNotice post(PostedNotice.Kind kind, String title, String text, Instant from, Instant to,
                                          String postedBy, String party) {
        PostedNotice n = newNotice(kind, title, text, from, to, postedBy, party);
        notices.put(n.id(), n);
        return n;
    }

    /** A new notice (id, post time) without storing it. */
    public PostedNotice newNotice(PostedNotice.Kind kind, String title, String text, Instant from, Instant to,
                                  String postedBy, String party) {
        return new PostedNotice(UUID.randomUUID().toString(), kind, title, text, from, to, clock.instant(), postedBy,
                party);
    }

    @Override
    public synchronized List<PostedNotice> list(int limit) {
        List<PostedNotice> all = new ArrayList<>(notices.values());
        all.sort(Comparator.comparing(PostedNotice::postedAt).reversed());
        return all.subList(0, Math.min(limit, all.size()));
    }

    @Override
    public synchronized void apply(PostedNotice notice) {
        notices.putIfAbsent(notice.id(), notice);
    }
}
