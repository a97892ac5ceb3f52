package energy.mdma.delivery.audit;

import energy.mdma.delivery.mailbox.MailboxFile;
import energy.mdma.service.auth.Caller;
import energy.mdma.party.model.Party;
import energy.mdma.service.text.SafeText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.UUID;

/**
 * Records audit events for the current caller. Ids taken from a request are validated before they are recorded: a
 * party id or a mailbox file id that cannot be one is recorded as {@code invalid:} and its first characters (the
 * event's fields are capped anyway, {@link AuditEntry}).
 */
@ApplicationScoped
public class Auditor {

    @Inject
    AuditSink sink;
    @Inject
    Caller caller;
    @Inject
    Clock clock;

    public void record(AuditAction action, String party, String resource, AuditOutcome outcome, String detail) {
        sink.record(event(action, party, resource, outcome, detail));
    }

    /**
     * Records the event and waits until it is durable: for the actions that depend on their audit (file contents,
     * summaries and archive data are released only once their audit is written).
     *
     * @throws AuditSink.AuditUnavailableException when it cannot be written (the caller answers 503, releases nothing)
     */
    public void recordDurably(AuditAction action, String party, String resource, AuditOutcome outcome, String detail) {
        sink.recordDurably(event(action, party, resource, outcome, detail));
    }

    /** For events before a caller is known (login attempts). */
    public void recordLogin(String user, String role, String source, AuditOutcome outcome, String detail, String path) {
        sink.record(new AuditEntry(UUID.randomUUID().toString(), clock.instant(), user, role, AuditAction.LOGIN,
                null, path, source, outcome, detail));
    }

    private AuditEntry event(AuditAction action, String party, String resource, AuditOutcome outcome, String detail) {
        boolean fileId = action == AuditAction.DOWNLOAD || action == AuditAction.ACK;
        return new AuditEntry(UUID.randomUUID().toString(), clock.instant(), caller.id(), caller.role(), action,
                partyId(party), fileId ? fileId(resource) : resource, caller.source(), outcome, detail);
    }

    /** A party id as it may be recorded: itself when valid, else marked invalid and cut short. */
    public static String partyId(String party) {
        return party == null || Party.isValidId(party) ? party : "invalid:" + SafeText.cap(party, 16);
    }

    /** A mailbox file id as it may be recorded: itself when it could be one, else marked invalid and cut short. */
    public static String fileId(String id) {
        return id == null || MailboxFile.isValidId(id) ? id : "invalid:" + SafeText.cap(id, 16);
    }
}
