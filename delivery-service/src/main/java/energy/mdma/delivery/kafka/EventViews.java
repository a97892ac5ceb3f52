package energy.mdma.delivery.kafka;

import energy.mdma.delivery.app.DeliveryConfig;
import energy.mdma.delivery.app.KafkaSupport;
import energy.mdma.delivery.archive.ArchiveIndex;
import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.delivery.exceptions.ExceptionFeed;
import energy.mdma.delivery.export.PostedCatalog;
import energy.mdma.delivery.mail.AvailabilityMail;
import energy.mdma.delivery.mail.ContactBook;
import energy.mdma.delivery.mailbox.FileContentStore;
import energy.mdma.delivery.mailbox.MailboxStore;
import energy.mdma.delivery.notice.NoticeStore;
import energy.mdma.delivery.push.PushService;
import energy.mdma.delivery.security.OperatorBootstrapper;
import energy.mdma.delivery.store.LocalViews;
import energy.mdma.delivery.store.ViewStore;
import energy.mdma.delivery.timeliness.TimelinessFeed;
import energy.mdma.events.AuditEvent;
import energy.mdma.events.CredentialEvent;
import energy.mdma.events.DocumentPosted;
import energy.mdma.events.MailboxAction;
import energy.mdma.events.MailboxFileEvent;
import energy.mdma.events.Notice;
import energy.mdma.events.PartyContacts;
import energy.mdma.events.PartyEvent;
import energy.mdma.events.kafka.Topics;
import energy.mdma.kafka.CompactedTopicReplay;
import energy.mdma.party.auth.LoginLockout;
import energy.mdma.party.kafka.PartyAvro;
import energy.mdma.party.model.PartyDirectory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rebuilds the service's views from the log at start and keeps them current: the party directory from
 * mdma.parties and mdma.credentials (then the first operator is ensured), the mailboxes, archive index,
 * pushed states, audit view and notices from mdma.edi.documents, mdma.mailbox.events, mdma.audit and
 * mdma.notices. The service is ready (and answers /api) once both replays have caught up.
 */
@jakarta.enterprise.context.ApplicationScoped
public class EventViews {

    private static final Logger LOG = Logger.getLogger(EventViews.class);

    @Inject
    KafkaSupport kafka;
    @Inject
    DeliveryConfig config;
    @Inject
    PartyDirectory directory;
    @Inject
    MailboxStore store;
    @Inject
    FileContentStore content;
    @Inject
    ArchiveIndex archiveIndex;
    @Inject
    AuditSink auditSink;
    @Inject
    NoticeStore notices;
    @Inject
    MailboxFileIds fileIds;
    @Inject
    Clock clock;
    @Inject
    OperatorBootstrapper operatorBootstrapper;
    @Inject
    TimelinessFeed timeliness;
    @Inject
    PushService.Targets pushTargets;
    @Inject
    LoginLockout lockout;
    @Inject
    ExceptionFeed exceptions;
    @Inject
    ContactBook contacts;
    @Inject
    AvailabilityMail availability;
    @Inject
    PostedCatalog postedCatalog;
    @Inject
    LocalViews localViews;

    private volatile CompactedTopicReplay parties;
    private volatile CompactedTopicReplay views;
    private volatile PushService push;
    private volatile MailboxProjection projection;
    private volatile StoreCheckpoints checkpoints;

    void onStart(@Observes @Priority(100) StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        close();
    }

    synchronized void start() {
        EventLog log = kafka.log();
        LOG.infof("replaying the log from %s (registry %s)", kafka.bootstrapServers(), kafka.registryUrl());
        parties = kafka.replay("parties", java.util.List.of(Topics.PARTIES, Topics.CREDENTIALS), this::applyParty)
                .onCaughtUp(operatorBootstrapper::run)
                .start();
        DeliveryConfig.Mft mft = config.mft();
        if (mft.enabled()) {
            push = new PushService(new PushService.Settings(mft.retryFor(), mft.initialBackoff(), mft.maxBackoff(),
                    mft.lookback(), mft.timeout(), LocalTime.parse(mft.dailyAt()), ZoneId.of(mft.zone())),
                    pushTargets, content,
                    e -> log.send(Topics.MAILBOX_EVENTS, e.getPartyId(), e), auditSink, clock, httpClient(mft));
        }
        ViewStore db = localViews.store();
        ProjectionState state = ProjectionState.stored(db);
        fileIds.use(state);
        postedCatalog.use(db);
        projection = new MailboxProjection(store, content, archiveIndex, push,
                e -> {
                    log.sendAsync(Topics.MAILBOX_EVENTS, e.getPartyId(), e);
                    availability.announced(e.getFileId()); // new in the mailbox: data-availability mail
                }, clock,
                Period.parse(config.archive().retention()), state);
        Duration recent = recentWindow();
        MailboxProjection p = projection;
        checkpoints = new StoreCheckpoints(db, java.util.Set.of(Topics.EDI_DOCUMENTS, Topics.MAILBOX_EVENTS, Topics.AUDIT),
                config.timeliness().enabled()
                        // timeliness forgets read dates past keep-days: its own events older than that are not read
                        ? java.util.Set.of(Topics.EDI_DOCUMENTS, Topics.MAILBOX_EVENTS, Topics.TIMELINESS)
                        : java.util.Set.of(Topics.EDI_DOCUMENTS, Topics.MAILBOX_EVENTS),
                () -> clock.instant().minus(recent),
                p::openChunks, java.nio.file.Path.of(config.mailbox().filesDir()));
        java.util.List<String> viewTopics = new java.util.ArrayList<>(
                java.util.List.of(Topics.EDI_DOCUMENTS, Topics.MAILBOX_EVENTS, Topics.AUDIT, Topics.NOTICES,
                        Topics.CONTACTS));
        exceptions.start(); // its own replayer: mdma.vee.exceptions of the last days only
        boolean timelinessOn = config.timeliness().enabled();
        if (timelinessOn) {
            viewTopics.addAll(TimelinessFeed.OWN_TOPICS); // documents and notices: read once, for both
        }
        views = kafka.replay("views", viewTopics, this::applyView)
                .checkpointedBy(checkpoints)
                .onCaughtUp(() -> {
                    if (timelinessOn) {
                        timeliness.goLive();
                    }
                    projection.goLive();
                    availability.goLive();
                    if (push != null) {
                        push.scheduleDaily();
                    }
                })
                .start();
    }

