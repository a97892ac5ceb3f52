package energy.mdma.delivery.mailbox;

/**
 * Where the store's own changes go (files it posted, acknowledgements) before they are applied locally;
 * a publish that throws aborts the change.
 */
@FunctionalInterface
public interface MailboxEventSink {

    void publish(MailboxEvent event);

    MailboxEventSink NONE = event -> {
    };
}
