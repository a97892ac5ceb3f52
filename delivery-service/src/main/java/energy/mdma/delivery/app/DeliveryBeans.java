package energy.mdma.delivery.app;

import energy.mdma.delivery.archive.ArchiveIndex;
import energy.mdma.delivery.archive.ControlNumbers;
import energy.mdma.delivery.archive.PostedDocumentArchive;
import energy.mdma.delivery.archive.StoredArchiveIndex;
import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEntry;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.AuditQuery;
import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.delivery.kafka.KafkaAuditLog;
import energy.mdma.delivery.kafka.KafkaMailboxEventSink;
import energy.mdma.delivery.kafka.KafkaNoticeStore;
import energy.mdma.delivery.kafka.KafkaPartyEventSink;
import energy.mdma.delivery.kafka.MailboxFileIds;
import energy.mdma.delivery.kafka.ProjectionState;
import energy.mdma.delivery.mail.MailingNoticeStore;
import energy.mdma.delivery.mail.NoticeMailer;
import energy.mdma.delivery.mailbox.ArchiveProvider;
import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.delivery.mailbox.MailboxSummaryProvider;
import energy.mdma.delivery.mailbox.StoredMailboxStore;
import energy.mdma.delivery.mailbox.SummaryProvider;
import energy.mdma.delivery.notice.NoticeStore;
import energy.mdma.delivery.notice.NoticeView;
import energy.mdma.delivery.push.ConfigTargets;
import energy.mdma.delivery.push.PushService;
import energy.mdma.delivery.store.LocalViews;
import energy.mdma.party.auth.Authenticator;
import energy.mdma.party.auth.LoginLockout;
import energy.mdma.party.model.LockoutSink;
import energy.mdma.service.auth.RequestThrottle;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import energy.mdma.delivery.timeliness.TimelinessFeed;
import energy.mdma.delivery.timeliness.TimelinessMetrics;
import energy.mdma.party.auth.BcryptPasswordHasher;
import energy.mdma.party.auth.CredentialPolicy;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.auth.PasswordHasher;
import energy.mdma.party.auth.PasswordPolicy;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.party.model.PartyDirectoryView;
import energy.mdma.party.model.PartyEventSink;
import energy.mdma.timeliness.HolidayCalendar;
import energy.mdma.timeliness.TimelinessConfig;
import energy.mdma.timeliness.TimelinessService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.UUID;

/**
 * Wiring. The log is the source of truth: the sinks write to Kafka and the views are built from it by
 * {@link energy.mdma.delivery.kafka.EventViews} (the large ones in the local views' store, {@link LocalViews}, kept
 * across restarts; the small ones in memory, rebuilt at start). The tests run this same wiring on test-support's
 * broker.
 */
@Singleton
public class DeliveryBeans {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    @DefaultBean
    PartyDirectory partyDirectory() {
        return new PartyDirectoryView();
    }

    @Produces
    @Singleton
    @DefaultBean
    PartyEventSink partyEventSink(KafkaSupport kafka) {
        return new KafkaPartyEventSink(kafka.log());
    }

    @Produces
    @Singleton
    @DefaultBean
    PasswordHasher passwordHasher(DeliveryConfig config) {
        return new BcryptPasswordHasher(config.auth().bcryptCost());
    }

    @Produces
    @Singleton
    PartyRegistry partyRegistry(PartyDirectory directory, PartyEventSink sink, PasswordHasher hasher,
                                DeliveryConfig config, Clock clock) {
        return new PartyRegistry(directory, sink, hasher, new PasswordPolicy(config.auth().passwordMinLength()), clock);
    }

    @Produces
    @Singleton
    CredentialPolicy credentialPolicy(DeliveryConfig config) {
        DeliveryConfig.Auth a = config.auth();
        return new CredentialPolicy(a.expiryEnforced(), Period.ofMonths(a.expiryMonths()),
                Duration.ofDays(a.expiryWarningDays()), a.lockoutFailures(), a.lockoutDuration());
    }

    /** Where failed logins are recorded: mdma.credentials, through the party sink (when it records them). */
    @Produces
    @Singleton
    @DefaultBean
    LockoutSink lockoutSink(PartyEventSink parties) {
        return parties instanceof LockoutSink sink ? sink : LockoutSink.NONE;
    }

    @Produces
    @Singleton
    LoginLockout loginLockout(CredentialPolicy policy, Clock clock, LockoutSink sink, DeliveryConfig config) {
        return new LoginLockout(policy, clock, sink, "delivery-" + UUID.randomUUID(), config.auth().attemptWait());
    }

    @Produces
    @Singleton
    Authenticator authenticator(PartyDirectory directory, PasswordHasher hasher, LoginLockout lockout, Clock clock,
                                DeliveryConfig config) {
        return new Authenticator(directory, hasher, lockout, clock, config.auth().cacheTtl());
    }

