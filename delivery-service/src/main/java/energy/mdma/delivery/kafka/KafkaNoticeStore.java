package energy.mdma.delivery.kafka;

import energy.mdma.delivery.notice.NoticeStore;
import energy.mdma.delivery.notice.NoticeView;
import energy.mdma.delivery.notice.PostedNotice;
import energy.mdma.events.kafka.Topics;

import java.time.Instant;
import java.util.List;

/** Notices on mdma.notices (key: the party, or "*" for every party); the view is rebuilt from the topic at start. */
public class KafkaNoticeStore implements NoticeStore {

    private final EventLog log;
    private final NoticeView view;

    public KafkaNoticeStore(EventLog log, NoticeView view) {
        this.log = log;
        this.view = view;
    }

    @Override
    public PostedNotice post(PostedNotice.Kind kind, String title, String text, Instant from, Instant to,
                             String postedBy, String party) {
        PostedNotice n = view.newNotice(kind, title, text, from, to, postedBy, party);
        log.send(Topics.NOTICES, party == null ? DeliveryAvro.EVERYONE : party, DeliveryAvro.toAvro(n));
        view.apply(n);
        return n;
    }

    @Override
    public List<PostedNotice> list(int limit) {
        return view.list(limit);
    }

    @Override
    public void apply(PostedNotice notice) {
        view.apply(notice);
    }
}
