package energy.mdma.delivery.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;

/**
 * Mail through the configured SMTP server with Quarkus Mailer: {@code quarkus.mailer.host/port}, STARTTLS
 * ({@code quarkus.mailer.start-tls}, REQUIRED by default), the credentials from the environment
 * ({@code MDMA_SMTP_USERNAME}, {@code MDMA_SMTP_PASSWORD}); they are never logged nor put in a mail.
 */
public class SmtpMailTransport implements MailTransport {

    private final Mailer mailer;
    private final String where;

    public SmtpMailTransport(Mailer mailer, String where) {
        this.mailer = mailer;
        this.where = where;
    }

    @Override
    public void send(OutgoingMail m) {
        Mail mail = Mail.withText(m.to().get(0), m.subject(), m.text());
        mail.setTo(m.to());
        if (m.attachmentName() != null) {
            mail.addAttachment(m.attachmentName(), m.attachment(), m.attachmentType());
        }
        mailer.send(mail);
    }

    @Override
    public String describe() {
        return "SMTP server " + where;
    }
}
