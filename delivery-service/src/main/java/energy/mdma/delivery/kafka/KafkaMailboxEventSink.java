package energy.mdma.delivery.kafka;

import energy.mdma.delivery.mailbox.MailboxEvent;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.events.MailboxAction;
import energy.mdma.events.MailboxFileEvent;
import energy.mdma.events.kafka.Topics;

import java.util.Map;
import java.util.function.Function;

/**
 * Acknowledgements made here go to mdma.mailbox.events (ACKNOWLEDGED, with DocumentPosted's fileId) before they
 * are applied. Files are posted only through mdma.edi.documents.
 */
public class KafkaMailboxEventSink implements MailboxEventSink {

    private final EventLog log;
    private final Function<String, String> fileIdByApiId;

    public KafkaMailboxEventSink(EventLog log, Map<String, String> fileIdByApiId) {
        this(log, fileIdByApiId::get);
    }

    /** @param fileIdByApiId DocumentPosted.fileId of an API id, or null */
    public KafkaMailboxEventSink(EventLog log, Function<String, String> fileIdByApiId) {
        this.log = log;
        this.fileIdByApiId = fileIdByApiId;
    }

    @Override
    public void publish(MailboxEvent event) {
        if (event instanceof MailboxEvent.FileRetrieved r) {
            String known = fileIdByApiId.apply(r.fileId());
            String fileId = known != null ? known : r.fileId();
            log.send(Topics.MAILBOX_EVENTS, r.party(), MailboxFileEvent.newBuilder().setFileId(fileId)
                    .setPartyId(r.party()).setAction(MailboxAction.ACKNOWLEDGED).setAt(r.at()).setBy(r.by()).build());
        } else {
            throw new UnsupportedOperationException("files are posted to mailboxes through " + Topics.EDI_DOCUMENTS);
        }
    }
}
