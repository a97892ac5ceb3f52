package energy.mdma.ingest.service;

import energy.mdma.events.PartyEvent;
import energy.mdma.events.PartyRole;
import energy.mdma.kafka.EventSerdes;
import energy.mdma.events.kafka.Topics;
import energy.mdma.ingest.kafka.EventPublisher;
import energy.mdma.testsupport.TcpSwitch;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upload while the schema registry is away (found by the fault drill: a killed registry turned the upload of
 * intervals.csv into a 500 "internal error" that the utility's client does not retry): publishing fails as
 * {@link EventPublisher.UnavailableException}, which the API answers 503 with Retry-After, saying that nothing of the
 * file was published; the transaction is aborted.
 */
class RegistryAwayUploadTest {

    @Test
    void aRegistryThatRefusesConnectionsMakesThePublicationUnavailableNotAnIncident() throws Exception {
        int refusedPort;
        try (TcpSwitch gone = new TcpSwitch("localhost", TestKafka.platform().registryPort(), false)) {
            refusedPort = gone.port();
        }
        assertUnavailable("http://localhost:" + refusedPort + "/apis/registry/v2");
    }

    @Test
    void aRegistryThatDropsConnectionsMakesThePublicationUnavailableNotAnIncident() throws Exception {
        try (TcpSwitch dropping = new TcpSwitch("localhost", TestKafka.platform().registryPort(), false)) {
            assertUnavailable("http://localhost:" + dropping.port() + "/apis/registry/v2");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void assertUnavailable(String registryUrl) throws Exception {
        Properties props = TestKafka.platform().kafkaClientProperties("ingest");
        props.put("max.block.ms", "15000");
        Supplier<Serializer<Object>> values = () -> {
            AvroKafkaSerializer s = new AvroKafkaSerializer();
            s.configure(EventSerdes.config(registryUrl), false);
            return (Serializer<Object>) s;
        };
        String prefix = "mdma-ingest-registry-away-" + UUID.randomUUID();
        try (EventPublisher pool = new EventPublisher(i -> EventPublisher.create(props, values, prefix, i), 1,
                System::nanoTime)) {
            try (EventPublisher.Tx tx = pool.begin()) {
                String id = "AWAY" + UUID.randomUUID().toString().substring(0, 8);
                EventPublisher.UnavailableException e = assertThrows(EventPublisher.UnavailableException.class,
                        () -> tx.send(Topics.PARTIES, id, new PartyEvent(id, PartyRole.ESP, id, null, "test",
                                Instant.now(), null)));
                assertTrue(e.getMessage().contains("schema registry could not be reached"), e.getMessage());
                assertTrue(e.getMessage().contains("retry"), e.getMessage());
            }
        }
    }
}
