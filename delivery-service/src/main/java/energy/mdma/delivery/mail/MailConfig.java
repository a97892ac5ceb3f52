package energy.mdma.delivery.mail;

import energy.mdma.events.PrevailingTime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/**
 * E-mail (operations.md section 3), prefix {@code mdma.mail}. The SMTP server itself is Quarkus Mailer's
 * {@code quarkus.mailer.*} (host, port, STARTTLS, and the credentials from MDMA_SMTP_USERNAME/MDMA_SMTP_PASSWORD).
 */
@ConfigMapping(prefix = "mdma.mail")
public interface MailConfig {

    /** {@code smtp} (Quarkus Mailer), {@code files} (.eml files in {@link #dir()}) or {@code off}. */
    @WithDefault("smtp")
    String transport();

    /** Where the {@code files} transport writes the messages. */
    @WithDefault(".mdma/mail")
    String dir();

    /** Sender of the {@code files} transport (SMTP: quarkus.mailer.from). */
    @WithDefault("mdma@localhost")
    String from();

    /** How often the outbox, the availability rounds and the outage watch are looked at (0: only by tests). */
    @WithDefault("15S")
    Duration tick();

    @WithName("initial-backoff")
    @WithDefault("1M")
    Duration initialBackoff();

    @WithName("max-backoff")
    @WithDefault("1H")
    Duration maxBackoff();

    /** A failed send is tried again until this long after it was queued. */
    @WithName("retry-for")
    @WithDefault("24H")
    Duration retryFor();

    /** At most one data-availability mail per party within this. */
    @WithName("availability-interval")
    @WithDefault("1H")
    Duration availabilityInterval();

    /** A posting round is over when no new file has come to the mailbox for this long. */
    @WithName("availability-quiet")
    @WithDefault("2M")
    Duration availabilityQuiet();

    /** The newest summary is attached when smaller than this many bytes. */
    @WithName("max-attachment")
    @WithDefault("5000000")
    long maxAttachment();

    /** Zone of the times in the mails. */
    @WithDefault(PrevailingTime.ZONE_ID)
    String zone();
}
