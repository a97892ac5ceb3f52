package energy.mdma.delivery.mail;

/** How a mail leaves the service: an SMTP server (production), files (the local stack without one), or nowhere. */
public interface MailTransport {

    /** Sends one mail; an exception means it was not sent (it is tried again later). */
    void send(OutgoingMail mail) throws Exception;

    /** Where mails go, for the start-up log (no credentials). */
    String describe();

    MailTransport OFF = new MailTransport() {
        @Override
        public void send(OutgoingMail mail) {
        }

        @Override
        public String describe() {
            return "nowhere (mdma.mail.transport=off)";
        }
    };
}
