package energy.mdma.delivery.mail;

import energy.mdma.delivery.TestClock;
import energy.mdma.delivery.audit.AuditEntry;
import energy.mdma.delivery.audit.AuditOutcome;
import energy.mdma.delivery.audit.AuditSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The outbox: a failed send is retried with exponential backoff for 24 hours, every attempt audited. */
class MailOutboxTest {

    /** Fails while {@code failing} is set, with an error that names the server, never a password. */
    static final class FlakyTransport implements MailTransport {
        boolean failing = true;
        final List<OutgoingMail> sent = new ArrayList<>();

        @Override
        public void send(OutgoingMail mail) throws Exception {
            if (failing) {
                throw new java.net.ConnectException("Connection refused: smtp.example.com:587");
            }
            sent.add(mail);
        }

        @Override
        public String describe() {
            return "test";
        }
    }

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
    /** What the outbox audited, in order (a durable record is a record here: AuditSink's default). */
    private final List<AuditEntry> audited = new ArrayList<>();
    private final AuditSink audit = audited::add;
    private final FlakyTransport transport = new FlakyTransport();
    private final MailOutbox outbox = new MailOutbox(transport, audit, clock,
            new MailOutbox.Retry(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24)));

    @Test
    void retriesWithBackoffUntilSent() {
        outbox.submit("UDC", "NOTICE_OUTAGE", OutgoingMail.text(List.of("ops@udc.example"), "s", "t"));
        assertEquals(0, outbox.runDue());
        assertEquals(1, outbox.pending().get(0).attempts());
        assertEquals(clock.instant().plus(Duration.ofMinutes(1)), outbox.pending().get(0).nextAt());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(0, outbox.runDue());
        assertEquals(1, outbox.pending().get(0).attempts(), "not due yet: not tried");
        clock.advance(Duration.ofSeconds(1));
        outbox.runDue();
        assertEquals(2, outbox.pending().get(0).attempts());
        assertEquals(clock.instant().plus(Duration.ofMinutes(2)), outbox.pending().get(0).nextAt(), "doubled");
        transport.failing = false;
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, outbox.runDue());
        assertTrue(outbox.pending().isEmpty());
        assertEquals(1, transport.sent.size());
        assertEquals(List.of(AuditOutcome.FAILURE, AuditOutcome.FAILURE, AuditOutcome.SUCCESS),
                audited.stream().map(AuditEntry::outcome).toList());
        assertTrue(audited.stream().allMatch(e -> e.party().equals("UDC") && e.resource().startsWith("NOTICE_OUTAGE:")));
        assertTrue(audited.get(0).detail().contains("ConnectException"), audited.get(0).detail());
    }

    @Test
    void backoffIsCappedAndGivenUpAfter24Hours() {
        assertEquals(Duration.ofMinutes(1), outbox.backoff(1));
        assertEquals(Duration.ofMinutes(32), outbox.backoff(6));
        assertEquals(Duration.ofHours(1), outbox.backoff(7));
        assertEquals(Duration.ofHours(1), outbox.backoff(50));
        Instant queued = clock.instant();
        outbox.submit("ESP1", "DATA_AVAILABILITY", OutgoingMail.text(List.of("desk@esp.example"), "s", "t"));
        int attempts = 0;
        while (!outbox.pending().isEmpty()) {
            outbox.runDue();
            attempts++;
            if (!outbox.pending().isEmpty()) {
                clock.set(outbox.pending().get(0).nextAt());
            }
            assertTrue(attempts < 100);
        }
        assertTrue(Duration.between(queued, clock.instant()).compareTo(Duration.ofHours(23)) > 0, "tried for about a day");
        assertTrue(Duration.between(queued, clock.instant()).compareTo(Duration.ofHours(24)) <= 0);
        AuditEntry last = audited.get(audited.size() - 1);
        assertEquals(AuditOutcome.FAILURE, last.outcome());
        assertTrue(last.detail().startsWith("given up after " + attempts + " attempts"), last.detail());
        assertTrue(transport.sent.isEmpty());
    }

    @Test
    void offTransportQueuesNothing() {
        MailOutbox off = new MailOutbox(MailTransport.OFF, audit, clock,
                new MailOutbox.Retry(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24)));
        assertNull(off.submit("UDC", "X", OutgoingMail.text(List.of("a@b.example"), "s", "t")));
        assertTrue(off.pending().isEmpty());
    }
}
