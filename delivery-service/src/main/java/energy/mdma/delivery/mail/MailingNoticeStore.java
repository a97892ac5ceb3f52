package energy.mdma.delivery.mail;

import energy.mdma.delivery.notice.NoticeStore;
import energy.mdma.delivery.notice.PostedNotice;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** A notice store that also mails every notice posted through it (not the ones replayed from the log). */
public class MailingNoticeStore implements NoticeStore {

    private final NoticeStore delegate;
    private final Consumer<PostedNotice> mailer;

    public MailingNoticeStore(NoticeStore delegate, Consumer<PostedNotice> mailer) {
        this.delegate = delegate;
        this.mailer = mailer;
    }

    @Override
    public PostedNotice post(PostedNotice.Kind kind, String title, String text, Instant from, Instant to,
                             String postedBy, String party) {
        PostedNotice n = delegate.post(kind, title, text, from, to, postedBy, party);
        mailer.accept(n);
        return n;
    }

    @Override
    public List<PostedNotice> list(int limit) {
        return delegate.list(limit);
    }

    @Override
    public List<PostedNotice> listFor(String reader, int limit) {
        return delegate.listFor(reader, limit);
    }

    @Override
    public void apply(PostedNotice notice) {
        delegate.apply(notice);
    }
}