    /** The rate limits applied before any password check (service-support's authentication filter). */
    @Produces
    @Singleton
    RequestThrottle requestThrottle(DeliveryConfig config, Clock clock) {
        return new RequestThrottle(RequestThrottle.Settings.of(config.rateLimit()), clock);
    }

    /** The parties' push endpoints, read and checked at start (a refused file stops the start). */
    @Produces
    @Singleton
    PushService.Targets pushTargets() {
        return new ConfigTargets(ConfigProvider.getConfig());
    }

    void checkPushTargets(@Observes StartupEvent event, PushService.Targets targets) {
        // resolving the bean reads the file: a refused configuration fails the start with its message
        targets.forParty("");
    }

    @Produces
    @Singleton
    @DefaultBean
    FileContentStore fileContentStore(DeliveryConfig config) {
        return new FilesystemContentStore(Path.of(config.mailbox().filesDir()));
    }

    @Produces
    @Singleton
    @DefaultBean
    MailboxEventSink mailboxEventSink(KafkaSupport kafka, MailboxFileIds ids, LocalViews views) {
        ids.use(ProjectionState.stored(views.store()));
        return new KafkaMailboxEventSink(kafka.log(), ids::fileIdOf);
    }

    /** In the views' store (kept across restarts). */
    @Produces
    @Singleton
    @DefaultBean
    MailboxStore mailboxStore(LocalViews views, FileContentStore content, MailboxEventSink sink, Clock clock) {
        return new StoredMailboxStore(views.store(), content, sink, clock);
    }

    @Produces
    @Singleton
    @DefaultBean
    SummaryProvider summaryProvider(MailboxStore store, FileContentStore content) {
        return new MailboxSummaryProvider(store, content);
    }

    @Produces
    @Singleton
    ArchiveIndex archiveIndex(LocalViews views) {
        return new StoredArchiveIndex(views.store());
    }

    @Produces
    @Singleton
    ControlNumbers controlNumbers(DeliveryConfig config) {
        return new ControlNumbers(config.archive().controlNumberBase());
    }

    /** The archive from the posted documents. */
    @Produces
    @Singleton
    @DefaultBean
    ArchiveProvider archiveProvider(ArchiveIndex index, FileContentStore content, ControlNumbers numbers,
                                    AuditSink audit, Clock clock, DeliveryConfig config) {
        ControlNumbers.IssueLog issued = (party, number, fileName) -> {
            AuditEntry e = new AuditEntry(UUID.randomUUID().toString(), clock.instant(), "mdma-archive", null,
                    AuditAction.ARCHIVE_ISSUED, party, fileName, null, AuditOutcome.SUCCESS, "isa13=" + number);
            if (audit instanceof KafkaAuditLog k) {
                k.recordDurably(e);
            } else {
                audit.record(e);
            }
        };
        return new PostedDocumentArchive(index, content, numbers, issued, clock, config.archive().mdmaId());
    }

    /** The audit trail: on mdma.audit with its view in the views' store. */
    @Produces
    @Singleton
    @DefaultBean
    @jakarta.enterprise.inject.Typed(AuditTrail.class)
    AuditTrail auditTrail(KafkaSupport kafka, ControlNumbers numbers, LocalViews views) {
        KafkaAuditLog log = new KafkaAuditLog(kafka.log(), views.store(), numbers);
        return new AuditTrail(log, log);
    }

    /** Both sides of the audit trail. */
    public record AuditTrail(AuditSink sink, AuditQuery query) {
    }

    @Produces
    @Singleton
    @DefaultBean
    AuditSink auditSink(AuditTrail trail) {
        return trail.sink();
    }

    @Produces
    @Singleton
    @DefaultBean
    AuditQuery auditQuery(AuditTrail trail) {
        return trail.query();
    }

    @Produces
    @Singleton
    TimelinessService timelinessService(DeliveryConfig config, Clock clock) {
        return new TimelinessService(TimelinessConfig.defaults()
                .withHolidays(HolidayCalendar.parse(config.timeliness().holidays())), clock);
    }

    /** Publishes to the log. */
    @Produces
    @Singleton
    TimelinessFeed timelinessFeed(TimelinessService service, KafkaSupport kafka, NoticeStore notices,
                                  MeterRegistry registry, DeliveryConfig config) {
        TimelinessFeed.Publisher publisher = (topic, key, value) -> kafka.log().sendAsync(topic, key, value);
        return new TimelinessFeed(service, publisher, notices, new TimelinessMetrics(registry),
                config.timeliness().tick(), config.timeliness().keepDays());
    }

    void closeTimelinessFeed(@jakarta.enterprise.inject.Disposes TimelinessFeed feed) {
        feed.close();
    }

    @Produces
    @Singleton
    @DefaultBean
    NoticeStore noticeStore(KafkaSupport kafka, Clock clock, NoticeMailer mailer) {
        NoticeView view = new NoticeView(clock);
        // every notice posted here is also mailed to the contacts (operations.md section 3)
        return new MailingNoticeStore(new KafkaNoticeStore(kafka.log(), view), mailer::mail);
    }
}
