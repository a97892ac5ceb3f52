package energy.mdma.delivery.security;

import energy.mdma.delivery.audit.AuditQuery;
import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.delivery.audit.InMemoryAuditLog;
import energy.mdma.delivery.mailbox.ArchiveProvider;
import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.delivery.mailbox.FilesystemContentStore;
import energy.mdma.delivery.mailbox.InMemoryMailboxStore;
import energy.mdma.delivery.mailbox.MailboxEventSink;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.delivery.mailbox.MailboxSummaryProvider;
import energy.mdma.delivery.mailbox.SummaryProvider;
import energy.mdma.delivery.mailbox.UnavailableArchiveProvider;
import energy.mdma.delivery.notice.InMemoryNoticeStore;
import energy.mdma.delivery.notice.NoticeStore;
import energy.mdma.party.auth.Authenticator;
import energy.mdma.party.auth.BcryptPasswordHasher;
import energy.mdma.party.auth.CredentialPolicy;
import energy.mdma.party.auth.PartyRegistry;
import energy.mdma.party.auth.PasswordHasher;
import energy.mdma.party.auth.PasswordPolicy;
import energy.mdma.party.model.InMemoryPartyDirectory;
import energy.mdma.party.model.PartyDirectory;
import energy.mdma.party.model.PartyEventSink;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;

/**
 * Wiring. Every bean is a {@link DefaultBean}: the lead replaces the in-memory ones (directory, sinks, stores,
 * audit, archive) by producing beans of the same types, e.g. Kafka-backed.
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
        return new InMemoryPartyDirectory();
    }

    @Produces
    @Singleton
    @DefaultBean
    PartyEventSink partyEventSink() {
        return PartyEventSink.NONE;
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

    @Produces
    @Singleton
    Authenticator authenticator(PartyRegistry registry, PasswordHasher hasher, CredentialPolicy policy,
                                DeliveryConfig config) {
        return new Authenticator(registry, hasher, policy, config.auth().cacheTtl());
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(DeliveryConfig config) {
        return new RateLimiter(config.rateLimit().perSecond(), config.rateLimit().burst());
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
    MailboxEventSink mailboxEventSink() {
        return MailboxEventSink.NONE;
    }

    @Produces
    @Singleton
    @DefaultBean
    MailboxStore mailboxStore(FileContentStore content, MailboxEventSink sink, Clock clock) {
        return new InMemoryMailboxStore(content, sink, clock);
    }

    @Produces
    @Singleton
    @DefaultBean
    SummaryProvider summaryProvider(MailboxStore store, FileContentStore content) {
        return new MailboxSummaryProvider(store, content);
    }

    @Produces
    @Singleton
    @DefaultBean
    ArchiveProvider archiveProvider() {
        return new UnavailableArchiveProvider();
    }

    @Produces
    @Singleton
    @DefaultBean
    @jakarta.enterprise.inject.Typed(InMemoryAuditLog.class)
    InMemoryAuditLog auditLog(DeliveryConfig config) {
        return new InMemoryAuditLog(config.audit().capacity());
    }

    @Produces
    @Singleton
    @DefaultBean
    AuditSink auditSink(InMemoryAuditLog log) {
        return log;
    }

    @Produces
    @Singleton
    @DefaultBean
    AuditQuery auditQuery(InMemoryAuditLog log) {
        return log;
    }

    @Produces
    @Singleton
    @DefaultBean
    NoticeStore noticeStore(Clock clock) {
        return new InMemoryNoticeStore(clock);
    }
}
