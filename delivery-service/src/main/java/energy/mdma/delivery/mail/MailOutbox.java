package energy.mdma.delivery.mail;

import energy.mdma.delivery.audit.AuditAction;
import energy.mdma.delivery.audit.AuditEntry;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.AuditSink;
import energy.mdma.service.text.SafeText;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The mails waiting to be sent. A mail is tried at once; a failed send is tried again with exponential backoff
 * (initial, doubling, capped) until {@code retryFor} (24 hours by default) after it was queued, then given up. Every
 * attempt that sends or fails, and every give-up, is in the audit trail (action MAIL: the party, the kind of mail,
 * the number of recipients, the attempt, the error's type - never an address' password or the SMTP credentials).
 * The queue lives in memory: mails still waiting when the service stops are not sent (their failures are audited).
 * Thread-safe; {@link #runDue()} is called by the service's scheduler and by tests with their own clock.
 */
public class MailOutbox {

    private static final Logger LOG = Logger.getLogger(MailOutbox.class);

    /** Backoff and give-up. */
    public record Retry(Duration initialBackoff, Duration maxBackoff, Duration retryFor) {
    }

    /** A queued mail. */
    public static final class Entry {
        final String id = UUID.randomUUID().toString();
        final String party;
        final String kind;
        final OutgoingMail mail;
        final Instant queuedAt;
        int attempts;
        Instant nextAt;
        String lastError;

        Entry(String party, String kind, OutgoingMail mail, Instant queuedAt) {
            this.party = party;
            this.kind = kind;
            this.mail = mail;
            this.queuedAt = queuedAt;
            this.nextAt = queuedAt;
        }

        public String id() {
            return id;
        }

        public int attempts() {
            return attempts;
        }

        public Instant nextAt() {
            return nextAt;
        }
    }

    private final MailTransport transport;
    private final AuditSink audit;
    private final Clock clock;
    private final Retry retry;
    private final List<Entry> queue = new ArrayList<>();

    public MailOutbox(MailTransport transport, AuditSink audit, Clock clock, Retry retry) {
        this.transport = transport;
        this.audit = audit;
        this.clock = clock;
        this.retry = retry;
    }

    /** Queues a mail to {@code party}'s contacts; it is sent by the next {@link #runDue()}. */
    public Entry submit(String party, String kind, OutgoingMail mail) {
        if (transport == MailTransport.OFF) {
            return null;
        }
        Entry e = new Entry(party, kind, mail, clock.instant());
        synchronized (queue) {
            queue.add(e);
        }
        return e;
    }

    /** Tries every mail that is due; returns how many were sent. One attempt at a time. */
    public synchronized int runDue() {
        Instant now = clock.instant();
        List<Entry> due;
        synchronized (queue) {
            due = queue.stream().filter(e -> !e.nextAt.isAfter(now)).toList();
        }
        int sent = 0;
        for (Entry e : due) {
            e.attempts++;
            try {
                transport.send(e.mail);
                remove(e);
                sent++;
                record(e, AuditOutcome.SUCCESS, "sent to " + e.mail.to().size() + " address(es), attempt " + e.attempts);
            } catch (Exception ex) {
                e.lastError = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
                Duration backoff = backoff(e.attempts);
                Instant next = clock.instant().plus(backoff);
                if (!next.isBefore(e.queuedAt.plus(retry.retryFor()))) {
                    remove(e);
                    record(e, AuditOutcome.FAILURE, "given up after " + e.attempts + " attempts over "
                            + retry.retryFor().toHours() + " h: " + e.lastError);
                    LOG.errorf("mail %s (%s to %s) given up after %d attempts: %s", e.id, e.kind, e.party, e.attempts,
                            SafeText.cap(e.lastError, 200));
                } else {
                    e.nextAt = next;
                    record(e, AuditOutcome.FAILURE, "attempt " + e.attempts + " failed, next in " + backoff.toSeconds()
                            + " s: " + e.lastError);
                    LOG.warnf("mail %s (%s to %s) not sent, attempt %d, next in %d s: %s", e.id, e.kind, e.party,
                            e.attempts, backoff.toSeconds(), SafeText.cap(e.lastError, 200));
                }
            }
        }
        return sent;
    }

    /** The backoff after the n-th failed attempt: initial * 2^(n-1), at most the cap. */
    public Duration backoff(int attempts) {
        Duration d = retry.initialBackoff();
        for (int i = 1; i < attempts && d.compareTo(retry.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : d;
    }

    /** The mails waiting (for tests and the status page). */
    public List<Entry> pending() {
        synchronized (queue) {
            return List.copyOf(queue);
        }
    }

    private void remove(Entry e) {
        synchronized (queue) {
            queue.remove(e);
        }
    }

    private void record(Entry e, AuditOutcome outcome, String detail) {
        audit.record(new AuditEntry(UUID.randomUUID().toString(), clock.instant(), "mdma-mail", null, AuditAction.MAIL,
                e.party, e.kind + ":" + e.id, null, outcome, SafeText.cap(detail, 240)));
    }
}
