package energy.mdma.ingest.kafka;

import energy.mdma.events.AuditEvent;
import energy.mdma.events.kafka.Topics;
import energy.mdma.party.kafka.PartyAvro;
import energy.mdma.party.model.LockoutEvent;
import energy.mdma.party.model.LockoutSink;
import energy.mdma.service.text.SafeText;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What ingest writes besides its data: the audit trail (mdma.audit: logins, uploads, raw-file downloads, in the
 * shape delivery-service writes it) and the lockout states of failed logins (mdma.credentials, key
 * {principal}/lockout). One idempotent producer (acks=all), not transactional. Audit fields are capped and freed of
 * control characters; a lockout state and a durable audit event are waited for (and throw when they cannot be
 * written: the caller refuses), the other audit events are not.
 */
public final class IngestLog implements LockoutSink, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IngestLog.class);

    private final KafkaProducer<String, Object> producer;
    private final Duration timeout;
    private final Clock clock;

    /** The audit trail cannot take an event now. */
    public static final class AuditUnavailableException extends RuntimeException {
        AuditUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public IngestLog(Properties kafka, Serializer<Object> values, Duration timeout, Clock clock) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("linger.ms", "2");
        p.put("max.block.ms", Long.toString(timeout.toMillis()));
        p.put("request.timeout.ms", Long.toString(timeout.toMillis()));
        p.put("delivery.timeout.ms", Long.toString(timeout.toMillis() + 5000));
        p.remove("transactional.id");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), values);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** An audit event as delivery writes them; every text field capped. */
    public AuditEvent event(String actor, String role, String action, String party, String target, String source,
                            String outcome, String detail) {
        return AuditEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setAt(clock.instant())
                .setActor(actor == null ? "" : SafeText.cap(actor, 64))
                .setAction(action)
                .setTarget(SafeText.cap(target, 256))
                .setSourceAddress(SafeText.cap(source, 64))
                .setOutcome(outcome)
                .setDetail(SafeText.cap(detail, 256))
                .setParty(SafeText.cap(party, 64))
                .setRole(role)
                .build();
    }

    /** Writes an audit event without waiting (a failure is logged, without the event). */
    public void audit(AuditEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.AUDIT, event.getActor(), event), (md, error) -> {
                if (error != null) {
                    LOG.errorf("could not write an audit event to %s: %s", Topics.AUDIT, error.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf("could not write an audit event to %s: %s", Topics.AUDIT, e.toString());
        }
    }

    /** Writes an audit event and waits until the log has it; throws when it cannot (the action must not happen). */
    public void auditDurably(AuditEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.AUDIT, event.getActor(), event))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while writing to " + Topics.AUDIT, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new AuditUnavailableException("could not write to " + Topics.AUDIT + ": "
                    + cause.getClass().getSimpleName(), cause);
        }
    }

    /** A lockout state, waited for (a failure it cannot write refuses the principal's logins). */
    @Override
    public void publish(LockoutEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.CREDENTIALS, PartyAvro.lockoutKey(event.principal()),
                    PartyAvro.toAvro(event))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + Topics.CREDENTIALS, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write to " + Topics.CREDENTIALS, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