    private void applyParty(ConsumerRecord<String, Object> r) {
        Instant at = Instant.ofEpochMilli(r.timestamp());
        if (r.topic().equals(Topics.PARTIES)) {
            if (r.value() == null || r.value() instanceof PartyEvent) {
                PartyAvro.fromAvro(r.key(), (PartyEvent) r.value(), at).ifPresent(directory::apply);
            }
        } else if (r.value() == null || r.value() instanceof CredentialEvent) {
            PartyAvro.applyCredential(r.key(), (CredentialEvent) r.value(), at, directory, lockout);
        }
    }

    /**
     * How far back the stored topics are read again at start for what is kept in memory: the setting, at least the
     * push lookback and, with timeliness on, its keep-days. Bounded by configuration, not by history.
     */
    private Duration recentWindow() {
        Duration w = config.views().recentWindow();
        if (config.mft().enabled() && config.mft().lookback().compareTo(w) > 0) {
            w = config.mft().lookback();
        }
        if (config.timeliness().enabled()) {
            Duration keep = Duration.ofDays(config.timeliness().keepDays() + 1L);
            if (keep.compareTo(w) > 0) {
                w = keep;
            }
        }
        return w;
    }

    private void applyView(ConsumerRecord<String, Object> r) {
        Object v = r.value();
        StoreCheckpoints cp = checkpoints;
        boolean fresh = cp == null || cp.fresh(r); // false: the store holds it, read again for the in-memory parts
        if (config.timeliness().enabled()) {
            timeliness.handle(r);
            if (TimelinessFeed.OWN_TOPICS.contains(r.topic())) {
                return;
            }
        }
        if (r.topic().equals(Topics.CONTACTS)) {
            contacts.apply(r.key(), v instanceof PartyContacts c ? c : null);
            return;
        }
        if (v instanceof DocumentPosted d) {
            availability.document(d);
            if (fresh) {
                postedCatalog.add(d); // the contingency export's archive
            }
        } else if (v instanceof MailboxFileEvent e && e.getAction() == MailboxAction.POSTED) {
            availability.alreadyAnnounced(e.getFileId());
        }
        if (v instanceof AuditEvent a) {
            if (fresh && auditSink instanceof KafkaAuditLog k) {
                k.apply(a);
            }
        } else if (v instanceof Notice n) {
            notices.apply(DeliveryAvro.fromAvro(n));
        } else if (v != null) {
            projection.handle(r, fresh);
        }
    }

    /** True once both replays (and the exceptions' one) have caught up. */
    public boolean ready() {
        return KafkaSupport.caughtUp(parties) && KafkaSupport.caughtUp(views) && exceptions.ready();
    }

    /** Waits until every party/credential change written before now is applied (e.g. parties just ingested). */
    public boolean syncParties(Duration timeout) {
        return KafkaSupport.sync(parties, timeout);
    }

    /** Waits until every document and mailbox event written before now is applied. */
    public boolean syncViews(Duration timeout) {
        return KafkaSupport.sync(views, timeout);
    }

    public PushService push() {
        return push;
    }

    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kafka", kafka.bootstrapServers());
        for (CompactedTopicReplay t : new CompactedTopicReplay[]{parties, views, exceptions.replayer()}) {
            if (t != null) {
                m.put(t.name(), t.ready() ? "caught up" : "replaying");
                m.put(t.name() + ".records", t.applied());
                if (t == views) {
                    m.put("views.store", localViews.store().dir().toString());
                    m.put("views.records-read-at-start", t.readSinceStart());
                }
                if (t.lastError() != null) {
                    m.put(t.name() + ".error", t.lastError());
                }
                if (t.unreadable() != null) {
                    m.put(t.name(), "stopped at a record it cannot read");
                    m.put(t.name() + ".unreadable", t.unreadable());
                }
            }
        }
        return m;
    }

    synchronized void close() {
        if (views != null) {
            views.close();
        }
        if (parties != null) {
            parties.close();
        }
        exceptions.close();
        if (push != null) {
            push.close();
        }
    }

    private static HttpClient httpClient(DeliveryConfig.Mft mft) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (mft.trustStore().isPresent()) {
            try (InputStream in = Files.newInputStream(Path.of(mft.trustStore().get()))) {
                KeyStore ks = KeyStore.getInstance(mft.trustStoreType());
                ks.load(in, mft.trustStorePassword().map(String::toCharArray).orElse(null));
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
                b.sslContext(ctx);
            } catch (Exception e) {
                throw new IllegalStateException("cannot load the MFT trust store (mdma.mft.trust-store): "
                        + e.getClass().getSimpleName(), e);
            }
        }
        return b.build();
    }
}
