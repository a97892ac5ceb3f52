package energy.mdma.delivery.mail;

import energy.mdma.delivery.notice.PostedNotice;
import energy.mdma.party.model.Party;
import energy.mdma.party.model.PartyDirectory;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Mails a notice (outage, timeliness, information) to the contacts of the party it is addressed to, or of every
 * party when it is addressed to all (operations.md section 3): one mail per party, each queued in the outbox (retried
 * and audited there).
 */
public class NoticeMailer {

    private final ContactBook contacts;
    private final PartyDirectory directory;
    private final MailOutbox outbox;
    private final DateTimeFormatter time;

    public NoticeMailer(ContactBook contacts, PartyDirectory directory, MailOutbox outbox, ZoneId zone) {
        this.contacts = contacts;
        this.directory = directory;
        this.outbox = outbox;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(zone);
    }

    /** @return how many mails were queued */
    public int mail(PostedNotice n) {
        List<String> parties = new ArrayList<>();
        if (n.party() != null) {
            parties.add(n.party());
        } else {
            for (Party p : directory.parties()) {
                parties.add(p.id());
            }
            for (String p : contacts.all().keySet()) {
                if (!parties.contains(p)) {
                    parties.add(p);
                }
            }
        }
        int queued = 0;
        for (String party : parties) {
            List<String> to = contacts.emails(party);
            if (to.isEmpty()) {
                continue;
            }
            outbox.submit(party, "NOTICE_" + n.kind(), OutgoingMail.text(to, "MDMA notice: " + n.title(), text(n, party)));
            queued++;
        }
        return queued;
    }

    String text(PostedNotice n, String party) {
        StringBuilder sb = new StringBuilder();
        sb.append(n.title()).append("\n\n").append(n.text()).append("\n\n");
        if (n.from() != null || n.to() != null) {
            sb.append("From: ").append(n.from() == null ? "-" : time.format(n.from())).append('\n');
            sb.append("To:   ").append(n.to() == null ? "-" : time.format(n.to())).append('\n');
        }
        sb.append("Posted: ").append(time.format(n.postedAt())).append(" by ").append(n.postedBy())
                .append(" (notice ").append(n.id()).append(")\n\n");
        sb.append("Every notice is also listed at GET /api/v1/notices. This mail goes to the e-mail contacts of ")
                .append(party).append("; change them with PUT /api/v1/parties/").append(party).append("/contacts.\n");
        return sb.toString();
    }
}
