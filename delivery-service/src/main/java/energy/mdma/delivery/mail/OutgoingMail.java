package energy.mdma.delivery.mail;

import java.util.List;

/**
 * One e-mail: recipients, subject, plain text, and at most one attachment. Never holds a password or any other
 * secret (the texts are built from file names, counts and notice texts only).
 *
 * @param attachmentName null: no attachment
 */
public record OutgoingMail(List<String> to, String subject, String text, String attachmentName, byte[] attachment,
                           String attachmentType) {

    public OutgoingMail {
        to = List.copyOf(to);
    }

    public static OutgoingMail text(List<String> to, String subject, String text) {
        return new OutgoingMail(to, subject, text, null, null, null);
    }
}
