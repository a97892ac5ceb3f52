package energy.mdma.ingest.service;

import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.kafka.KafkaClientSecurity;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.kafka.EventPublisher;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ingest's producer pool on the test broker (issue 14): a producer that failed is re-created; while that fails (here:
 * the broker refuses the credentials) the slot is not lost, uploads are refused at once instead of hanging, health is
 * DOWN, and the next attempt waits for its backoff (clock injected); once a producer can be made again, the pool is
 * whole and healthy.
 */
class ProducerPoolRecoveryTest {

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aFailedProducerIsRecreatedWithBackoffAndHealthSaysSoMeanwhile() throws Exception {
        Properties good = TestKafka.platform().kafkaClientProperties("ingest");
        good.put("max.block.ms", "15000");
        Properties bad = new Properties();
        bad.putAll(good);
        bad.put("sasl.jaas.config", KafkaClientSecurity.jaasConfig("ingest", "not-the-password"));
        AtomicReference<Properties> props = new AtomicReference<>(good);
        Supplier<Serializer<Object>> values = () -> {
            AvroKafkaSerializer s = new AvroKafkaSerializer();
            s.configure(EventSerdes.config(TestKafka.platform().registryUrl()), false);
            return (Serializer<Object>) s;
        };
        String prefix = "mdma-ingest-pool-test-" + UUID.randomUUID();
        AtomicLong now = new AtomicLong(0);
        try (EventPublisher pool = new EventPublisher(i -> EventPublisher.create(props.get(), values, prefix, i), 1,
                now::get)) {
            assertTrue(pool.healthy());

            // a file whose publishing fails (ingest may not write that topic): the producer is replaced, and
            // replacing it fails too (the broker refuses the credentials now)
            EventPublisher.Tx tx = pool.begin();
            props.set(bad);
            tx.send(Topics.CHANNEL_PERIODS, "K", new PartyEvent("P", PartyRole.ESP, "P", null, "test", Instant.now(), null));
            assertThrows(RuntimeException.class, tx::commit);
            assertFalse(pool.healthy(), "health DOWN while no producer can be made");
            assertEquals(1, pool.unavailable().size(), pool.unavailable().toString());

            // the slot is not lost: an upload is refused at once, with the reason, instead of waiting forever
            EventPublisher.UnavailableException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(EventPublisher.UnavailableException.class, pool::begin));
            assertTrue(refused.getMessage().contains("Kafka is not available"), refused.getMessage());
            // before the backoff has passed, it does not even try (the credentials are good again, still refused)
            props.set(good);
            assertThrows(EventPublisher.UnavailableException.class, pool::begin);
            assertFalse(pool.healthy());

            // after the backoff: the producer is made again, the pool is whole
            now.addAndGet(TimeUnit.SECONDS.toNanos(2));
            EventPublisher.Tx again = pool.begin();
            again.commit();
            assertTrue(pool.healthy(), pool.unavailable().toString());
            EventPublisher.Tx third = pool.begin();
            third.abort();
            assertTrue(pool.healthy());
        }
    }
}
