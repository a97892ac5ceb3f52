package energy.mdma.delivery.app;

import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.delivery.mail.AvailabilityMail;
import energy.mdma.delivery.mail.ContactBook;
import energy.mdma.delivery.mail.FileMailTransport;
import energy.mdma.delivery.mail.MailConfig;
import energy.mdma.delivery.mail.MailOutbox;
import energy.mdma.delivery.mail.MailTransport;
import energy.mdma.delivery.mail.NoticeMailer;
import energy.mdma.delivery.mail.SmtpMailTransport;
import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.party.model.PartyDirectory;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Wiring of the e-mail side: transport, outbox, data-availability and notice mails, and their scheduler. */
@Singleton
public class MailBeans {

    private static final Logger LOG = Logger.getLogger(MailBeans.class);

    private volatile ScheduledExecutorService scheduler;

    @Produces
    @Singleton
    MailTransport mailTransport(MailConfig config, Instance<Mailer> mailer, Clock clock) {
        String t = config.transport().strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "smtp" -> {
                Config c = ConfigProvider.getConfig();
                String where = c.getOptionalValue("quarkus.mailer.host", String.class).orElse("localhost") + ":"
                        + c.getOptionalValue("quarkus.mailer.port", String.class).orElse("25") + ", STARTTLS "
                        + c.getOptionalValue("quarkus.mailer.start-tls", String.class).orElse("OPTIONAL")
                        + (c.getOptionalValue("quarkus.mailer.username", String.class).isPresent() ? ", with login" : ", no login");
                yield new SmtpMailTransport(mailer.get(), where);
            }
            case "files" -> new FileMailTransport(Path.of(config.dir()), config.from(), clock);
            case "off" -> MailTransport.OFF;
            default -> throw new IllegalStateException("mdma.mail.transport (MDMA_MAIL_TRANSPORT) is '" + config.transport()
                    + "': use smtp (the SMTP server of quarkus.mailer.*), files (messages written to mdma.mail.dir) or off.");
        };
    }

    @Produces
    @Singleton
    MailOutbox mailOutbox(MailTransport transport, AuditSink audit, Clock clock, MailConfig config) {
        return new MailOutbox(transport, audit, clock,
                new MailOutbox.Retry(config.initialBackoff(), config.maxBackoff(), config.retryFor()));
    }

    @Produces
    @Singleton
    AvailabilityMail availabilityMail(ContactBook contacts, MailOutbox outbox, FileContentStore content, Clock clock,
                                      MailConfig config) {
        return new AvailabilityMail(contacts::emails, outbox, content, clock, new AvailabilityMail.Settings(
                config.availabilityInterval(), config.availabilityQuiet(), config.maxAttachment(), ZoneId.of(config.zone())));
    }

    @Produces
    @Singleton
    NoticeMailer noticeMailer(ContactBook contacts, PartyDirectory directory, MailOutbox outbox, MailConfig config) {
        return new NoticeMailer(contacts, directory, outbox, ZoneId.of(config.zone()));
    }

    void start(@Observes StartupEvent event, MailConfig config, MailTransport transport, MailOutbox outbox,
               AvailabilityMail availability, Instance<Ticker> tickers) {
        LOG.infof("e-mail: %s", transport.describe());
        if (config.tick().isZero()) {
            return;
        }
        List<Ticker> others = tickers.stream().toList();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mdma-mail");
            t.setDaemon(true);
            return t;
        });
        long ms = config.tick().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                for (Ticker t : others) {
                    t.tick();
                }
                if (availability.live()) {
                    availability.tick();
                }
                outbox.runDue();
            } catch (RuntimeException e) {
                LOG.errorf("mail tick failed: %s", e.toString());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Something the mail scheduler looks at on every tick, before the outbox is run (the outage watch). */
    public interface Ticker {
        void tick();
    }
}
